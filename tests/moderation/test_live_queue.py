"""The live review queue over WebSockets."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from accounts.models import User
from config.asgi import application
from forum import services
from forum.models import Category
from moderation import actions, queue

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@database_sync_to_async
def member(handle, **fields):
    return User.objects.create_user(handle=handle, password="a-long-passphrase", **fields)


@database_sync_to_async
def cookie(user):
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def queue_socket(user=None):
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if user is not None:
        headers.append((b"cookie", await cookie(user)))
    socket = WebsocketCommunicator(application, "/ws/moderation/queue/", headers=headers)
    connected, _ = await socket.connect(timeout=3)
    return socket, connected


@pytest.mark.parametrize("role", [None, "member", "practitioner"])
async def test_only_moderators_can_open_the_queue_socket(role):
    user = await member("someone", role=role) if role else None
    _, connected = await queue_socket(user)
    assert not connected


async def test_items_arrive_are_taken_and_leave_every_screen():
    author = await member("author")
    reporter = await member("reporter")
    first, second = await member("mod_a", role="moderator"), await member("mod_b", role="moderator")
    category = await database_sync_to_async(Category.objects.create)(name="C", slug="c")
    thread = await database_sync_to_async(services.create_thread)(
        category=category, author=author, title="T", body="Hello"
    )
    post = await database_sync_to_async(thread.posts.get)()
    (a, ok_a), (b, ok_b) = await queue_socket(first), await queue_socket(second)
    assert ok_a and ok_b

    await database_sync_to_async(queue.flag_post)(
        post=post, reporter=reporter, reason="harassment", note="rude"
    )
    for socket in (a, b):
        frame = await socket.receive_json_from(timeout=3)
        assert frame["type"] == "item" and frame["post"] == post.pk
        assert "Harassment or personal attack" in frame["html"] and "rude" in frame["html"]
        assert "reporter" not in frame["html"]

    await a.send_json_to({"type": "open", "post": post.pk})
    assert await b.receive_json_from(timeout=3) == {
        "type": "handling",
        "post": post.pk,
        "handle": "mod_a",
    }
    assert await a.receive_nothing(timeout=0.3)

    await database_sync_to_async(actions.act_on_post)(post=post, by=first, action="dismiss")
    for socket in (a, b):
        assert await socket.receive_json_from(timeout=3) == {"type": "resolved", "post": post.pk}
        await socket.disconnect(timeout=3)
