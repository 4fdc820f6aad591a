"""Live events: group names, and broadcasts sent after the database commits.

Services call `post_changed()` and `thread_activity()` inside their
transaction; the broadcast is queued with `transaction.on_commit`, so readers
never hear of a post that a rollback then takes away. Each event is rendered
once, with the same templates as the pages, and serialised once: consumers
forward the ready-made frame to each reader.

Who hears what:
- `thread.<id>.moderators` hears every post event, pending and hidden posts
  included (the fragment is marked);
- `thread.<id>.readers` hears only posts everyone may see; when a post leaves
  public view it hears a frame with the post id and no content.

Sending never holds up a post: `forum.delivery` waits a fraction of a second
at most, and while the channel layer is down or stuck (Redis) it holds the
events and sends them in order once the layer is back, logging the outage once.
Readers who reconnected meanwhile catch up with "resume".
"""

import json

from django.db import transaction
from django.template.loader import render_to_string

from . import delivery, selectors
from .models import Post, Thread

POST_KINDS = ("new", "edited", "hidden", "removed", "restored")
HOME_GROUP = "home"


def readers_group(thread_id: int) -> str:
    return f"thread.{thread_id}.readers"


def moderators_group(thread_id: int) -> str:
    return f"thread.{thread_id}.moderators"


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
            "html": html,
        }
    )


def render_post(post) -> str:
    # Rendered without a viewer: no edit links, and anonymous posts show
    # "Anonymous" as they do to every reader.
    return render_to_string("forum/_post.html", {"post": post})


def send_to_groups(groups_and_events: list[tuple[str, dict]]) -> None:
    """Send each (group, event) in order; never raises, never waits long (see delivery)."""
    delivery.send(groups_and_events)


def _broadcast_post(post_id: int, kind: str) -> None:
    post = (
        selectors.with_reaction_counts(Post.objects.select_related("author", "thread"))
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        return
    html = render_post(post)
    full = {
        "type": "post.event",
        "kind": kind,
        "id": post.pk,
        "frame": post_frame(post, kind, html),
    }
    messages = [(moderators_group(post.thread_id), full)]
    if post.is_visible_to(None):
        # Readers hear only of what every visitor may read.
        messages.append((readers_group(post.thread_id), full))
    elif kind != "new":
        # It was public and is not any more: readers drop it, learning nothing else.
        gone = {
            "type": "post.event",
            "kind": "hidden",
            "id": post.pk,
            "frame": post_frame(post, "hidden", None),
        }
        messages.append((readers_group(post.thread_id), gone))
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
    transaction.on_commit(lambda: send_to_groups([(readers_group(thread_id), event)]))


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
