"""Live events: group names, and broadcasts sent after the database commits.

Services call `post_changed()` and `thread_activity()` inside their
transaction; the broadcast is queued with `transaction.on_commit`, so readers
never hear of a post that a rollback then takes away. Each post's card is made
once (`forum.cards`) and each audience's frame is assembled from it and
serialised once: consumers forward the ready-made frame to each reader.

Who hears what (frames per audience, each as a reload would show the post):
- `thread.<id>.moderators` hears every post event, held and hidden posts
  included, with moderators' buttons;
- `thread.<id>.members` and `thread.<id>.readers` hear only posts everyone may
  see (members' frames carry Flag, reactions and Mute); when a post they could
  read leaves view they hear its number and no content, and of a post they
  never could read they hear nothing at all;
- `thread.<id>.member.<id>` is one member's own tabs: their posts with Edit.
Reaction counts travel as small "reactions" frames; a page keeps which are its
reader's own.

Sending never holds up a post: `forum.delivery` waits a fraction of a second
at most, and while the channel layer is down or stuck (Redis) it holds the
events and sends them in order once the layer is back, logging the outage once.
Readers who reconnected meanwhile catch up with "resume".
"""

import json

from django.db import transaction
from django.template.loader import render_to_string

from . import cards, delivery, selectors
from .models import Post, Reaction, Thread

POST_KINDS = ("new", "edited", "hidden", "removed", "restored", "reactions")
HOME_GROUP = "home"


def readers_group(thread_id: int) -> str:
    """Visitors reading a thread."""
    return f"thread.{thread_id}.readers"


def members_group(thread_id: int) -> str:
    """Signed-in members reading it (they get Flag, reactions and Mute)."""
    return f"thread.{thread_id}.members"


def moderators_group(thread_id: int) -> str:
    return f"thread.{thread_id}.moderators"


def own_group(thread_id: int, member_id: int) -> str:
    """One member's own tabs on a thread: their posts come with Edit and Remove."""
    return f"thread.{thread_id}.member.{member_id}"


def category_group(category_id: int) -> str:
    return f"category.{category_id}"


def post_frame(post, kind: str, html: str | None) -> str:
    """The frame a reader receives about one post, as JSON text."""
    return json.dumps(
        {
            "type": "post",
            "kind": kind,
            "id": post.pk,
            "thread": post.thread_id,
            "status": post.status,
            "seq": post.seq,
            "html": html,
        }
    )


def reactions_frame(post) -> str:
    """New reaction counts for one post; each page keeps which ones are its reader's."""
    counts = {kind: getattr(post, f"reactions_{kind}", 0) for kind in Reaction.Kind.values}
    return json.dumps({"type": "reactions", "id": post.pk, "seq": post.seq, "counts": counts})


def send_to_groups(groups_and_events: list[tuple[str, dict]]) -> None:
    """Send each (group, event) in order; never raises, never waits long (see delivery)."""
    delivery.send(groups_and_events)


def _event(post, frame: str, **extra) -> dict:
    # What consumers need to choose and shape frames for their own reader; none
    # of it is sent on (the author's id goes no further than the consumer).
    return {
        "type": "post.event",
        "id": post.pk,
        "seq": post.seq,
        "author_id": post.author_id,
        "anonymous": post.anonymous,
        "warnings": list(post.content_warnings or ()),
        "frame": frame,
        **extra,
    }


def _frames_for(post, kind: str, card: str, viewer, visible: bool) -> str | None:
    if visible:
        return post_frame(post, kind, cards.assemble(post, card, viewer))
    if kind != "new" and post.was_public:
        # Readers who had it drop it, learning nothing else. A post they never
        # could read is never mentioned at all, not even its number.
        return post_frame(post, "hidden", None)
    return None


def _broadcast_post(post_id: int, kind: str) -> None:
    post = (
        Post.objects.select_related("author", "thread", "reply_to", "reply_to__author")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        return
    thread_id, public = post.thread_id, post.is_visible_to(None)
    if kind == "reactions":
        event = _event(post, reactions_frame(post), reactions=True)
        groups = [moderators_group(thread_id)]
        if public:
            groups += [readers_group(thread_id), members_group(thread_id)]
        send_to_groups([(group, event) for group in groups])
        return
    card = cards.cards([post])[post.pk]
    messages = []
    for audience, group, visible in (
        ("visitor", readers_group(thread_id), public),
        ("member", members_group(thread_id), public),
        ("moderator", moderators_group(thread_id), True),
    ):
        viewer = cards.audience(audience)
        # Reply and Quote only where members may still answer.
        viewer.can_post = viewer.can_post and (not post.thread.locked or viewer.moderator)
        frame = _frames_for(post, kind, card, viewer, visible)
        if frame is not None:
            messages.append((group, _event(post, frame)))
    if post.author is not None:
        mine = _frames_for(
            post, kind, card, cards.for_author(post), post.is_visible_to(post.author)
        )
        if mine is not None:
            messages.append((own_group(thread_id, post.author_id), _event(post, mine, yours=True)))
    send_to_groups(messages)


def post_changed(post, kind: str) -> None:
    """Tell the post's thread about it once the current transaction commits."""
    if kind not in POST_KINDS:
        raise ValueError(f"Unknown post event kind: {kind}")
    post_id = post.pk
    transaction.on_commit(lambda: _broadcast_post(post_id, kind))


def thread_visibility_changed(thread_id: int) -> None:
    """After the commit, the thread's readers check whether they may still read it."""
    event = {"type": "thread.recheck"}
    groups = (readers_group(thread_id), members_group(thread_id))
    transaction.on_commit(lambda: send_to_groups([(group, event) for group in groups]))


def _broadcast_activity(thread_id: int) -> None:
    thread = (
        Thread.objects.select_related("author", "last_post", "last_post__author", "category")
        .filter(pk=thread_id, public=True)
        .first()
    )
    if thread is None:
        return
    category = selectors.home_categories().get(pk=thread.category_id)
    row = render_to_string("forum/_thread_row.html", {"thread": thread})
    card = render_to_string("forum/_category_card.html", {"category": category})
    frame = {
        "type": "activity",
        "thread": thread.pk,
        "category": category.pk,
        "pinned": thread.pinned,
        "row": row,
        "card": card,
    }
    event = {"type": "activity.event", "frame": json.dumps(frame)}
    send_to_groups([(category_group(category.pk), event), (HOME_GROUP, event)])


def thread_activity(thread) -> None:
    """Tell home and category pages that `thread` is new or has new activity."""
    thread_id = thread.pk
    transaction.on_commit(lambda: _broadcast_activity(thread_id))
