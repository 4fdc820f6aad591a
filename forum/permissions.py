"""Who may act on what: one predicate per decision, used by every surface.

Pages, sockets and services all ask these; none repeats the rule. What a
viewer may *see* is decided in `forum.models` (`visible_to`); these decide
what they may *do* with something they can see.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import clock
from .models import Category, Post, Thread


def is_member(user) -> bool:
    """Signed in with an open account."""
    return user is not None and user.is_authenticated and user.is_active


def is_moderator(user) -> bool:
    return is_member(user) and user.is_moderator


def is_paused(user) -> bool:
    """Suspended for now: may read everything, not post, react or flag."""
    return is_member(user) and user.is_suspended(clock.now())


def can_post(user) -> bool:
    """May write anything at all (threads, replies, reactions, flags)."""
    return is_member(user) and not is_paused(user)


def why_cannot_post(user) -> str:
    """What to tell someone who may not post, kindly and specifically."""
    if user is None or not user.is_authenticated:
        return _("Please sign in to post.")
    if not user.is_active:
        return _("This account cannot post at the moment.")
    if is_paused(user):
        return _(
            "Your account is paused until %(until)s. You can still read everything; "
            "posting opens again then."
        ) % {"until": date_format(user.suspended_until, "DATETIME_FORMAT")}
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
