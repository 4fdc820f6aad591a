"""A live thread is the thread a reload would show: complete catch-up, and each
reader's own controls on posts that arrive live, without leaking across audiences."""

import re

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async
from django.test import Client

from accounts import services as accounts
from forum import review, services
from forum.models import Post, Thread
from tests.live_helpers import make_thread, make_user, next_frame, open_socket, reply, send

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture(autouse=True)
def _quick_presence(settings):
    settings.LIVE_PRESENCE_DELAY = 0.01


@pytest_asyncio.fixture
async def world():
    author = await make_user("river")
    moderator = await make_user("mod_alex", role="moderator")
    member = await make_user("sam")
    thread = await make_thread(author)
    return author, moderator, member, thread


def seq_of(thread):
    return database_sync_to_async(
        lambda: Thread.objects.values_list("change_seq", flat=True).get(pk=thread.pk)
    )()


async def frames_until_resumed(socket):
    frames = []
    while True:
        frame = await socket.receive_json_from(timeout=3)
        if frame["type"] == "resumed":
            return frames, frame
        if frame["type"] in ("post", "reactions"):
            frames.append(frame)


def article(html: str, post) -> str:
    return html.split(f'id="post-{post.pk}"')[1]


async def test_resume_brings_every_change_made_while_away(world):
    author, moderator, member, thread = world
    edited = await reply(thread, author, "First words.")
    hidden = await reply(thread, author, "To be hidden.")
    restored = await reply(thread, author, "Hidden, then back.")
    reacted = await reply(thread, author, "Worth a thank you.")
    await database_sync_to_async(review.hide_post)(post=restored, by=moderator)
    away_from = await seq_of(thread)  # the page was loaded here, then the connection dropped

    await database_sync_to_async(services.edit_post)(
        post=edited, editor=author, body="Better words."
    )
    await database_sync_to_async(review.hide_post)(post=hidden, by=moderator)
    await database_sync_to_async(review.restore_post)(post=restored, by=moderator)
    await database_sync_to_async(services.toggle_reaction)(
        post=reacted, member=member, kind="thanks"
    )

    socket = await open_socket(f"/ws/threads/{thread.pk}/")
    await send(socket, type="resume", after=away_from)
    frames, resumed = await frames_until_resumed(socket)

    by_id = {frame["id"]: frame for frame in frames}
    assert "Better words." in by_id[edited.pk]["html"]
    assert by_id[hidden.pk]["html"] is None  # the reader drops it
    assert "Hidden, then back." in by_id[restored.pk]["html"]
    reaction = article(by_id[reacted.pk]["html"], reacted)
    assert '<span class="reaction__count">1</span>' in reaction
    assert resumed["after"] == await seq_of(thread)

    # And it equals a fresh load of the page.
    page = await database_sync_to_async(lambda: Client().get(thread.get_absolute_url()))()
    html = page.content.decode()
    assert "Better words." in html and "To be hidden." not in html
    assert "Hidden, then back." in html
    await socket.disconnect()


async def test_a_post_a_reader_never_could_see_is_never_mentioned(world):
    author, _, _, thread = world
    away_from = await seq_of(thread)
    held = await reply(thread, author, "Held: what a junkie.")
    await database_sync_to_async(services.edit_post)(
        post=held, editor=author, body="Still a junkie."
    )

    visitor = await open_socket(f"/ws/threads/{thread.pk}/")
    await send(visitor, type="resume", after=away_from)
    frames, _ = await frames_until_resumed(visitor)
    assert all(frame["id"] != held.pk for frame in frames)

    # Live too: a held post's edit tells visitors nothing, not even its number.
    await database_sync_to_async(services.edit_post)(post=held, editor=author, body="Junkie again.")
    await send(visitor, type="ping")
    while (frame := await visitor.receive_json_from(timeout=3))["type"] != "pong":
        assert frame.get("id") != held.pk
    await visitor.disconnect()


async def test_each_reader_gets_their_own_controls_on_a_live_post(world):
    author, moderator, member, thread = world
    visitor = await open_socket(f"/ws/threads/{thread.pk}/")
    sam = await open_socket(f"/ws/threads/{thread.pk}/", user=member)
    mod = await open_socket(f"/ws/threads/{thread.pk}/", user=moderator)
    river = await open_socket(f"/ws/threads/{thread.pk}/", user=author)

    post = await reply(thread, author, "Arriving live.", anonymous=True)

    seen = {
        name: (await next_frame(s, "post"))["html"]
        for name, s in [
            ("visitor", visitor),
            ("member", sam),
            ("moderator", mod),
            ("author", river),
        ]
    }
    edit = f"/posts/{post.pk}/edit/"
    assert edit in seen["author"] and "/remove/" in seen["author"]
    for other in ("visitor", "member", "moderator"):
        assert edit not in seen[other]
    assert f"/moderation/posts/{post.pk}/flag/" in seen["member"]
    assert "flag" not in seen["visitor"].lower().split("reactions")[-1]
    assert "Who wrote this? (logged)" in seen["moderator"]
    assert 'value="hide"' in seen["moderator"]
    for other in ("visitor", "member", "author"):
        assert "Who wrote this?" not in seen[other] and 'value="hide"' not in seen[other]
    for html in seen.values():
        assert 'class="reactions"' in html and "river" not in html  # anonymous stays anonymous
    for socket in (visitor, sam, mod, river):
        await socket.disconnect()


async def test_a_muted_members_live_post_arrives_folded_and_an_anonymous_one_does_not(world):
    author, _, member, thread = world
    await database_sync_to_async(accounts.mute)(member=member, muted=author)
    sam = await open_socket(f"/ws/threads/{thread.pk}/", user=member)

    signed = await reply(thread, author, "Signed words.")
    frame = await next_frame(sam, "post")
    assert frame["id"] == signed.pk and frame["html"].startswith('<details class="muted-post">')

    unsigned = await reply(thread, author, "Quiet words.", anonymous=True)
    frame = await next_frame(sam, "post")
    assert frame["id"] == unsigned.pk and not frame["html"].startswith("<details")
    await sam.disconnect()


async def test_reactions_travel_as_counts_and_keep_each_readers_own(world):
    author, _, member, thread = world
    post = await reply(thread, author, "Thank me.")
    reader = await open_socket(f"/ws/threads/{thread.pk}/")
    await database_sync_to_async(services.toggle_reaction)(post=post, member=member, kind="hear")
    frame = await next_frame(reader, "reactions")
    assert frame["id"] == post.pk and frame["counts"]["hear"] == 1
    assert "sam" not in str(frame)  # never who
    await reader.disconnect()


async def test_the_page_and_a_live_frame_show_a_post_the_same_way(world):
    author, _, _, thread = world
    reader = await open_socket(f"/ws/threads/{thread.pk}/")
    post = await reply(thread, author, "Same *everywhere*.")
    frame = await next_frame(reader, "post")
    page = await database_sync_to_async(lambda: Client().get(thread.get_absolute_url()))()
    html = page.content.decode()
    start = html.index(f'<article class="post" id="post-{post.pk}"')
    end = html.index("</article>", start) + len("</article>")
    on_page = html[start:end]
    on_page = re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', on_page
    )
    live = frame["html"].replace(
        'name="csrfmiddlewaretoken" value=""', 'name="csrfmiddlewaretoken"'
    )
    assert live == on_page
    assert await database_sync_to_async(Post.objects.filter(pk=post.pk).exists)()
    await reader.disconnect()
