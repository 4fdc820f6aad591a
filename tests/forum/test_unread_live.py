"""A live reply a member's page showed them is read: their place moves on over the socket."""

import pytest
from channels.db import database_sync_to_async

from forum import review
from forum.models import ReadPosition
from tests.live_helpers import make_thread, make_user, next_frame, open_socket, reply, send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture(autouse=True)
def _quick_presence(settings):
    settings.LIVE_PRESENCE_DELAY = 0.01


@database_sync_to_async
def place_of(member, thread):
    return (
        ReadPosition.objects.filter(member=member, thread=thread)
        .values_list("last_post_id", flat=True)
        .first()
    )


@database_sync_to_async
def hide(post, moderator):
    review.hide_post(post=post, by=moderator)


async def tell_read(socket, post_id):
    await send(socket, type="read", id=post_id)
    # Frames are handled in order: the answer to a ping means the read was too.
    await send(socket, type="ping")
    await next_frame(socket, "pong")


async def test_a_live_reply_shown_to_a_member_is_read():
    author, reader = await make_user("river"), await make_user("ash")
    thread = await make_thread(author)
    socket = await open_socket(f"/ws/threads/{thread.pk}/", reader)
    first = await reply(thread, author, "First live reply.")
    second = await reply(thread, author, "Second live reply.")

    await tell_read(socket, second.pk)
    assert await place_of(reader, thread) == second.pk
    # An older post the page showed again never takes the place back.
    await tell_read(socket, first.pk)
    assert await place_of(reader, thread) == second.pk
    await socket.disconnect()


async def test_a_post_the_member_may_not_see_or_from_elsewhere_moves_nothing():
    author, reader = await make_user("river"), await make_user("ash")
    moderator = await make_user("mod_jo", role="moderator")
    thread, elsewhere = await make_thread(author), await make_thread(author)
    hidden = await reply(thread, author, "Soon hidden.")
    await hide(hidden, moderator)
    other = await reply(elsewhere, author, "In another thread.")
    socket = await open_socket(f"/ws/threads/{thread.pk}/", reader)

    for post_id in (hidden.pk, other.pk, 999_999):
        await tell_read(socket, post_id)

    assert await place_of(reader, thread) is None
    assert await place_of(reader, elsewhere) is None
    await socket.disconnect()


async def test_a_visitors_read_is_ignored():
    author = await make_user("river")
    thread = await make_thread(author)
    post = await reply(thread, author, "A reply.")
    socket = await open_socket(f"/ws/threads/{thread.pk}/")

    await tell_read(socket, post.pk)

    assert not await database_sync_to_async(ReadPosition.objects.exists)()
    await socket.disconnect()
