"""The live review queue: items appear, update and leave every moderator's screen.

Like forum.live: events are sent after the commit, rendered once.
"""

import json

from django.db import transaction
from django.template.loader import render_to_string

from forum.live import send_to_groups

from . import selectors

QUEUE_GROUP = "moderation.queue"


def _broadcast(post_id: int) -> None:
    post = selectors.review_queue().filter(pk=post_id).first()
    if post is None:
        frame = {"type": "resolved", "post": post_id}
    else:
        [item] = selectors.queue_items([post])
        html = render_to_string(
            "moderation/_queue_item.html", {"item": item, "next_url": "/moderation/queue/"}
        )
        frame = {"type": "item", "post": post_id, "urgent": item["urgent"], "html": html}
    send_to_groups([(QUEUE_GROUP, {"type": "queue.event", "frame": json.dumps(frame)})])


def queue_changed(post_id: int) -> None:
    """After the commit, tell moderators' open queues about this post."""
    transaction.on_commit(lambda: _broadcast(post_id), robust=True)
