"""Rate limits shared by every way of posting, kept in the cache.

One limiter for the pages, the sockets and the composer: counts live in the
cache (Redis when scaled, so every process and every socket shares them),
keyed by member id or session key. No IP address is ever used or stored.

A rate is written "count/period" with the period in s, m, h or d ("6/m").
Counting uses a sliding window over two fixed ones, so a burst at the edge of
a minute still gets no more than about one window's allowance.
"""

import contextlib
import logging
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import cache_guard, clock
from .permissions import is_new_member

logger = logging.getLogger(__name__)

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        match = _RATE.match(text or "")
        if not match:
            raise ValueError(f"A rate looks like '6/m' or '3/h', not {text!r}")
        count, length, unit = match.groups()
        return cls(int(count), int(length or 1) * _PERIODS[unit])


class RateLimited(PermissionDenied):
    """Too many at once. `retry_after` says in how many seconds to try again."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after
        self.code = "slow_down"


def wait_words(seconds: int) -> str:
    """'about 40 seconds', 'about 3 minutes': when someone can try again."""
    if seconds < 90:
        seconds = max(1, seconds)
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    if minutes < 90:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = math.ceil(minutes / 60)
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}


# While the cache (Redis) is down or stuck, limits are not counted for a few
# seconds: a person's post never waits on it. Logged once an outage.
_guard = cache_guard.guard


def hit(action: str, key: str, rate: Rate) -> int:
    """Count one `action` by `key`. 0 when allowed (or the cache is down), else the wait."""
    return _guard.call(lambda: _hit(action, key, rate), fallback=0)


def _hit(action: str, key: str, rate: Rate) -> int:
    now = clock.now().timestamp()
    window = int(now // rate.seconds)
    current, previous = f"rl:{action}:{key}:{window}", f"rl:{action}:{key}:{window - 1}"
    # The previous window counts for the part of it the sliding window still covers.
    elapsed = (now % rate.seconds) / rate.seconds
    earlier = cache.get(previous, 0) * (1 - elapsed)
    cache.add(current, 0, timeout=rate.seconds * 2 + 1)
    try:
        count = cache.incr(current)
    except ValueError:  # expired between add and incr
        cache.set(current, 1, timeout=rate.seconds * 2 + 1)
        count = 1
    if count + earlier <= rate.count:
        return 0
    # Not counted: a refused attempt does not lengthen the wait.
    with contextlib.suppress(ValueError):  # expired meanwhile: nothing to take back
        cache.decr(current)
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def rate_for(action: str) -> Rate:
    return Rate.parse(settings.FORUM_RATE_LIMITS[action])


def ensure(action: str, key: str, message: str) -> None:
    """Count one `action`; refuse with `message` (and when to retry) past the limit.

    `message` has a %(wait)s placeholder for "40 seconds".
    """
    wait = hit(action, key, rate_for(action))
    if wait:
        raise RateLimited(message % {"wait": wait_words(wait)}, retry_after=wait)


def _for(action: str, member) -> str:
    """New members have slower limits of their own ("reply_new")."""
    return f"{action}_new" if is_new_member(member) else action


def ensure_can_reply(member) -> None:
    ensure(
        _for("reply", member),
        f"member:{member.pk}",
        _(
            "That's a lot of replies in a short time. Your words are kept: you can post "
            "again in %(wait)s."
        ),
    )


def ensure_can_start_thread(member) -> None:
    ensure(
        _for("thread", member),
        f"member:{member.pk}",
        _(
            "You've started several threads in a short time. Your words are kept: you can "
            "start another in %(wait)s."
        ),
    )


def ensure_can_flag(member) -> None:
    """New members flag a few posts a day; others are counted per hour elsewhere."""
    if _for("flag", member) == "flag_new":
        ensure(
            "flag_new",
            f"member:{member.pk}",
            _(
                "While you are new here you can flag a few posts a day. Thank you for "
                "looking out for people; you can flag again in %(wait)s."
            ),
        )


def ensure_can_edit(member) -> None:
    ensure(
        "edit",
        f"member:{member.pk}",
        _("That's a lot of edits at once. Your words are kept: you can save again in %(wait)s."),
    )


def ensure_can_check(*, member=None, session_key: str | None = None) -> None:
    """The composer's wording check: per member, per visitor session, and one
    shared allowance for visitors with no session at all."""
    message = _("The wording check is busy. Please wait %(wait)s; you can still post.")
    if member is not None and member.is_authenticated:
        ensure("check", f"member:{member.pk}", message)
    elif session_key:
        ensure("check", f"session:{session_key}", message)
    else:
        ensure("check_visitors", "everyone", message)
