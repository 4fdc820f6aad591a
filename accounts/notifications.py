"""Telling members what happened: notes in their list, and a live unread count.

The only writer of `Notification` rows. After the commit, each member's open
pages hear their new unread count on their own group (`ws/notifications/`).
"""

from django.db import transaction
from django.db.models import Count, Q

from forum.live import send_to_groups

from .models import Notification, User


def member_group(member_id: int) -> str:
    return f"member.{member_id}"


def unread_count(member) -> int:
    return Notification.objects.filter(member=member, read=False).count()


def notify(*, member: User | None, text: str, url: str = "") -> Notification | None:
    """Leave `member` a note in their notifications list."""
    if member is None:
        return None
    note = Notification.objects.create(member=member, text=text, url=url)
    _announce_unread([member.pk])
    return note


def notify_many(*, member_ids, text: str, url: str = "") -> None:
    """The same note for several members, in one insert."""
    member_ids = list(member_ids)
    if not member_ids:
        return
    Notification.objects.bulk_create(
        Notification(member_id=member_id, text=text, url=url) for member_id in member_ids
    )
    _announce_unread(member_ids)


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
