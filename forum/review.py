"""What moderators' decisions do to a post: the single place its status changes.

Called by `moderation.actions` (the moderators' verbs), never by views. Each
change writes a row of the audit log, recounts the thread and is heard live.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.notifications import notify
from moderation import audit, queue

from . import clock, following, live, permissions
from .cleaning import clean_body
from .models import Post, Revision
from .rendering import render_markdown
from .services import changed, refresh_thread


def _require_moderator(user) -> None:
    if not permissions.can_moderate(user):
        raise PermissionDenied(_("Only moderators can do this."))


def _set_status(post: Post, status: str, kind: str, *, by, action: str, **fields) -> Post:
    audit.record(actor=by, action=action, post=post, member=post.author)
    post.status = status
    for name, value in fields.items():
        setattr(post, name, value)
    post.save(update_fields=["status", *fields])
    refresh_thread(post.thread_id)
    changed(post, kind)
    live.thread_activity(post.thread)
    return post


@transaction.atomic
def approve_post(*, post: Post, by) -> Post:
    """Publish a post that was held for review."""
    _require_moderator(by)
    if post.status != Post.Status.PENDING:
        return post
    queue.resolve_automatic_flags(post=post, note="Approved by a moderator.")
    post = _set_status(post, Post.Status.VISIBLE, "new", by=by, action="approve")
    following.tell_about(post)
    return post


@transaction.atomic
def hide_post(*, post: Post, by) -> Post:
    """Take a post out of view; it can be restored."""
    _require_moderator(by)
    if post.status != Post.Status.VISIBLE:
        return post
    return _set_status(post, Post.Status.HIDDEN, "hidden", by=by, action="hide")


@transaction.atomic
def restore_post(*, post: Post, by) -> Post:
    """Put a hidden post back in view."""
    _require_moderator(by)
    if post.status != Post.Status.HIDDEN:
        return post
    return _set_status(post, Post.Status.VISIBLE, "restored", by=by, action="restore")


@transaction.atomic
def remove_post_by_moderator(*, post: Post, by) -> Post:
    """Remove a post for good: a note stays in its place."""
    _require_moderator(by)
    if post.status == Post.Status.REMOVED:
        return post
    return _set_status(
        post,
        Post.Status.REMOVED,
        "removed",
        by=by,
        action="remove",
        removed_by=Post.RemovedBy.MODERATOR,
    )


@transaction.atomic
def hide_by_community(*, post: Post) -> Post:
    """Members' flags hid a post: out of view until a moderator looks, at the top
    of the queue, and its author is told kindly."""
    if post.status != Post.Status.VISIBLE:
        return post
    _set_status(post, Post.Status.HIDDEN, "hidden", by=None, action="community_hide")
    queue.flag_community_hidden(post=post)
    notify(
        member=post.author,
        text=_(
            "A few members flagged your post, so it is out of view until a moderator looks at "
            "it. That isn't a judgement on you; a moderator will decide soon and let you know."
        ),
        url=post.get_absolute_url(),
    )
    return post


@transaction.atomic
def moderator_edit_post(*, post: Post, by, body: str, reason: str) -> Revision | None:
    """A moderator changes a post's words, keeping the old text as a revision.

    Returns that revision (None when the words did not change).
    """
    _require_moderator(by)
    body = clean_body(body)
    if body == post.body:
        return None
    revision = Revision.objects.create(post=post, body=post.body, editor=by, reason=reason)
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = clock.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    changed(post, "edited")
    return revision
