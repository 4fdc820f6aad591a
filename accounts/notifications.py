"""Telling members what happened: notes in their list, and a live unread count.

The only writer of `Notification` rows. After the commit, each member's open
pages hear their new unread count on their own group (`ws/notifications/`).
Notes about posts are worded when read (`shown`), through the same rules as
every page: who wrote it is `shown_author`, whether it is there `visible_to`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from forum.identity import shown_author
from forum.live import send_to_groups
from forum.models import Post

from .models import Notification, User


def member_group(member_id: int) -> str:
    return f"member.{member_id}"


def unread_count(member) -> int:
    return Notification.objects.filter(member=member, read=False).count()


def notify(*, member: User | None, text: str, url: str = "") -> Notification | None:
    """Leave `member` a message in their notifications list."""
    if member is None:
        return None
    note = Notification.objects.create(member=member, text=text, url=url)
    _announce_unread([member.pk])
    return note


def notify_about_post(*, member_ids, post: Post, kind: str) -> None:
    """A note for several members about one post (a reply or a mention), in one insert."""
    member_ids = list(member_ids)
    if not member_ids:
        return
    Notification.objects.bulk_create(
        Notification(member_id=member_id, kind=kind, post=post) for member_id in member_ids
    )
    _announce_unread(member_ids)


def mark_read(*, member, note: Notification | None = None) -> None:
    """Mark one of `member`'s notes read, or all of them; their open pages hear the count."""
    notes = Notification.objects.filter(member=member, read=False)
    if note is not None:
        notes = notes.filter(pk=note.pk)
    if notes.update(read=True):
        _announce_unread([member.pk])


@dataclass(frozen=True)
class ShownNote:
    pk: int
    text: str
    url: str
    read: bool
    created_at: datetime


_ABOUT_POSTS = {
    Notification.Kind.REPLY: gettext_noop("%(who)s replied in “%(title)s”."),
    Notification.Kind.MENTION: gettext_noop("%(who)s mentioned you in “%(title)s”."),
}


def shown(notes, viewer) -> list[ShownNote]:
    """The notes as `viewer` reads them now, in two queries for any number."""
    notes = list(notes)
    post_ids = {note.post_id for note in notes if note.post_id}
    posts = (
        Post.objects.visible_to(viewer)
        .filter(status=Post.Status.VISIBLE)
        .select_related("thread", "author")
        .in_bulk(post_ids)
    )
    out = []
    for note in notes:
        text, url = note.text, note.url
        if note.kind in _ABOUT_POSTS:
            post = posts.get(note.post_id)
            if post is None:
                text, url = _("A post you were told about is no longer here."), ""
            else:
                who = shown_author(post).label
                text = _(_ABOUT_POSTS[note.kind]) % {"who": who, "title": post.thread.title}
                url = post.get_absolute_url()
        out.append(ShownNote(note.pk, text, url, note.read, note.created_at))
    return out


def _announce_unread(member_ids) -> None:
    """After the commit, each member's open pages learn their new unread count."""

    def send():
        counts = (
            User.objects.filter(pk__in=member_ids)
            .annotate(unread=Count("notifications", filter=Q(notifications__read=False)))
            .values_list("pk", "unread")
        )
        send_to_groups(
            [
                (member_group(pk), {"type": "unread.event", "unread": unread})
                for pk, unread in counts
            ]
        )

    transaction.on_commit(send, robust=True)
