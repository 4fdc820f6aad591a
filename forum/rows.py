"""Each thread's row in a list (category pages, the home page), cached.

A row is the same for every viewer, so it is rendered once and kept under a key
made of everything it shows (title, counts, who wrote it and the last reply,
how long ago in the row's own unit): any change is a new key, never a stale
row. A page whose rows are all cached reads their keys as plain values and
builds no model objects.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.timezone import now as django_now
from django.utils.translation import get_language

from accounts.models import Mute

from . import cache_guard
from .cards import CARD_SECONDS
from .prepared import Prepared
from .selectors import latest_threads, row_threads

_guard = cache_guard.guard


def _ago_bucket(delta) -> tuple:
    # At least as fine as `ago` (forum/templatetags/ago.py): minutes under an
    # hour, hours under a day, days beyond (weeks, months and years change on a day).
    seconds = int(delta.total_seconds())
    if seconds < 3600:
        return ("m", seconds // 60)
    if seconds < 86400:
        return ("h", seconds // 3600)
    return ("d", seconds // 86400)


_AUTHOR_FIELDS = ("handle", "role", "lived_experience", "is_superuser")  # as `_who` reads them
# What a row's key reads, as plain values: a page whose rows are all cached
# builds no model objects at all.
_WHO = ("anonymous", "author_id", *(f"author__{name}" for name in _AUTHOR_FIELDS))
_ROW_KEY_FIELDS = (
    "id",
    "title",
    "pinned",
    "locked",
    "opens_with_post",
    "content_warnings",
    "reply_count",
    "last_activity_at",
    "last_post_id",
    "last_post__status",
    *_WHO,
    *(f"last_post__{name}" for name in _WHO),
)
_LAST = _ROW_KEY_FIELDS.index("last_post_id")


def _who_of(values) -> tuple:
    """`_who` from (anonymous, author_id, handle, role, lived_experience, is_superuser)."""
    if values[0]:
        return ("anonymous",)
    if values[1] is None:
        return ("gone",)
    return tuple(values[2:])


def _row_key(row, now) -> str:
    (
        pk,
        title,
        pinned,
        locked,
        opens_with_post,
        warnings,
        replies,
        active,
        last_id,
        last_status,
    ) = row[:10]
    width = len(_WHO)
    parts = (
        pk,
        title,
        pinned,
        locked,
        opens_with_post,
        ",".join(warnings or ()),
        _who_of(row[10 : 10 + width]) if opens_with_post else "",
        replies,
        # "last reply by" names whoever wrote it, as the row shows it.
        (_who_of(row[10 + width :]), last_status) if last_id is not None else "",
        # The row says "5 minutes ago" or "3 days ago" (one unit): a new count
        # of that unit is a new row, so the words are never stale.
        _ago_bucket(now - active),
        active.isoformat(),
        get_language(),
        "unread",  # rows made before they had a place for a member's count are not reused
    )
    return (
        "row:" + hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()
    )


def thread_rows(threads) -> list[str]:
    """Each thread's row in a list, from the cache or rendered now, in order."""
    return [html for _pk, html in rows_by_id(threads)]


def rows_by_id(threads) -> list[tuple[int, str]]:
    """Each thread's id and row in a list, from the cache or rendered now, in order.

    `threads` is a queryset (sliced to the page): its rows' keys are read as
    plain values, and only the threads whose row is not cached are loaded.
    """
    return _rows_of(list(threads.values_list(*_ROW_KEY_FIELDS)))


# The latest threads as everyone without mutes sees them: one SQL text, always.
_latest = Prepared(lambda: latest_threads(None).values_list(*_ROW_KEY_FIELDS))


def latest_by_id(viewer) -> list[tuple[int, str]]:
    """The home page's latest threads for `viewer` (see `selectors.latest_threads`)."""
    if Mute.objects.muted_by(viewer):
        return rows_by_id(latest_threads(viewer))
    return _rows_of(_latest.rows())


def _rows_of(rows: list[tuple]) -> list[tuple[int, str]]:
    now = django_now()
    keys = [_row_key(row, now) for row in rows]
    found = _guard.call(lambda: cache.get_many(keys), fallback={})
    missing = [row[0] for row, key in zip(rows, keys, strict=True) if key not in found]
    if missing:
        fresh = {}
        loaded = {thread.pk: thread for thread in row_threads(missing)}
        for row, key in zip(rows, keys, strict=True):
            thread = loaded.get(row[0])
            if key not in found and thread is not None:
                html = render_to_string("forum/_thread_row.html", {"thread": thread}).strip()
                found[key] = fresh[key] = html
        _guard.call(lambda: cache.set_many(fresh, timeout=CARD_SECONDS), fallback=None)
    return [(row[0], found[key]) for row, key in zip(rows, keys, strict=True) if key in found]
