"""The production topology, end to end: nginx in front of gunicorn and Daphne.

deploy/topology.py starts Debian's nginx with deploy/nginx/commonground.conf
(TLS on a self-signed certificate, free ports, a folder of its own) in front
of one gunicorn process (deploy/gunicorn.conf.py) and one Daphne process,
on the configured database and Redis, with production settings (DEBUG off,
https, BEHIND_PROXY). Through the proxy a visitor reads a page, signs in and
replies with plain form posts, and a reader's WebSocket receives that reply
live. Without nginx the test is skipped with the reason, and fails in CI.
"""

import asyncio
import gzip
import http.cookiejar
import os
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest
import redis
from websockets.asyncio.client import connect

from bench.servers import UNLIMITED, scratch_database, server_env, sign_in_writers
from deploy import topology
from tests.integration.test_two_processes import REDIS_URL, _next, _require_redis

ROOT = topology.ROOT

VISITOR = "127.0.0.1"  # every request below comes from this address


@dataclass
class Response:
    status: int
    headers: dict
    body: str
    compressed: bool


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """What a browser does that matters here: cookies, gzip, and Origin on posts."""

    def __init__(self, site: topology.Site):
        self.site = site
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=site.tls),
            urllib.request.HTTPCookieProcessor(self.cookies),
            _NoRedirects(),
        )

    def request(self, url: str, data: dict | None = None) -> Response:
        headers = {"Accept-Encoding": "gzip"}
        body = None
        if data is not None:
            headers["Origin"] = self.site.origin
            body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 (https only)
        try:
            answer = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx, 4xx and 5xx land here
            answer = error
        with answer:
            raw = answer.read()
            compressed = answer.headers.get("Content-Encoding") == "gzip"
            text = (gzip.decompress(raw) if compressed else raw).decode(errors="replace")
            return Response(answer.status, dict(answer.headers), text, compressed)

    def get(self, path: str) -> Response:
        return self.request(self.site.url(path))

    def post_form(self, path: str, fields: dict) -> Response:
        """Post the form on `path` as a person would: its CSRF token, then their fields."""
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert token, f"no form on {path}"
        return self.request(self.site.url(path), {"csrfmiddlewaretoken": token[1], **fields})

    def cookie(self, name: str):
        return next((cookie for cookie in self.cookies if cookie.name == name), None)


def _require_nginx() -> None:
    if topology.nginx_binary() is None:
        message = "The topology test needs Debian's nginx: make nginx (or apt-get install nginx)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def site(tmp_path):
    """The topology on a database of its own, with one member (writer_0) and a thread."""
    _require_nginx()
    _require_redis()
    with scratch_database(os.environ.get("DATABASE_URL", ""), name="topology") as database:
        # Production settings: https on, as nginx terminates TLS.
        env = server_env(database, redis_url=REDIS_URL, HTTPS="true", **UNLIMITED)
        ids = sign_in_writers(env, writers=1, migrate=True)
        with topology.running(env, tmp_path / "topology") as running:
            running.thread_id = ids["thread"]
            yield running


def test_a_visitor_reads_through_nginx_over_https_with_pages_compressed(site):
    browser = Browser(site)
    home = browser.get("/")
    assert home.status == 200, site.log_text()
    assert "Live" in home.body  # the category made for this test
    assert home.compressed
    assert home.headers["Strict-Transport-Security"].startswith("max-age=")

    # Plain http is sent to https.
    plain = urllib.request.build_opener(_NoRedirects())
    with pytest.raises(urllib.error.HTTPError) as redirected:
        plain.open(f"http://{VISITOR}:{site.http_port}/c/live/", timeout=10)
    assert redirected.value.code == 301
    assert redirected.value.headers["Location"] == f"https://{VISITOR}/c/live/"

    # Static files: hashed names, precompressed, cached for good.
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.body)
    assert stylesheet, "the page links no hashed stylesheet"
    css = browser.get(stylesheet[1])
    assert css.status == 200
    assert css.compressed
    assert "immutable" in css.headers["Cache-Control"]
    assert css.body == (ROOT / "static" / "css" / "site.css").read_text()

    # The load balancer's check: ok, no cookie, never cached.
    health = browser.get("/healthz")
    assert (health.status, health.body) == (200, "ok\n")
    assert "Set-Cookie" not in health.headers
    assert "no-store" in health.headers["Cache-Control"]


def test_a_member_signs_in_and_replies_a_reader_sees_it_live_and_no_address_is_kept(site):
    member = Browser(site)
    # A failed sign-in first: allauth counts attempts (per handle), in the cache.
    wrong = member.post_form("/accounts/login/", {"login": "writer_0", "password": "not-it"})
    assert wrong.status == 200
    assert "match" in wrong.body
    signed_in = member.post_form(
        "/accounts/login/", {"login": "writer_0", "password": "a-long-passphrase"}
    )
    assert signed_in.status == 302, signed_in.body[:500]
    session = member.cookie("sessionid")
    assert session is not None and session.secure

    thread = f"/threads/{site.thread_id}/"

    async def reply_while_reading():
        async with connect(
            site.ws_url(f"/ws/threads/{site.thread_id}/"), ssl=site.tls, origin=site.origin
        ) as reader:
            posted = await asyncio.to_thread(
                member.post_form, thread, {"body": "Through nginx, live!"}
            )
            frame = await _next(reader, "post")
            return posted, frame

    posted, frame = asyncio.run(reply_while_reading())
    assert posted.status == 302, posted.body[:500]
    assert posted.headers["Location"].startswith(thread)
    assert frame["kind"] == "new" and "Through nginx, live!" in frame["html"]
    assert "Through nginx, live!" in member.get(thread).body
    assert member.get("/nowhere/").status == 404

    # nginx logged none of it, and the cache holds no address.
    logs = [path for path in site.logs.iterdir() if path.name.startswith("nginx-")]
    assert any(path.name == "nginx-main.access.log" for path in logs)
    for path in logs:
        assert VISITOR not in path.read_text(), f"{path.name} holds the visitor's address"
    store = redis.Redis.from_url(REDIS_URL)
    keys = list(store.scan_iter("commonground*"))
    assert any(b"allauth" in key for key in keys), "the failed sign-in was not counted"
    for key in keys:
        stored = key + (store.dump(key) or b"")
        assert VISITOR.encode() not in stored, f"{key!r} holds the visitor's address"


def test_the_site_for_two_daphne_processes_is_one_nginx_accepts(tmp_path):
    _require_nginx()
    from deploy import render

    certificate, key = topology.make_certificate(tmp_path)
    values = {
        **render.values_from_environment({"CG_SERVER_NAME": "forum.example.org"}),
        "CG_WS_UPSTREAM": "127.0.0.1:8001, 127.0.0.1:8002",
        "CG_TLS_CERTIFICATE": str(certificate),
        "CG_TLS_CERTIFICATE_KEY": str(key),
        "CG_ERROR_LOG": str(tmp_path / "error.log"),
    }
    site = render.render_site(values)
    assert "${" not in site
    assert "server 127.0.0.1:8001;\n    server 127.0.0.1:8002;" in site
    assert "server_name forum.example.org;" in site
    (tmp_path / "commonground.conf").write_text(site)
    conf = topology.write_main_conf(tmp_path)
    checked = subprocess.run(
        [topology.nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
