"""Markdown to safe HTML for posts.

Two layers, each enough on its own for the common cases and together for the
odd ones: markdown-it-py parses CommonMark with raw HTML turned off (so typed
tags come out as text), then bleach keeps only an allow-list of tags,
attributes and link schemes, and turns bare URLs into links.
"""

from functools import partial
from html import escape

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "em",
        "strong",
        "s",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "a",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"


def _render_image_as_link(self, tokens, idx, options, env):
    # An image from another site would tell that site who is reading and when,
    # so an image becomes a plain link to it that the reader may choose to open.
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = self.renderInlineAsText(token.children or [], options, env).strip()
    label = alt or src
    return f'<a href="{escape(src)}">{escape(label, quote=False)}</a>'


def _build_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("strikethrough")
    md.add_render_rule("image", _render_image_as_link)
    return md


_parser = _build_parser()


def _set_link_rel(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    return attrs


def _drop_unsafe_links(attrs, new=False):
    # bleach has already removed hrefs with other schemes; a link with no
    # href left is dropped back to its text.
    href = attrs.get((None, "href"))
    if not href:
        return None
    return attrs


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        partial(
            LinkifyFilter,
            callbacks=[_drop_unsafe_links, _set_link_rel],
            skip_tags={"pre", "code"},
            parse_email=False,
        )
    ],
)


def _shift_headings(tokens) -> None:
    # Posts sit under the page's own h1 and h2, so "#" becomes h3, "##" h4 ...
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1])
            token.tag = f"h{min(level + 2, 6)}"


def has_links(text: str) -> bool:
    """True when the text, as posted, would show a link (Markdown or a bare address)."""
    return "<a " in render_markdown(text)


def render_markdown(text: str) -> str:
    """Render a post's Markdown source to HTML that is safe to show as is."""
    tokens = _parser.parse(text or "")
    _shift_headings(tokens)
    html = _parser.renderer.render(tokens, _parser.options, {})
    return _cleaner.clean(html).strip()
