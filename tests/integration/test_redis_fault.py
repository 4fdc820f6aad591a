"""Redis down or hung: posting never waits on it, and nothing is lost once it is back.

The hung case uses a redis-server of the test's own (Debian's binary, started on
a free port and stopped with SIGSTOP), never the machine's shared Redis. Without
redis-server these tests skip locally and fail in CI.
"""

import logging
import os
import time

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client, override_settings

from bench.servers import RedisServer, redis_server_binary
from config.asgi import application
from forum import services
from forum.models import Category, Post

UNREACHABLE = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        # Nothing listens on port 1: every connection is refused at once.
        "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
    }
}
HEADERS = [(b"origin", b"http://localhost"), (b"host", b"localhost")]


def layer_on(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [url], "prefix": "faults"},
        }
    }


def cache_on(url: str) -> dict:
    """The cache on that Redis, as config/settings.py sets it up (rate limits live there)."""
    options = {"socket_timeout": 0.2, "socket_connect_timeout": 0.2}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": options,
        }
    }


@pytest.fixture
def redis_server():
    if redis_server_binary() is None:
        message = "redis-server is not installed (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = RedisServer.start()
    yield server
    server.stop()


@pytest.fixture
def thread(make_member):
    member = make_member("river")
    category = Category.objects.create(name="Recovery", slug="recovery")
    return services.create_thread(category=category, author=member, title="Hi", body="Hello")


def outage_lines(caplog) -> tuple[int, int]:
    messages = [record.getMessage() for record in caplog.records]
    return (
        sum("Live updates could not be sent" in m for m in messages),
        sum("Live updates are back" in m for m in messages),
    )


async def _open(thread, cookie=None):
    headers = HEADERS + ([(b"cookie", cookie)] if cookie else [])
    socket = WebsocketCommunicator(application, f"/ws/threads/{thread.pk}/", headers=headers)
    connected, _ = await socket.connect(timeout=3)
    assert connected
    return socket


async def _posts_heard(socket, ids: set[int], within: float) -> set[int]:
    heard: set[int] = set()
    deadline = time.monotonic() + within
    while not ids <= heard and time.monotonic() < deadline:
        try:
            frame = await socket.receive_json_from(timeout=deadline - time.monotonic())
        except TimeoutError:
            break
        if frame["type"] == "post" and frame["kind"] == "new":
            heard.add(frame["id"])
    return heard


@pytest.mark.django_db(transaction=True)
def test_reply_over_http_is_saved_and_readers_catch_up_once_redis_is_back(client, thread, caplog):
    # The change number the page showed; the reply comes after it.
    seen = type(thread).objects.get(pk=thread.pk).change_seq
    client.force_login(thread.author)

    with override_settings(CHANNEL_LAYERS=UNREACHABLE), caplog.at_level(logging.INFO):
        started = time.monotonic()
        response = client.post(thread.get_absolute_url(), {"body": "Saved despite the outage."})
        took = time.monotonic() - started
        second = client.post(thread.get_absolute_url(), {"body": "And this one too."})

    assert response.status_code == 302 and second.status_code == 302
    assert took < 1.0
    post = Post.objects.get(body="Saved despite the outage.")
    assert response["Location"].endswith(f"#post-{post.pk}")
    assert outage_lines(caplog)[0] == 1  # once for the outage, not once per post

    # Back on a working layer, a reader who resumes gets the posts it missed.
    async def resume():
        socket = await _open(thread)
        await socket.send_json_to({"type": "resume", "after": seen})
        frames = []
        while len(frames) < 2:
            frame = await socket.receive_json_from(timeout=3)
            if frame["type"] == "post":
                frames.append(frame)
        await socket.disconnect()
        return frames

    frames = async_to_sync(resume)()
    assert frames[0]["id"] == post.pk and "Saved despite the outage." in frames[0]["html"]
    assert "And this one too." in frames[1]["html"]


@pytest.mark.django_db(transaction=True)
def test_while_redis_hangs_replies_are_answered_at_once_and_heard_once_it_wakes(
    thread, redis_server, caplog
):
    member = thread.author
    client = Client()
    client.force_login(member)
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()

    async def scenario():
        reader = await _open(thread)
        writer = await _open(thread, cookie)
        redis_server.pause()
        try:
            timings, ids = [], set()
            for n in range(3):
                started = time.monotonic()
                await writer.send_json_to({"type": "reply", "body": f"Socket reply {n}", "ref": n})
                while (ack := await writer.receive_json_from(timeout=5))["type"] != "ack":
                    pass
                timings.append(time.monotonic() - started)
                ids.add(ack["id"])
            # The form, run from the event loop as Daphne runs a view.
            for n in range(3):
                started = time.monotonic()
                response = await sync_to_async(client.post)(
                    thread.get_absolute_url(), {"body": f"Form reply {n}"}
                )
                timings.append(time.monotonic() - started)
                assert response.status_code == 302
                ids.add(int(response["Location"].rsplit("#post-", 1)[1]))
        finally:
            redis_server.resume()
        # The reader stayed connected through it all: every reply reaches it.
        heard = await _posts_heard(reader, ids, within=10)
        await reader.disconnect()
        await writer.disconnect()
        return timings, ids, heard

    with (
        # The channel layer and the cache (rate limits, reader counts) both on it.
        override_settings(
            CHANNEL_LAYERS=layer_on(redis_server.url), CACHES=cache_on(redis_server.url)
        ),
        caplog.at_level(logging.INFO),
    ):
        timings, ids, heard = async_to_sync(scenario)()

    assert Post.objects.filter(pk__in=ids).count() == 6
    assert max(timings) < 1.0, timings
    assert heard == ids
    deadline = time.monotonic() + 3
    while outage_lines(caplog)[1] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert outage_lines(caplog) == (1, 1)  # one outage: logged as it began and as it ended
