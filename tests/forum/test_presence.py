"""The reader count: one per open tab, right after reconnects, crashes and a lost store.

Through the real ASGI application, on the in-memory layer and local-memory
cache in the first CI pass and on Redis (layer and seats) in the second.
"""

import asyncio

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from config.asgi import application
from forum import presence, services
from forum.models import Category

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture(autouse=True)
def _quick_presence(settings):
    settings.LIVE_PRESENCE_DELAY = 0.01
    settings.LIVE_PRESENCE_TTL = 1.0
    settings.LIVE_PRESENCE_HEARTBEAT = 0.2


@database_sync_to_async
def a_thread():
    author = User.objects.create_user(handle="river", password="a-long-passphrase")
    category = Category.objects.create(name="Live", slug="live")
    thread = services.create_thread(category=category, author=author, title="Hi", body="Hello")
    client = Client()
    client.force_login(author)
    return thread, f"sessionid={client.cookies['sessionid'].value}".encode()


async def open_tab(thread, cookie=None):
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if cookie:
        headers.append((b"cookie", cookie))
    tab = WebsocketCommunicator(application, f"/ws/threads/{thread.pk}/", headers=headers)
    connected, _ = await tab.connect(timeout=3)
    assert connected
    return tab


async def count_settles_at(tab, expected, within=4.0) -> int:
    """The reader count `tab` shows once it reaches `expected` (or the last one, on time out)."""
    shown = None
    deadline = asyncio.get_running_loop().time() + within
    while shown != expected:
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0:
            break
        try:
            frame = await tab.receive_json_from(timeout=left)
        except TimeoutError:
            break
        if frame["type"] == "presence":
            shown = frame["count"]
    return shown


async def test_two_tabs_of_one_person_say_two():
    thread, cookie = await a_thread()
    first = await open_tab(thread, cookie)
    second = await open_tab(thread, cookie)

    assert await count_settles_at(first, 2) == 2
    assert await count_settles_at(second, 2) == 2
    # Nothing drifts upward while they stay: heartbeats renew, they do not add.
    await asyncio.sleep(0.6)
    assert await presence.count(thread.pk) == 2

    await second.disconnect()
    assert await count_settles_at(first, 1) == 1
    await first.disconnect()


async def test_reconnecting_again_and_again_still_counts_one():
    thread, _ = await a_thread()
    for _ in range(4):
        tab = await open_tab(thread)
        await tab.disconnect()
    tab = await open_tab(thread)

    assert await count_settles_at(tab, 1) == 1
    assert await presence.count(thread.pk) == 1
    await tab.disconnect()


async def test_a_connection_that_ends_without_a_goodbye_stops_counting():
    thread, _ = await a_thread()
    staying = await open_tab(thread)
    vanishing = await open_tab(thread)
    assert await count_settles_at(staying, 2) == 2

    # Its task is killed: no disconnect handler runs (as when a server stops).
    vanishing.future.cancel()

    assert await count_settles_at(staying, 1) == 1
    await staying.disconnect()


async def test_a_seat_left_by_a_crashed_process_expires():
    thread, _ = await a_thread()
    # What a process that died leaves behind: a seat that nobody renews.
    await presence._store().take(thread.pk, "specific.gone!crashed", 0.5)
    tab = await open_tab(thread)

    assert await count_settles_at(tab, 1) == 1
    await tab.disconnect()


def on_redis() -> bool:
    return presence._uses_redis()


async def test_counts_come_back_after_the_local_cache_lost_them():
    if on_redis():
        pytest.skip("the local-memory store; Redis is the next test")
    thread, _ = await a_thread()
    first = await open_tab(thread)
    second = await open_tab(thread)
    assert await count_settles_at(first, 2) == 2

    await database_sync_to_async(cache.clear)()
    assert await presence.count(thread.pk) == 0

    # Within a heartbeat every open tab has its seat again.
    await asyncio.sleep(0.6)
    assert await presence.count(thread.pk) == 2
    await first.disconnect()
    await second.disconnect()


async def test_after_redis_lost_everything_open_pages_reconnect_and_miss_nothing():
    if not on_redis():
        pytest.skip("needs Redis (REDIS_URL): the second CI pass")
    thread, cookie = await a_thread()
    # The thread's change number the page showed (resume asks for what came after).
    opening = await database_sync_to_async(
        lambda: type(thread).objects.values_list("change_seq", flat=True).get(pk=thread.pk)
    )()
    tab = await open_tab(thread)
    assert await count_settles_at(tab, 1) == 1

    # Redis restarts empty: seats and group memberships are gone, so a reply
    # posted now reaches nobody live.
    await database_sync_to_async(cache.clear)()
    author = await database_sync_to_async(User.objects.get)(handle="river")
    post = await database_sync_to_async(services.create_post)(
        thread=thread, author=author, body="Posted while Redis forgot us."
    )

    # Within a heartbeat the page is told to reconnect ...
    while True:
        message = await tab.receive_output(timeout=3)
        if message["type"] == "websocket.close":
            break
    assert message["code"] == 1012
    # ... and, as the page does, resumes from the last change it saw.
    again = await open_tab(thread, cookie)
    await again.send_json_to({"type": "resume", "after": opening})
    frame = await again.receive_json_from(timeout=3)
    while frame["type"] != "post":
        frame = await again.receive_json_from(timeout=3)
    assert frame["id"] == post.pk and "Posted while Redis forgot us." in frame["html"]
    assert await count_settles_at(again, 1) == 1
    await again.disconnect()
