"""Who may act on what: one predicate per decision, used by every surface.

Pages, sockets and services all ask these; none repeats the rule. What a
viewer may *see* is decided in `forum.models` (`visible_to`); these decide
what they may *do* with something they can see.
"""

from datetime import timedelta

from django.conf import settings
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from . import clock
from .models import Category, Post, Thread


def is_member(user) -> bool:
    """Signed in with an open account."""
    return user is not None and user.is_authenticated and user.is_active


def is_moderator(user) -> bool:
    return is_member(user) and user.is_moderator and user.banned_at is None


def is_paused(user) -> bool:
    """Suspended for now: may read everything, not post, react or flag."""
    return is_member(user) and user.is_suspended(clock.now())


def is_banned(user) -> bool:
    return is_member(user) and user.banned_at is not None


def is_new_member(user) -> bool:
    """Still new here: joined in the last NEW_MEMBER_DAYS, or fewer than
    NEW_MEMBER_POSTS posts up, unless a moderator lifted it. Practitioners and
    moderators are never new members."""
    if not is_member(user) or user.is_moderator or user.is_verified_practitioner:
        return False
    if user.established_at is not None:
        return False
    if user.date_joined > clock.now() - timedelta(days=settings.NEW_MEMBER_DAYS):
        return True
    visible = Post.objects.filter(author=user, status=Post.Status.VISIBLE)
    return visible.count() < settings.NEW_MEMBER_POSTS


def can_post(user) -> bool:
    """May write anything at all (threads, replies, reactions, flags)."""
    return is_member(user) and not is_paused(user) and not is_banned(user)


def why_cannot_post(user) -> str:
    """What to tell someone who may not post, kindly and specifically."""
    if user is None or not user.is_authenticated:
        return _("Please sign in to post.")
    if not user.is_active:
        return _("This account cannot post at the moment.")
    if is_banned(user):
        return _(
            "Your account is closed to posting by the moderators. You can still sign in to "
            "download your data or close your account."
        )
    if is_paused(user):
        return _(
            "Your account is paused until %(until)s. You can still read everything; "
            "posting opens again then."
            # A format that cannot end in a full stop ("2 p.m.") before the sentence's own.
        ) % {"until": date_format(localtime(user.suspended_until), "j F Y, H:i")}
    return ""


def can_see_thread(user, thread: Thread) -> bool:
    return thread.is_visible_to(user)


def can_start_thread(user, category: Category) -> bool:
    if not can_post(user):
        return False
    if category.who_can_start == Category.StartPolicy.PRACTITIONERS:
        return user.is_verified_practitioner or user.is_moderator
    return True


def can_reply(user, thread: Thread) -> bool:
    if not can_post(user) or not thread.is_visible_to(user):
        return False
    return not thread.locked or user.is_moderator


def can_edit_post(user, post: Post) -> bool:
    """Authors edit and remove their own words while they are up or held."""
    return (
        is_member(user)
        and post.author_id == user.pk
        and post.status in (Post.Status.VISIBLE, Post.Status.PENDING)
    )


def can_react(user, post: Post) -> bool:
    return can_post(user) and post.status == Post.Status.VISIBLE and post.is_visible_to(user)


def can_flag(user, post: Post) -> bool:
    """Members bring posts everyone can read to moderators (not their own)."""
    return (
        is_member(user)
        and post.status == Post.Status.VISIBLE
        and post.author_id != user.pk
        and post.is_visible_to(user)
    )


def can_moderate(user) -> bool:
    return is_moderator(user)
