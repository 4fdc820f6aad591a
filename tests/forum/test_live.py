"""Live threads over WebSockets, through the real ASGI application and channel layer.

On the first CI pass the layer is in-memory; on the second it is Redis, which
serialises every event as production does.
"""

import json

import pytest
import pytest_asyncio
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.db import transaction
from django.utils import timezone

from forum import review, services
from forum.models import Post, Thread
from tests.live_helpers import (
    frames_within,
    make_thread,
    make_user,
    next_frame,
    nothing_but_presence,
    open_socket,
    reply,
    send,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture(autouse=True)
def _quick_presence(settings):
    settings.LIVE_PRESENCE_DELAY = 0.01


@pytest_asyncio.fixture
async def world():
    author = await make_user("river")
    moderator = await make_user("mod_alex", role="moderator")
    thread = await make_thread(author)
    return author, moderator, thread


def url(thread):
    return f"/ws/threads/{thread.pk}/"


# -- reading ---------------------------------------------------------------------


async def test_readers_get_a_count_of_readers_only(world):
    _, _, thread = world
    first = await open_socket(url(thread))
    second = await open_socket(url(thread))

    frame = await first.receive_json_from(timeout=3)
    while frame["count"] < 2:
        frame = await first.receive_json_from(timeout=3)

    assert frame == {"type": "presence", "count": 2}
    await first.disconnect()
    await second.disconnect()


async def test_a_new_reply_reaches_readers_rendered_like_the_page(world):
    author, _, thread = world
    visitor = await open_socket(url(thread))

    post = await reply(thread, author, "The van is *here* today.")

    frame = await next_frame(visitor, "post")
    assert frame["kind"] == "new" and frame["id"] == post.pk and frame["thread"] == thread.pk
    assert f'id="post-{post.pk}"' in frame["html"]
    assert "<em>here</em>" in frame["html"]
    assert "river" in frame["html"]
    assert "/edit/" not in frame["html"]  # nobody's edit links go to everyone
    await visitor.disconnect()


async def test_anonymous_posts_carry_no_trace_of_their_author(world):
    _, moderator, thread = world
    shy = await make_user("quiet_quinn")
    visitor = await open_socket(url(thread))
    member = await open_socket(url(thread), user=await make_user("other_member"))
    mod = await open_socket(url(thread), user=moderator)

    await reply(thread, shy, "Posting this one quietly.", anonymous=True)

    for socket in (visitor, member, mod):
        frame = await next_frame(socket, "post")
        raw = json.dumps(frame)
        assert "Anonymous" in frame["html"]
        assert "quiet_quinn" not in raw
        assert "/members/" not in raw
        await socket.disconnect(timeout=5)


async def test_held_posts_reach_moderators_only_and_marked(world):
    author, moderator, thread = world
    visitor = await open_socket(url(thread))
    member = await open_socket(url(thread), user=await make_user("other_member"))
    mod = await open_socket(url(thread), user=moderator)

    post = await reply(thread, author, "Those junkies again.")

    frame = await next_frame(mod, "post")
    assert frame["id"] == post.pk and frame["status"] == "pending"
    assert "Waiting for review" in frame["html"]
    assert await nothing_but_presence(visitor)
    assert await nothing_but_presence(member)
    for socket in (visitor, member, mod):
        await socket.disconnect(timeout=5)


async def test_hidden_and_restored_posts(world):
    author, moderator, thread = world
    post = await reply(thread, author, "Something a moderator will hide.")
    visitor = await open_socket(url(thread))
    mod = await open_socket(url(thread), user=moderator)

    await database_sync_to_async(review.hide_post)(post=post, by=moderator)

    gone = await next_frame(visitor, "post")
    assert gone.pop("seq") > 0
    assert gone == {
        "type": "post",
        "kind": "hidden",
        "id": post.pk,
        "thread": thread.pk,
        "status": "hidden",
        "html": None,
    }
    marked = await next_frame(mod, "post")
    assert marked["kind"] == "hidden" and "Hidden" in marked["html"]
    assert "Something a moderator will hide." in marked["html"]

    await database_sync_to_async(review.restore_post)(post=post, by=moderator)

    back = await next_frame(visitor, "post")
    assert back["kind"] == "restored"
    assert "Something a moderator will hide." in back["html"]
    await visitor.disconnect()
    await mod.disconnect()


async def test_edits_and_removals_reach_readers(world):
    author, _, thread = world
    post = await reply(thread, author, "First version.")
    visitor = await open_socket(url(thread))

    await database_sync_to_async(services.edit_post)(post=post, editor=author, body="Second.")
    edited = await next_frame(visitor, "post")
    assert edited["kind"] == "edited" and "Second." in edited["html"]
    assert ">edited<" in edited["html"]

    await database_sync_to_async(services.remove_post_by_author)(post=post, user=author)
    removed = await next_frame(visitor, "post")
    assert removed["kind"] == "removed"
    assert "removed by its author" in removed["html"] and "Second." not in removed["html"]
    await visitor.disconnect()


async def test_broadcast_waits_for_the_commit(world):
    author, _, thread = world
    visitor = await open_socket(url(thread))
    await nothing_but_presence(visitor, timeout=0.1)

    def reply_inside_a_transaction():
        with transaction.atomic():
            services.create_post(thread=thread, author=author, body="Not yet committed.")
            return async_to_sync(nothing_but_presence)(visitor, 0.3)

    assert await database_sync_to_async(reply_inside_a_transaction)()
    frame = await next_frame(visitor, "post")
    assert "Not yet committed." in frame["html"]
    await visitor.disconnect()


# -- replying over the socket -------------------------------------------------------


async def test_member_replies_over_the_socket_and_others_see_it(world):
    author, _, thread = world
    writer = await open_socket(url(thread), user=author)
    reader = await open_socket(url(thread))

    await send(writer, type="reply", body="Sent over the socket.", ref="r1")

    ack = await next_frame(writer, "ack")
    post = await database_sync_to_async(Post.objects.get)(pk=ack["id"])
    assert post.body == "Sent over the socket." and post.author_id == author.pk
    assert ack["ref"] == "r1" and ack["status"] == "visible"
    assert f"/posts/{post.pk}/edit/" in ack["html"]  # the author's own view
    frame = await next_frame(reader, "post")
    assert frame["id"] == post.pk
    await writer.disconnect()
    await reader.disconnect()


async def test_socket_reply_with_a_slur_is_held_and_the_author_is_told(world):
    author, _, thread = world
    writer = await open_socket(url(thread), user=author)

    await send(writer, type="reply", body="What a junkie.", ref="r2")

    ack = await next_frame(writer, "ack")
    assert ack["status"] == "pending" and ack["level"] == "held"
    assert "waiting for a moderator" in ack["notes"][0]
    await writer.disconnect()


@pytest.mark.parametrize(
    ("who", "body", "code"),
    [
        ("visitor", "Hello", "sign_in"),
        ("member", "   ", "invalid"),
        ("suspended", "Hello", "not_allowed"),
    ],
)
async def test_reply_errors_keep_the_text(world, who, body, code):
    _, _, thread = world
    user = None
    if who == "member":
        user = await make_user("plain_member")
    elif who == "suspended":
        user = await make_user(
            "paused_member", suspended_until=timezone.now() + timezone.timedelta(days=2)
        )
    socket = await open_socket(url(thread), user=user)

    await send(socket, type="reply", body=body, ref="x")

    error = await next_frame(socket, "error")
    assert error["code"] == code and error["body"] == body and error["ref"] == "x"
    assert error["message"]
    assert await database_sync_to_async(Post.objects.filter(body=body).count)() == 0
    await socket.disconnect()


async def test_locked_thread_refuses_socket_replies(world):
    author, _, thread = world
    await database_sync_to_async(Thread.objects.filter(pk=thread.pk).update)(locked=True)
    socket = await open_socket(url(thread), user=author)
    await send(socket, type="reply", body="Still trying")
    error = await next_frame(socket, "error")
    assert error["code"] == "not_allowed" and "closed to new replies" in error["message"]
    await socket.disconnect()


@pytest.mark.rate_limits
async def test_replies_are_rate_limited_per_member_across_sockets(world, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": "2/m", "reply_new": "2/m"}
    author, _, thread = world
    sockets = [await open_socket(url(thread), user=author) for _ in range(4)]
    for n, socket in enumerate(sockets[:2]):
        await send(socket, type="reply", body=f"Reply {n}")
        await next_frame(socket, "ack")

    # Two more sockets get no allowance of their own.
    for socket in sockets[2:]:
        await send(socket, type="reply", body="One too many")
        error = await next_frame(socket, "error")
        assert error["code"] == "slow_down" and error["body"] == "One too many"
        assert error["retry_after"] > 0 and "seconds" in error["message"]
    assert await database_sync_to_async(Post.objects.filter(thread=thread).count)() == 3
    for socket in sockets:
        await socket.disconnect()


# -- typing --------------------------------------------------------------------------


async def test_someone_is_replying_never_says_who_and_is_throttled(world):
    author, _, thread = world
    writer = await open_socket(url(thread), user=author)
    reader = await open_socket(url(thread))

    await send(writer, type="typing")
    await send(writer, type="typing")  # too soon after the first: dropped

    heard = [f for f in await frames_within(reader) if f["type"] != "presence"]
    assert heard == [{"type": "typing"}]
    told = [f for f in await frames_within(writer, 0.2) if f["type"] != "presence"]
    assert told == []  # nobody is told about themself
    await writer.disconnect()
    await reader.disconnect()


async def test_visitors_cannot_signal_typing(world):
    _, _, thread = world
    visitor = await open_socket(url(thread))
    await send(visitor, type="typing")
    error = await next_frame(visitor, "error")
    assert error["code"] == "sign_in"
    await visitor.disconnect()


# -- catching up -------------------------------------------------------------------------


async def test_resume_sends_what_was_missed_in_order_before_live_posts(world):
    author, _, thread = world
    first = await reply(thread, author, "Seen before the drop.")
    missed = [await reply(thread, author, f"Missed {n}") for n in range(3)]
    await reply(thread, author, "Held: junkie")  # pending: never sent to readers

    socket = await open_socket(url(thread))
    # The page knew the thread up to its change number when `first` arrived.
    await send(socket, type="resume", after=first.seq)

    frames = [await next_frame(socket, "post") for _ in missed]
    assert [f["id"] for f in frames] == [p.pk for p in missed]
    assert all(f["kind"] == "new" for f in frames)
    resumed = await next_frame(socket, "resumed")
    thread_now = await database_sync_to_async(Thread.objects.get)(pk=thread.pk)
    assert resumed["after"] == thread_now.change_seq

    live_post = await reply(thread, author, "Live again.")
    assert (await next_frame(socket, "post"))["id"] == live_post.pk
    await socket.disconnect()


async def test_resume_beyond_the_limit_asks_for_a_reload(world, settings):
    settings.LIVE_RESUME_LIMIT = 2
    author, _, thread = world
    for n in range(3):
        await reply(thread, author, f"Post {n}")
    socket = await open_socket(url(thread))
    await send(socket, type="resume", after=0)
    for _ in range(2):
        await next_frame(socket, "post")
    assert (await next_frame(socket, "resume.overflow")) == {"type": "resume.overflow"}
    await socket.disconnect()


# -- bad frames and who may connect ----------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "bad_json"),
        ('["a", "list"]', "unknown_type"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"no": "type"}', "unknown_type"),
        ('{"type": "resume", "after": "yesterday"}', "invalid"),
        ('{"type": "reply", "body": 42}', "invalid"),
    ],
)
async def test_bad_frames_get_an_error_and_the_socket_stays_open(world, frame, code):
    _, _, thread = world
    socket = await open_socket(url(thread))
    await socket.send_to(text_data=frame)
    assert (await next_frame(socket, "error"))["code"] == code
    await send(socket, type="ping")
    assert await next_frame(socket, "pong") == {"type": "pong"}
    await socket.disconnect()


async def test_oversized_and_binary_frames_are_refused(world, settings):
    _, _, thread = world
    socket = await open_socket(url(thread))
    await socket.send_to(text_data=json.dumps({"type": "reply", "body": "x" * 30_000}))
    assert (await next_frame(socket, "error"))["code"] == "too_large"
    await socket.send_to(bytes_data=b"\x00\x01")
    assert (await next_frame(socket, "error"))["code"] == "bad_frame"
    await socket.disconnect()


async def test_sockets_from_other_sites_are_refused(world):
    _, _, thread = world
    socket = await open_socket(url(thread), origin=b"https://evil.example")
    assert not socket.accepted


async def test_a_held_thread_cannot_be_followed_by_others(world):
    author, moderator, _ = world
    held = await make_thread(author, anonymous=False)
    await database_sync_to_async(Thread.objects.filter(pk=held.pk).update)(public=False)
    visitor = await open_socket(url(held))
    assert not visitor.accepted
    for user in (author, moderator):
        socket = await open_socket(url(held), user=user)
        assert socket.accepted
        await socket.disconnect(timeout=5)


# -- home and category pages --------------------------------------------------------------


async def test_home_and_category_pages_hear_of_new_threads_and_replies(world):
    author, _, thread = world
    home = await open_socket("/ws/home/")
    category = await open_socket(f"/ws/categories/{thread.category_id}/")

    new_thread = await make_thread(author)

    for socket in (home, category):
        frame = await next_frame(socket, "activity")
        assert frame["thread"] == new_thread.pk
        assert f'id="thread-{new_thread.pk}"' in frame["row"]
        assert f'id="category-{thread.category_id}"' in frame["card"]
        assert "2 threads" in frame["card"]

    await reply(new_thread, author, "A reply moves it up.")
    frame = await next_frame(category, "activity")
    assert "1 reply" in frame["row"]

    hidden_author = await make_thread(author, anonymous=True)
    frame = await next_frame(home, "activity")
    while frame["thread"] != hidden_author.pk:
        frame = await next_frame(home, "activity")
    assert "Anonymous" in frame["row"] and "river" not in frame["row"]
    await home.disconnect()
    await category.disconnect()
