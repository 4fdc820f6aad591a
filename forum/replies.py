"""Replying to one post and quoting it: which posts may be answered, and how they are named.

A reply or quote names its post's author exactly as every member sees it
(`forum.identity.shown_author`): an anonymous post is "Anonymous" here even
for a moderator, because what they write is posted for everyone to read.
A post that may not be seen is never a target: its number is ignored, as if
it did not exist.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from config.addresses import address

from .identity import shown_author
from .models import Post

# Characters that would change a Markdown link's text into something else.
# (An underscore inside a word is plain text in CommonMark: "sam_signed" stays as it is.)
_MARKDOWN_LINK_TEXT = re.compile(r"([\\\[\]*`<>]|^_|_$)")


def target(viewer, thread, post_id) -> Post | None:
    """The post `viewer` may answer or quote in `thread`, or None.

    Only posts that are up (not held, hidden or removed) and that `viewer`
    may see (`Post.objects.visible_to`) in that same thread.
    """
    try:
        pk = int(post_id)
    except (TypeError, ValueError):
        return None
    return (
        Post.objects.visible_to(viewer)
        .filter(thread_id=thread.pk, pk=pk, status=Post.Status.VISIBLE)
        .select_related("author")
        .first()
    )


def quote(post: Post, selection: str = "") -> str:
    """Markdown quoting `post` (or the `selection` of its words), linked to it, for a composer."""
    text = (selection or "").replace("\r\n", "\n").strip() or post.body.strip()
    quoted = "\n".join(f"> {line}".rstrip() for line in text.split("\n"))
    name = _MARKDOWN_LINK_TEXT.sub(r"\\\1", shown_author(post).label)
    said = _("[%(author)s wrote](%(url)s):") % {"author": name, "url": post.get_absolute_url()}
    return f"{said}\n\n{quoted}\n\n"


@dataclass(frozen=True)
class ReplyLine:
    """What a post's card says about the post it answers."""

    url: str = ""
    label: str = ""  # empty: the post answered is no longer shown, so no name either


def line(post: Post) -> ReplyLine | None:
    """The "in reply to <author>" line of `post`'s card, the same for every reader.

    A card is shared by everyone who may read `post` (see forum.cards): the
    author is named only while the post answered is up for everyone. Once it is
    held, hidden or removed, the line says so neutrally, without a name or a link.
    """
    if not post.reply_to_id:
        return None
    answered = post.reply_to
    if answered is None or answered.status != Post.Status.VISIBLE:
        return ReplyLine()
    return ReplyLine(url=answered.get_absolute_url(), label=shown_author(answered).label)


def key_part(post: Post) -> tuple:
    """What of the answered post a cached card depends on."""
    if not post.reply_to_id:
        return ()
    answered = post.reply_to
    if answered is None:
        return ("gone",)
    author = ("anonymous",) if answered.anonymous else answered.author_id
    handle = "" if answered.anonymous or answered.author is None else answered.author.handle
    return (answered.pk, answered.status, author, handle)


def links(post: Post, viewer, reply_url: str) -> list[str]:
    """The Reply and Quote links, for a reader who may answer in this thread (no JavaScript
    needed: each link opens the thread's composer filled in)."""
    if not viewer.can_post or post.status != Post.Status.VISIBLE:
        return []
    base = escape(reply_url)
    author = escape(shown_author(post).label)
    quote_url = escape(address("forum:quote", post.pk))
    return [
        f'<a href="{base}?reply_to={post.pk}#reply" class="post__reply" data-reply="{post.pk}" '
        f'data-author="{author}">{escape(_("Reply"))}</a>',
        f'<a href="{base}?quote={post.pk}#reply" class="post__quote" data-quote="{post.pk}" '
        f'data-quote-url="{quote_url}" data-author="{author}">{escape(_("Quote"))}</a>',
    ]
