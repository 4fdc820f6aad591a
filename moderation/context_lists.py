"""Mention, not use (rule R3): words listed as words, in bulleted lists, tables and glossaries.

Pure Python, no Django. An item of a bulleted or numbered list, or a cell of a table
(with or without the outer "|"), under a heading about words ("Words to avoid:",
"| Instead of | Say |", "Old word | Better word"), or the head of a glossary line
("junkie → person who uses drugs"), is a word talked about, not used.
"""

from __future__ import annotations

from .context import ARROW, Candidate
from .context_words import words

BULLET_CHARS = frozenset("-*+\u2022\u25cf\u25aa\u2013\u2014\u00b7")
HEADING_CUES = words(
    """
    word words term terms language label labels avoid instead say dont don use prefer
    preferred phrase phrases vocabulary glossary stigmatising stigmatizing stigma offensive
    hurtful slurs slur swap replace try
    """
)
LINE_REACH = 300
_ARROW = ARROW


def in_word_list_block(c: Candidate, o_start: int, o_end: int) -> bool:
    """A bulleted list or table under a heading about words, or a glossary line."""
    original = c.text.original
    # Lines are looked at within a bounded reach: a longer line is prose, not a list item.
    low = max(0, o_start - LINE_REACH)
    line_start = original.rfind("\n", low, o_start) + 1 or low
    line_end = original.find("\n", o_end, o_end + LINE_REACH)
    if line_end < 0:
        line_end = min(len(original), o_end + LINE_REACH)
    head = original[line_start:o_start]
    if o_start - line_start <= 40 and _ARROW.search(original, o_end, line_end):
        return True  # "junkie → person who uses drugs"
    stripped = head.lstrip()
    # A table row: "| junkie | person who uses drugs |", or "junkie | person who uses drugs".
    table = (stripped[:1] == "|") or (
        len(stripped) <= 40
        and "|" not in head
        and line_start > 0
        and original.find("|", o_end, line_end) >= 0
    )
    if not stripped and not table:
        return False
    bullet = not table and (
        stripped[0] in BULLET_CHARS or (stripped[0].isdigit() and _numbered(stripped))
    )
    if not (table or bullet):
        return False
    head = head.strip()
    if table:
        header, position = None, line_start
        for _ in range(60):
            if position <= 0:
                break
            found = original.rfind("\n", max(0, position - LINE_REACH), position - 1)
            if found < 0 and position - LINE_REACH > 0:
                break
            previous_start = found + 1
            previous = original[previous_start : position - 1].strip()
            if "|" not in previous:
                break
            if not set(previous) <= set("|-: "):
                header = previous
            position = previous_start
        return header is not None and _cues(header)
    if len(_item_words(head)) > 3:
        return False  # a bullet that is a sentence, not an item
    position = line_start
    for _ in range(40):
        if position <= 0:
            return False
        found = original.rfind("\n", max(0, position - LINE_REACH), position - 1)
        if found < 0 and position - LINE_REACH > 0:
            break
        previous_start = found + 1
        previous = original[previous_start : position - 1].strip()
        position = previous_start
        if not previous or previous[0] in BULLET_CHARS or _numbered(previous):
            continue
        return _cues(previous)
    return False


def _numbered(line: str) -> bool:
    digits = len(line) - len(line.lstrip("0123456789"))
    return 0 < digits < 3 and line[digits : digits + 1] in (".", ")")


def _item_words(text: str) -> list[str]:
    return [w for w in text.replace("*", " ").replace("_", " ").split() if w[0].isalnum()]


def _cues(heading: str) -> bool:
    found = {w.strip(".:;,!?*#|()'\"").lower() for w in heading.replace("\u2019", "'").split()}
    found |= {w.replace("'", "") for w in found}
    return not found.isdisjoint(HEADING_CUES)
