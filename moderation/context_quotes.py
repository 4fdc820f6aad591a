"""Quotation spans (rule R3): which stretches of a text are inside quotation marks.

Pure Python, no Django. Straight, curly, guillemet and low-9 quotes pair up by
shape: an opening mark follows a space or an opening bracket and comes before a
letter; a closing one follows a letter and comes before a space or punctuation.
Apostrophes are not quotes ("I'm", "junky's", "the '80s", or "addicts' families"
with no opening mark). A quotation left open longer than a few hundred
characters, or across a blank line, is not one.
"""

from __future__ import annotations

import re

_DOUBLE_QUOTES = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033')
_SINGLE_QUOTES = frozenset("'\u2018\u2019\u201a\u201b\u2039\u203a`")
_QUOTE_CHARS = re.compile(
    "[\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2033]"
)
_OPENS_AFTER = frozenset("([{-\u2013\u2014/:;,>*_~=")
_CLOSES_BEFORE = frozenset(".,;:!?)]}-\u2013\u2014/*_~")
_QUOTE_REACH = 600  # a quotation left open longer than this is not one


def quotation_spans(text: str) -> tuple[list[int], list[int]]:
    """(openings, closings) of quotation pairs, sorted by opening; apostrophes are not quotes."""
    spans: list[tuple[int, int]] = []
    open_at = {"d": -1, "s": -1}
    length = len(text)
    paragraphs = "\n\n" in text
    for match in _QUOTE_CHARS.finditer(text):
        index = match.start()
        char = text[index]
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < length else " "
        if char in _SINGLE_QUOTES:
            if before.isalnum() and after.isalnum():
                continue  # I'm, junky's
            kind = "s"
        else:
            kind = "d"
        for name, opened in open_at.items():
            if opened >= 0 and (
                index - opened > _QUOTE_REACH or (paragraphs and "\n\n" in text[opened:index])
            ):
                open_at[name] = -1
        opened = open_at[kind]
        can_close = not before.isspace() and (
            after.isspace() or after in _CLOSES_BEFORE or _QUOTE_CHARS.match(after) is not None
        )
        can_open = (
            before.isspace()
            or before in _OPENS_AFTER
            or index == 0
            or _QUOTE_CHARS.match(before) is not None
        ) and not after.isspace()
        if kind == "s" and can_open and not (after.isalpha() or _QUOTE_CHARS.match(after)):
            can_open = False  # an apostrophe before a number, as in the 80s
        if opened >= 0 and can_close:
            spans.append((opened, index + 1))
            open_at[kind] = -1
        elif can_open:
            open_at[kind] = index
    spans.sort()
    return [s for s, _ in spans], [e for _, e in spans]
