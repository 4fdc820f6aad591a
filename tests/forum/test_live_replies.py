"""Replies to a post over the socket, and a signed-out reply's way to sign in or join."""

import pytest
from channels.db import database_sync_to_async

from forum.models import Post
from tests.live_helpers import make_thread, make_user, next_frame, open_socket, reply, send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture(autouse=True)
def _quick_presence(settings):
    settings.LIVE_PRESENCE_DELAY = 0.01


async def test_a_socket_reply_answers_a_post_and_readers_see_the_line():
    author = await make_user("river")
    thread = await make_thread(author)
    answered = await reply(thread, await make_user("quiet_one_4412"), "Rough week.", anonymous=True)
    writer = await open_socket(f"/ws/threads/{thread.pk}/", user=author)
    reader = await open_socket(f"/ws/threads/{thread.pk}/")

    await send(writer, type="reply", body="Here for you.", ref="r1", reply_to=answered.pk)

    ack = await next_frame(writer, "ack")
    post = await database_sync_to_async(Post.objects.get)(pk=ack["id"])
    assert post.reply_to_id == answered.pk
    assert "in reply to Anonymous" in ack["html"]
    frame = await next_frame(reader, "post")
    assert "in reply to Anonymous" in frame["html"]
    assert "quiet_one_4412" not in frame["html"]
    await writer.disconnect()
    await reader.disconnect()


@pytest.mark.parametrize("reply_to", ["12", True, 999999])
async def test_a_socket_reply_to_no_post_it_may_answer_is_an_ordinary_reply(reply_to):
    author = await make_user("river")
    thread = await make_thread(author)
    writer = await open_socket(f"/ws/threads/{thread.pk}/", user=author)

    await send(writer, type="reply", body="Just a reply.", ref="r2", reply_to=reply_to)

    ack = await next_frame(writer, "ack")
    post = await database_sync_to_async(Post.objects.get)(pk=ack["id"])
    assert post.reply_to_id is None
    await writer.disconnect()


async def test_a_signed_out_reply_is_told_where_to_sign_in_or_join():
    thread = await make_thread(await make_user("river"))
    socket = await open_socket(f"/ws/threads/{thread.pk}/")

    await send(socket, type="reply", body="My words", ref="v")

    error = await next_frame(socket, "error")
    back = f"%2Fthreads%2F{thread.pk}%2F%23reply"
    assert error["code"] == "sign_in" and error["body"] == "My words"
    assert error["sign_in_url"] == f"/accounts/login/?next={back}"
    assert error["join_url"] == f"/accounts/signup/?next={back}"
    assert "kept" in error["message"]
    await socket.disconnect()
