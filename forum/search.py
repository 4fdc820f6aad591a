"""One search over thread titles and visible posts, on PostgreSQL or SQLite.

PostgreSQL uses its full-text search (GIN indexes on to_tsvector); SQLite
uses FTS5 tables kept by triggers (see migration 0008). Both give the same
kind of result: titles first, then posts, each ranked by the database,
never held, hidden or removed posts, never a thread that is not public, and
snippets with the words highlighted here, the same way for both.
"""

import html
import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .models import Post, Thread

MAX_RESULTS = 200
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Result:
    thread: Thread
    post: Post | None
    snippet: str

    @property
    def url(self) -> str:
        return self.post.get_absolute_url() if self.post else self.thread.get_absolute_url()


def terms(query: str) -> list[str]:
    """The words searched for: letters and digits only, at most eight."""
    return [word.lower() for word in _WORD.findall(query or "")][:8]


def _ids_postgres(words: list[str]) -> tuple[list[int], list[int]]:
    query = " & ".join(f"{word}:*" for word in words)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM forum_thread WHERE public AND "
            "to_tsvector('english', title) @@ to_tsquery('english', %s) "
            "ORDER BY ts_rank(to_tsvector('english', title), to_tsquery('english', %s)) DESC, "
            "id DESC LIMIT %s",
            [query, query, MAX_RESULTS],
        )
        thread_ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT p.id FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id "
            "WHERE p.status = 'visible' AND t.public AND "
            "to_tsvector('english', p.body) @@ to_tsquery('english', %s) "
            "ORDER BY ts_rank(to_tsvector('english', p.body), to_tsquery('english', %s)) DESC, "
            "p.id DESC LIMIT %s",
            [query, query, MAX_RESULTS],
        )
        post_ids = [row[0] for row in cursor.fetchall()]
    return thread_ids, post_ids


def _ids_sqlite(words: list[str]) -> tuple[list[int], list[int]]:
    query = " AND ".join(f'"{word}"*' for word in words)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.id FROM forum_thread_fts f JOIN forum_thread t ON t.id = f.rowid "
            "WHERE forum_thread_fts MATCH %s AND t.public "
            "ORDER BY bm25(forum_thread_fts), t.id DESC LIMIT %s",
            [query, MAX_RESULTS],
        )
        thread_ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT p.id FROM forum_post_fts f JOIN forum_post p ON p.id = f.rowid "
            "JOIN forum_thread t ON t.id = p.thread_id "
            "WHERE forum_post_fts MATCH %s AND p.status = 'visible' AND t.public "
            "ORDER BY bm25(forum_post_fts), p.id DESC LIMIT %s",
            [query, MAX_RESULTS],
        )
        post_ids = [row[0] for row in cursor.fetchall()]
    return thread_ids, post_ids


# Where one block of a rendered post ends and the next begins: a space, so words don't run together.
_BLOCK_END = re.compile(r"</(?:p|li|blockquote|h[1-6]|pre|tr|td|th|div)>|<br\s*/?>|<hr\s*/?>", re.I)


def readable_text(body_html: str) -> str:
    """The words a reader sees in a rendered post: no Markdown marks, no tags, one line."""
    text = html.unescape(strip_tags(_BLOCK_END.sub(" ", body_html)))
    return " ".join(text.split())


def highlight(text: str, words: list[str], width: int = 220) -> str:
    """A piece of `text` around the first match, every matching word in <mark>."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 3)
    piece = text[start : start + width]
    out, position = [], 0
    for match in pattern.finditer(piece):
        out += [escape(piece[position : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        position = match.end()
    out.append(escape(piece[position:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece escaped above


def search(query: str, *, viewer=None) -> list[Result]:
    """Results for `query` that `viewer` may read: matching thread titles first, then posts."""
    words = terms(query)
    if not words:
        return []
    find = _ids_postgres if connection.vendor == "postgresql" else _ids_sqlite
    thread_ids, post_ids = find(words)
    # The SQL above already keeps to listed threads and visible posts; the one
    # visibility rule has the last word all the same.
    threads = Thread.objects.visible_to(viewer).in_bulk(thread_ids)
    posts = (
        Post.objects.visible_to(viewer)
        .filter(status=Post.Status.VISIBLE)
        .select_related("thread", "author")
        .in_bulk(post_ids)
    )
    thread_ids = [pk for pk in thread_ids if pk in threads]
    post_ids = [pk for pk in post_ids if pk in posts]
    results = [
        Result(thread=threads[pk], post=None, snippet=highlight(threads[pk].title, words))
        for pk in thread_ids
    ]
    results += [
        Result(
            thread=posts[pk].thread,
            post=posts[pk],
            snippet=highlight(readable_text(posts[pk].body_html), words),
        )
        for pk in post_ids
    ]
    return results
