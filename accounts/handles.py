"""Handles that pass for someone else: a confusable skeleton, compared once.

Two handles that look alike on a page ("modmo" and "rnodmo", "Anonymous" and
"Anonym0us.") have the same skeleton: Unicode TS #39's idea (each character
replaced by the prototype it can be confused with, here from the
confusable-homoglyphs data), with case folded, digits read as the letters they
stand for, and the separators a handle may use (. - _) dropped.

A new or changed handle is refused when its skeleton is a reserved name's (the
site's own words: "Anonymous", "Deleted member", "Moderator"...) or another
member's. Members' skeletons are stored in `User.handle_skeleton` (unique), so
the comparison is one indexed query, never a scan of every member.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import User
from .skeleton import skeleton

# Names that are the site's own voice; settings.ACCOUNT_USERNAME_BLACKLIST adds more.
RESERVED = (
    "anonymous",
    "deleted member",
    "deleted",
    "moderator",
    "moderators",
    "mod",
    "mods",
    "admin",
    "administrator",
    "staff",
    "system",
    "support",
    "common ground",
)
# Words that claim a role or hide who someone is: refused at either end of a
# handle too ("Anonymous_river", "sam.moderator").
_TRAILING_NUMBER = re.compile(r"[\d._\-]+$")
ROLE_WORDS = ("anonymous", "moderator", "administrator", "admin", "deletedmember")


def _reserved_skeletons() -> frozenset[str]:
    names = (*RESERVED, *getattr(settings, "ACCOUNT_USERNAME_BLACKLIST", ()))
    return frozenset(skeleton(name) for name in names) - {""}


@lru_cache(maxsize=1)
def _role_skeletons() -> tuple[str, ...]:
    return tuple(skeleton(word) for word in ROLE_WORDS)


def is_reserved_like(handle: str) -> bool:
    """Whether `handle` reads as one of the site's own names, or claims a role."""
    reading = skeleton(handle)
    reserved = _reserved_skeletons()
    if reading in reserved or skeleton(_TRAILING_NUMBER.sub("", handle)) in reserved:
        return True
    return any(reading.startswith(word) or reading.endswith(word) for word in _role_skeletons())


def ensure_handle_is_distinct(handle: str, *, member=None) -> None:
    """Refuse a handle that passes for a reserved name or another member's handle.

    `member` is the one choosing it (None at sign-up), so keeping one's own
    handle, or changing only its capitals, is allowed. Raises ValidationError
    with code "handle_reserved", "username_taken" or "handle_lookalike".
    """
    if is_reserved_like(handle):
        raise ValidationError(
            _(
                "That handle can't be used here: it looks like a name the forum itself "
                "uses, such as “Anonymous” or “Moderator”, so others could be misled. "
                "Please choose another one."
            ),
            code="handle_reserved",
        )
    others = User.objects.exclude(pk=member.pk) if member is not None else User.objects.all()
    if others.filter(handle__iexact=handle).exists():
        raise ValidationError(
            _("That handle is already taken. Please choose another one."),
            code="username_taken",
        )
    if others.filter(handle_skeleton=skeleton(handle)).exists():
        raise ValidationError(
            _(
                "That handle looks very like another member's, so people could mix the two "
                "of you up. Please choose another one, perhaps with a word of your own."
            ),
            code="handle_lookalike",
        )
