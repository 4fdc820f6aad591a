"""Following threads and being told: replies in followed threads, and @mentions.

Anonymous authors are named "Anonymous" in every note others receive, and
still get their own notes like anyone else.
"""

import re

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.notifications import notify_many

from .identity import shown_author
from .models import Follow, Post

MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.-]{3,30})")


def follow(*, member, thread) -> None:
    Follow.objects.get_or_create(member=member, thread=thread)


def unfollow(*, member, thread) -> None:
    Follow.objects.filter(member=member, thread=thread).delete()


def is_following(member, thread) -> bool:
    return member.is_authenticated and Follow.objects.filter(member=member, thread=thread).exists()


def tell_about(post: Post) -> None:
    """Notify followers and mentioned members of a post everyone can now see."""
    thread = post.thread
    url = post.get_absolute_url()
    who = shown_author(post).label
    # A few names at most: a post that mentions everyone is not a mention.
    mentioned = list({name.lower() for name in MENTION.findall(post.body)})[:20]
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
    notify_many(
        member_ids=mentioned_ids,
        text=_("%(who)s mentioned you in “%(title)s”.") % {"who": who, "title": thread.title},
        url=url,
    )
    notify_many(
        member_ids=follower_ids,
        text=_("%(who)s replied in “%(title)s”.") % {"who": who, "title": thread.title},
        url=url,
    )
