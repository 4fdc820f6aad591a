"""Privacy promises, checked across the whole site.

- Anonymous posts never reveal their author, on any page or socket frame, to
  a visitor, another member or a practitioner.
- No IP address is stored anywhere in the database.
- Every resource a page loads comes from the site itself, under a strict CSP.
- Production settings pass `check --deploy`.
"""

import json
import logging
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client

from accounts.models import User
from config.asgi import application
from forum import prompts, services
from forum.models import Category

ROOT = Path(__file__).resolve().parents[2]
SECRET_HANDLE = "zz_hidden_author"
SECRET_ID = 987654321


@pytest.fixture
def anonymous_world(db, make_member):
    """An author who only ever posts anonymously, on every kind of surface."""
    author = User.objects.create_user(pk=SECRET_ID, handle=SECRET_HANDLE, password="x" * 12)
    host = make_member("open_host")
    category = Category.objects.create(name="Recovery", slug="recovery")
    own = services.create_thread(
        category=category,
        author=author,
        title="My own story",
        body="Told quietly.",
        anonymous=True,
    )
    public = services.create_thread(category=category, author=host, title="Open", body="Hi all")
    reply = services.create_post(
        thread=public, author=author, body="A quiet reply.", anonymous=True
    )
    services.edit_post(post=reply, editor=author, body="A quiet reply, edited.")
    gone = services.create_post(thread=public, author=author, body="Taken back.", anonymous=True)
    services.remove_post_by_author(post=gone, user=author)
    services.create_post(thread=public, author=author, body="Those junkies.", anonymous=True)
    prompt = prompts.create_prompt(
        by=None, question="What helps?", framing="Tell us.", category=category
    )
    prompts.feature_now(prompt=prompt, by=None)
    services.create_post(thread=prompt.thread, author=author, body="Sleep.", anonymous=True)
    return {"author": author, "own": own, "public": public, "reply": reply, "prompt": prompt}


def surfaces(world) -> list[str]:
    own, public, prompt, reply = world["own"], world["public"], world["prompt"], world["reply"]
    return [
        "/",
        "/c/recovery/",
        own.get_absolute_url(),
        public.get_absolute_url(),
        prompt.thread.get_absolute_url(),
        "/prompts/",
        f"/posts/{reply.pk}/",
        f"/members/{SECRET_HANDLE}/",
        "/members/open_host/",
        "/search/?q=quiet",
    ]


def assert_no_trace(text: str, where: str) -> None:
    assert SECRET_HANDLE not in text, f"the author's handle appears in {where}"
    assert str(SECRET_ID) not in text, f"the author's id appears in {where}"


@pytest.mark.parametrize("viewer", ["visitor", "member", "practitioner"])
@pytest.mark.django_db
def test_anonymous_posts_leave_no_trace_on_any_page(anonymous_world, make_member, viewer):
    client = Client()
    if viewer != "visitor":
        client.force_login(make_member(role=viewer))
    for url in surfaces(anonymous_world):
        response = client.get(url, follow=True)
        body = response.content.decode()
        if url == f"/members/{SECRET_HANDLE}/":
            # The profile page names its owner, and lists none of the anonymous posts.
            body = body.replace(SECRET_HANDLE, "")
            for words in ("Told quietly", "A quiet reply", "Sleep."):
                assert words not in body
        assert_no_trace(body, url)
        assert_no_trace(json.dumps([response.redirect_chain]), f"redirects from {url}")
        assert response.status_code == 200
        if url not in ("/prompts/",) and not url.startswith("/members/"):
            assert "Anonymous" in body, f"{url} shows the anonymous content"


@pytest.mark.parametrize("viewer", ["visitor", "member", "practitioner"])
@pytest.mark.django_db(transaction=True)
def test_anonymous_posts_leave_no_trace_in_socket_frames(make_member, viewer):
    author = User.objects.create_user(pk=SECRET_ID, handle=SECRET_HANDLE, password="x" * 12)
    host = make_member("open_host")
    category = Category.objects.create(name="Recovery", slug="recovery")
    thread = services.create_thread(category=category, author=host, title="Open", body="Hi")
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if viewer != "visitor":
        client = Client()
        client.force_login(make_member(role=viewer))
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    frames = []

    async def watch(action):
        sockets = [
            WebsocketCommunicator(application, path, headers=headers)
            for path in (f"/ws/threads/{thread.pk}/", "/ws/home/", f"/ws/categories/{category.pk}/")
        ]
        for socket in sockets:
            assert (await socket.connect(timeout=3))[0]
        await action()
        for socket in sockets:
            while not await socket.receive_nothing(timeout=0.4):
                frames.append(await socket.receive_from())
            await socket.disconnect(timeout=3)

    from channels.db import database_sync_to_async

    @database_sync_to_async
    def act():
        post = services.create_post(thread=thread, author=author, body="Quiet.", anonymous=True)
        services.edit_post(post=post, editor=author, body="Quiet, edited.")
        services.create_thread(
            category=category, author=author, title="Mine", body="Also quiet.", anonymous=True
        )
        services.remove_post_by_author(post=post, user=author)

    async def everything():
        await act()

    async_to_sync(watch)(everything)

    kinds = {json.loads(frame)["type"] for frame in frames}
    assert {"post", "activity"} <= kinds
    for frame in frames:
        assert_no_trace(frame, "a socket frame")


# -- no IP addresses ---------------------------------------------------------------------

CLIENT_ADDRESS = "203.0.113.77"


@pytest.mark.django_db
def test_no_ip_address_is_stored_anywhere_or_logged(category, caplog):
    caplog.set_level(logging.DEBUG)
    client = Client(REMOTE_ADDR=CLIENT_ADDRESS, HTTP_X_FORWARDED_FOR=CLIENT_ADDRESS)
    client.post(
        "/accounts/signup/",
        {
            "username": "traveller",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
        },
    )
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": "traveller", "password": "wrong-one"})
    client.post("/accounts/login/", {"login": "traveller", "password": "a-long-passphrase"})
    client.post(f"/c/{category.slug}/new/", {"title": "Hello", "body": "First post"})
    client.post("/prompts/suggest/", {"question": "What keeps you going?"})
    client.post("/moderation/language/check/", {"text": "junkie"})
    client.post("/members/settings/", {"handle": "traveller2"})
    client.post(f"/c/{category.slug}/new/", {"title": "", "body": ""})  # a logged 400
    client.get("/threads/999999/")  # a logged 404
    assert User.objects.filter(handle="traveller2").exists()
    assert caplog.records
    assert not [r.getMessage() for r in caplog.records if CLIENT_ADDRESS in r.getMessage()]

    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            for row in cursor.fetchall():
                if any(CLIENT_ADDRESS in str(value) for value in row):
                    found.append(table)
    for session in Session.objects.all():
        if CLIENT_ADDRESS in json.dumps(session.get_decoded()):
            found.append("session data")
    assert found == []


# -- nothing from other sites ----------------------------------------------------------------


class _Resources(HTMLParser):
    """Everything a page would load, its links, and any inline script."""

    LOADS = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "audio": "src",
        "video": "src",
        "source": "src",
        "embed": "src",
        "object": "data",
        "track": "src",
    }

    def __init__(self):
        super().__init__()
        self.loads, self.links, self.inline_scripts = [], [], 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.LOADS and attrs.get(self.LOADS[tag]):
            self.loads.append(attrs[self.LOADS[tag]])
        if tag == "link" and attrs.get("href"):
            self.loads.append(attrs["href"])
        if tag == "form" and attrs.get("action"):
            self.loads.append(attrs["action"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script" and not attrs.get("src"):
            self._in_script = True
        for name, value in attrs.items():
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.inline_scripts += 1

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


SKIP = ("/accounts/logout/", "/members/settings/delete/", "/admin/", "/members/settings/export/")


@pytest.mark.parametrize("viewer", ["visitor", "member", "moderator"])
@pytest.mark.django_db
def test_every_page_loads_only_from_this_site(anonymous_world, make_member, viewer):
    client = Client()
    if viewer != "visitor":
        client.force_login(make_member(role=viewer))
    queue, seen = ["/"], set()
    while queue and len(seen) < 80:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        page = _Resources()
        page.feed(response.content.decode())
        for resource in page.loads:
            target = urlsplit(urljoin("http://testserver" + url, resource))
            assert target.netloc == "testserver", f"{url} loads {resource}"
        assert page.inline_scripts == 0, f"{url} has inline script"
        for link in page.links:
            target = urlsplit(urljoin("http://testserver" + url, link))
            path = target.path + (f"?{target.query}" if target.query else "")
            if target.netloc == "testserver" and not path.startswith(SKIP):
                queue.append(path)
    assert len(seen) >= 15


# -- production settings -----------------------------------------------------------------


def test_production_settings_pass_check_deploy():
    env = {k: v for k, v in os.environ.items() if k not in ("HTTPS", "DEBUG")}
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "a-production-like-secret-" + "k3y" * 20,
            "ALLOWED_HOSTS": "forum.example.org",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert not re.search(r"security\.W\d+", result.stdout + result.stderr)
