"""A real browser: Debian's Chromium driven by Playwright, never a downloaded one.

Outside CI, a machine without Chromium skips these tests with a clear reason
(`make test` installs it when it can). In CI a missing browser fails the run.
"""

import os
import shutil
import threading
import time
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Debian's Chromium is needed for browser tests and is not at {CHROMIUM}."
        if os.environ.get("CI"):
            pytest.fail(message + " CI must have it: `make test` installs it as root.")
        pytest.skip(message + " Install it with: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread from
    # here to the end of the session (browser tests run last); Django refuses
    # ORM calls beside one unless told the code really is synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _Counted:
    """The application, counting the requests and sockets it is still serving.

    A test's database is emptied when it ends; a request the closed browser
    left in flight would hold SQLite's table lock and make that fail.
    """

    serving: dict = {}
    lock = threading.Lock()

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        with self.lock:
            _Counted.serving[id(scope)] = (scope["type"], scope.get("path"), time.monotonic())
        try:
            return await self.application(scope, receive, send)
        finally:
            with self.lock:
                del _Counted.serving[id(scope)]


def wait_until_served(seconds=10, sockets=3):
    """Until the closed browser's requests are answered (failing after `seconds`).

    Sockets get `sockets` seconds: one closed while it was still opening is
    only ended by Daphne's own timeout, and holds no transaction meanwhile.
    """
    start = time.monotonic()
    while _Counted.serving:
        waited = time.monotonic() - start
        kinds = [kind for kind, _path, _since in _Counted.serving.values()]
        if "http" not in kinds and waited > sockets:
            return
        if waited > seconds:
            pytest.fail(
                f"still serving {seconds}s after the test: {list(_Counted.serving.values())}"
            )
        time.sleep(0.02)


@pytest.fixture(scope="session")
def asgi_server(django_db_setup):
    """The forum's real ASGI application under Daphne, as `make run` serves it.

    Daphne runs in a thread of this process, so it shares the test database
    (SQLite's shared in-memory database, or PostgreSQL) and the channel layer.
    """
    from daphne.endpoints import build_endpoint_description_strings
    from daphne.server import Server
    from twisted.internet import reactor

    from config.asgi import application

    server = Server(
        application=_Counted(application),
        endpoints=build_endpoint_description_strings(host="127.0.0.1", port=0),
        signal_handlers=False,
        verbosity=0,
    )
    threading.Thread(target=server.run, name="daphne", daemon=True).start()
    deadline = time.monotonic() + 10
    while not server.listening_addresses:
        if time.monotonic() > deadline:
            pytest.fail("Daphne did not start listening within 10 seconds.")
        time.sleep(0.05)
    host, port = server.listening_addresses[0]
    yield f"http://{host}:{port}"
    reactor.callFromThread(reactor.stop)


@pytest.fixture
def new_page(browser, asgi_server, transactional_db):
    """Open pages on the live server; any request to another origin fails the test."""
    contexts, foreign = [], []
    origin = urlsplit(asgi_server).netloc

    def make(*, javascript=True, width=1100, height=900):
        context = browser.new_context(
            base_url=asgi_server,
            java_script_enabled=javascript,
            viewport={"width": width, "height": height},
        )
        context.set_default_timeout(10_000)

        def guard(route):
            if urlsplit(route.request.url).netloc == origin:
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    wait_until_served()
    assert not foreign, f"pages asked another site for: {foreign}"
