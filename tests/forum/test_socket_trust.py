"""Sockets keep the promises pages keep: they end with the sign-in, they stop
when the thread is no longer readable, only this site's pages may open them,
and every frame is read and checked before anything is done with it."""

import json

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from forum import review
from forum.models import Post
from moderation import actions
from tests.live_helpers import make_thread, make_user, next_frame, open_socket, send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@database_sync_to_async
def signed_in_client(user):
    client = Client()
    client.force_login(user)
    return client


def cookie(client) -> bytes:
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def socket_for(path, client, origin=b"http://localhost"):
    from channels.testing import WebsocketCommunicator

    from config.asgi import application

    headers = [(b"origin", origin), (b"host", b"localhost"), (b"cookie", cookie(client))]
    socket = WebsocketCommunicator(application, path, headers=headers)
    socket.accepted, socket.close_code = await socket.connect(timeout=3)
    return socket


async def closed_with(socket, timeout=3) -> int:
    """Wait for the server to close the socket; its close code."""
    while True:
        message = await socket.receive_output(timeout=timeout)
        if message["type"] == "websocket.close":
            return message.get("code")


def count_posts(**filters):
    return database_sync_to_async(Post.objects.filter(**filters).count)()


# -- a socket ends with the sign-in ------------------------------------------------


async def test_after_signing_out_an_open_socket_cannot_post(settings):
    member = await make_user("river")
    thread = await make_thread(member)
    client = await signed_in_client(member)
    socket = await socket_for(f"/ws/threads/{thread.pk}/", client)
    assert socket.accepted

    await database_sync_to_async(client.post)("/accounts/logout/")

    # The socket is told to go; and had it stayed, a reply would be refused.
    assert await closed_with(socket) == 4401
    assert await count_posts(thread=thread, body="Posted as them") == 0


async def test_a_socket_that_missed_the_sign_out_still_cannot_post():
    member = await make_user("river")
    thread = await make_thread(member)
    client = await signed_in_client(member)
    socket = await socket_for(f"/ws/threads/{thread.pk}/", client)
    # The sign-out happens where this socket can't hear it (the session is simply gone).
    await database_sync_to_async(client.session.delete)()

    await send(socket, type="reply", body="Posted as them")

    error = await next_frame_or_error(socket)
    assert error["type"] == "error" and error["code"] == "sign_in"
    assert error["body"] == "Posted as them"
    assert await count_posts(body="Posted as them") == 0
    await socket.disconnect()


async def next_frame_or_error(socket):
    while True:
        frame = await socket.receive_json_from(timeout=3)
        if frame["type"] in ("error", "ack"):
            return frame


@pytest.mark.parametrize("change", ["password", "account_closed"])
async def test_sockets_end_when_the_sign_in_ends(change):
    member = await make_user("river")
    moderator = await make_user("mod_mo", role="moderator")
    thread = await make_thread(moderator)
    client = await signed_in_client(member)
    sockets = [
        await socket_for(f"/ws/threads/{thread.pk}/", client),
        await socket_for("/ws/notifications/", client),
    ]
    assert all(s.accepted for s in sockets)

    @database_sync_to_async
    def end_it():
        if change == "password":
            other = Client()
            other.force_login(member)
            response = other.post(
                "/accounts/password/change/",
                {
                    "oldpassword": "a-long-passphrase",
                    "password1": "another-long-passphrase",
                    "password2": "another-long-passphrase",
                },
            )
            assert response.status_code == 302
        else:
            response = client.post(
                "/members/settings/delete/", {"password": "a-long-passphrase", "posts": "keep"}
            )
            assert response.status_code == 302

    await end_it()

    for socket in sockets:
        assert await closed_with(socket) == 4401


async def test_a_banned_members_open_socket_posts_nothing():
    member = await make_user("river")
    moderator = await make_user("mod_mo", role="moderator")
    thread = await make_thread(moderator)
    client = await signed_in_client(member)
    socket = await socket_for(f"/ws/threads/{thread.pk}/", client)

    await database_sync_to_async(actions.act_on_member)(
        member=member, by=moderator, action="ban", reason="Selling"
    )
    await send(socket, type="reply", body="Still selling")

    error = await next_frame_or_error(socket)
    assert error["type"] == "error" and error["code"] == "not_allowed"
    assert "closed to posting" in error["message"] and error["body"] == "Still selling"
    assert await count_posts(body="Still selling") == 0
    await socket.disconnect()


async def test_a_moderators_queue_socket_ends_with_their_sign_in():
    moderator = await make_user("mod_mo", role="moderator")
    client = await signed_in_client(moderator)
    socket = await socket_for("/ws/moderation/queue/", client)
    assert socket.accepted
    await database_sync_to_async(client.post)("/accounts/logout/")
    assert await closed_with(socket) == 4401


# -- a socket stops when the thread is no longer readable ------------------------


async def test_readers_are_let_go_when_a_thread_is_no_longer_listed():
    author = await make_user("river")
    moderator = await make_user("mod_mo", role="moderator")
    thread = await make_thread(author)
    reader = await open_socket(f"/ws/threads/{thread.pk}/")
    member = await make_user("sam")
    member_socket = await open_socket(f"/ws/threads/{thread.pk}/", user=member)
    moderator_socket = await open_socket(f"/ws/threads/{thread.pk}/", user=moderator)

    @database_sync_to_async
    def hide_opening():
        review.hide_post(post=thread.posts.order_by("id").first(), by=moderator)

    await hide_opening()

    assert await closed_with(reader) == 4404
    assert await closed_with(member_socket) == 4404
    # Moderators keep reading.
    await send(moderator_socket, type="ping")
    assert await next_frame(moderator_socket, "pong")
    await moderator_socket.disconnect()


async def test_resume_on_a_thread_no_longer_listed_returns_nothing():
    author = await make_user("river")
    moderator = await make_user("mod_mo", role="moderator")
    thread = await make_thread(author)
    reader = await open_socket(f"/ws/threads/{thread.pk}/")
    # The thread goes quiet without this socket hearing (as if the event were lost).
    await database_sync_to_async(type(thread).objects.filter(pk=thread.pk).update)(public=False)

    await send(reader, type="resume", after=0)

    frames = []
    while True:
        message = await reader.receive_output(timeout=3)
        if message["type"] == "websocket.close":
            break
        frames.append(json.loads(message["text"]))
    assert not [f for f in frames if f["type"] == "post"]
    assert moderator  # the moderator exists only to make the world realistic


# -- only this site's pages may open a socket --------------------------------------


@pytest.mark.parametrize(
    "origin",
    [
        b"http://localhost:9999",
        b"https://localhost",
        b"http://localhost.evil.example",
        b"null",
        b"",
    ],
)
@pytest.mark.parametrize("path", ["/ws/threads/{thread}/", "/ws/notifications/", "/ws/home/"])
async def test_sockets_from_another_origin_are_refused(origin, path):
    member = await make_user("river", role="moderator")
    thread = await make_thread(member)
    client = await signed_in_client(member)
    socket = await socket_for(path.format(thread=thread.pk), client, origin=origin)
    assert not socket.accepted
    queue = await socket_for("/ws/moderation/queue/", client, origin=origin)
    assert not queue.accepted


async def test_the_sites_own_origin_is_accepted_with_or_without_its_default_port():
    member = await make_user("river")
    client = await signed_in_client(member)
    for origin in (b"http://localhost", b"http://LOCALHOST:80"):
        socket = await socket_for("/ws/notifications/", client, origin=origin)
        assert socket.accepted
        await socket.disconnect()


async def test_behind_a_proxy_the_configured_origin_is_the_one_accepted(settings):
    settings.SITE_ORIGINS = ["https://forum.example.org"]
    member = await make_user("river")
    client = await signed_in_client(member)
    good = await socket_for("/ws/notifications/", client, origin=b"https://forum.example.org")
    assert good.accepted
    await good.disconnect()
    for origin in (
        b"http://localhost",
        b"http://forum.example.org",
        b"https://forum.example.org:8443",
    ):
        assert not (await socket_for("/ws/notifications/", client, origin=origin)).accepted


# -- every frame is read and checked ---------------------------------------------------


async def test_a_nul_in_a_socket_reply_is_refused_and_nothing_is_stored():
    author = await make_user("river")
    thread = await make_thread(author)
    socket = await open_socket(f"/ws/threads/{thread.pk}/", user=author)

    await send(socket, type="reply", body="Hello\x00there", ref="r1")

    error = await next_frame_or_error(socket)
    assert error["type"] == "error" and error["code"] == "invalid" and error["ref"] == "r1"
    assert "null character" in error["message"]
    assert await count_posts(thread=thread) == 1
    await socket.disconnect()


async def test_a_deeply_nested_frame_gets_an_error_and_the_socket_lives():
    author = await make_user("river")
    thread = await make_thread(author)
    socket = await open_socket(f"/ws/threads/{thread.pk}/")

    await socket.send_to(text_data="[" * 10_000 + "]" * 10_000)
    error = await next_frame_or_error(socket)
    assert error["code"] == "bad_json"
    await socket.send_to(text_data='{"type": "reply", "body": {"a": {"b": [[[[[[[[1]]]]]]]]}}}')
    assert (await next_frame_or_error(socket))["code"] in ("bad_json", "invalid")

    await send(socket, type="ping")
    assert await next_frame(socket, "pong") == {"type": "pong"}
    await socket.disconnect()


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "reply", "body": "Hi", "anonymous": "yes"},
        {"type": "reply", "body": "Hi", "content_warnings": "overdose"},
        {"type": "reply", "body": "Hi", "content_warnings": [1, 2]},
        {"type": "resume", "after": True},
        {"type": "resume", "after": -3},
    ],
)
async def test_badly_typed_fields_get_an_invalid_error(frame):
    author = await make_user("river")
    thread = await make_thread(author)
    socket = await open_socket(f"/ws/threads/{thread.pk}/", user=author)
    await send(socket, **frame)
    error = await next_frame_or_error(socket)
    assert error["type"] == "error" and error["code"] == "invalid"
    if frame["type"] == "reply":
        assert error["body"] == "Hi"  # the text comes back, so nothing is lost
    assert await count_posts(thread=thread) == 1
    await socket.disconnect()
