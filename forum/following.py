"""Following threads and being told: replies in followed threads, and @mentions.

Notes say which post; they are worded when read (`accounts.notifications`),
so anonymous authors are "Anonymous" to everyone, and still get their own
notes like anyone else.
"""

import re

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.models import Mute, Notification
from accounts.notifications import notify_about_post

from .models import Follow, Post

MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.-]{3,30})")


def follow(*, member, thread) -> None:
    Follow.objects.get_or_create(member=member, thread=thread)


def unfollow(*, member, thread) -> None:
    Follow.objects.filter(member=member, thread=thread).delete()


def is_following(member, thread) -> bool:
    return member.is_authenticated and Follow.objects.filter(member=member, thread=thread).exists()


def tell_about(post: Post) -> None:
    """Notify followers and mentioned members of a post everyone can now see.

    Nothing is said of a post visitors can't read (held, hidden, or in a thread
    that is not listed): a note, or even an unread count, would give it away.
    """
    if not post.is_visible_to(None):
        return
    thread = post.thread
    # A few names at most: a post that mentions everyone is not a mention.
    # "@robin." at the end of a sentence means robin (and robin. if that is a handle).
    found = {name.lower() for name in MENTION.findall(post.body)}
    mentioned = list(found | {name.rstrip(".-") for name in found})[:40]
    mentioned_ids = set()
    if mentioned:
        named = Q()
        for name in mentioned:
            named |= Q(handle__iexact=name)
        mentioned_ids = set(
            get_user_model()
            .objects.filter(named, is_active=True)
            .exclude(pk=post.author_id)
            .values_list("pk", flat=True)
        )
    follower_ids = (
        set(
            Follow.objects.filter(thread=thread)
            .exclude(member_id=post.author_id)
            .values_list("member_id", flat=True)
        )
        - mentioned_ids
    )
    if not post.anonymous and post.author_id:
        # Members who muted a signed post's author hear nothing from them. An
        # anonymous post notifies exactly as before: a mute must not reveal who wrote it.
        muting = Mute.objects.muting(post.author_id, mentioned_ids | follower_ids)
        mentioned_ids -= muting
        follower_ids -= muting
    notify_about_post(member_ids=mentioned_ids, post=post, kind=Notification.Kind.MENTION)
    notify_about_post(member_ids=follower_ids, post=post, kind=Notification.Kind.REPLY)
