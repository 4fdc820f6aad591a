"""Thread rows in lists (home, category pages, live activity), cached like post cards.

A row is made from everything it shows, so any change is a new key (see forum.cards).
"""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.timezone import now as django_now
from django.utils.translation import get_language

from .cards import CARD_SECONDS, _guard, _who


def _ago_bucket(delta) -> tuple:
    # At least as fine as `ago` (forum/templatetags/ago.py): minutes under an
    # hour, hours under a day, days beyond (weeks, months and years change on a day).
    seconds = int(delta.total_seconds())
    if seconds < 3600:
        return ("m", seconds // 60)
    if seconds < 86400:
        return ("h", seconds // 3600)
    return ("d", seconds // 86400)


def _row_key(thread, now) -> str:
    last = thread.last_post
    parts = (
        thread.pk,
        thread.title,
        thread.pinned,
        thread.locked,
        thread.opens_with_post,
        ",".join(thread.content_warnings or ()),
        _who(thread) if thread.opens_with_post else "",
        thread.reply_count,
        # "last reply by" names whoever wrote it, as the row shows it.
        (_who(last), last.status) if last is not None else "",
        # The row says "5 minutes ago" or "3 days ago" (one unit): a new count
        # of that unit is a new row, so the words are never stale.
        _ago_bucket(now - thread.last_activity_at),
        thread.last_activity_at.isoformat(),
        get_language(),
    )
    return (
        "row:" + hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()
    )


def thread_rows(threads) -> list[str]:
    """Each thread's row in a list, from the cache or rendered now, in order."""
    threads = list(threads)
    now = django_now()
    keys = [_row_key(thread, now) for thread in threads]
    found = _guard.call(lambda: cache.get_many(keys), fallback={})
    out, fresh = [], {}
    for thread, key in zip(threads, keys, strict=True):
        html = found.get(key)
        if html is None:
            html = render_to_string("forum/_thread_row.html", {"thread": thread}).strip()
            fresh[key] = html
        out.append(html)
    if fresh:
        _guard.call(lambda: cache.set_many(fresh, timeout=CARD_SECONDS), fallback=None)
    return out
