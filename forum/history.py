"""Readable differences between two versions of a post, as safe HTML.

Pure Python (no Django): every piece of text is escaped, and only `<ins>`,
`<del>` and `<br>` are added, so the result can be marked safe as it is.
Lines are compared first, then the words inside changed lines, so a small edit
to a long post shows as a few marked words.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from html import escape

# Words and single other characters, each with the spaces after it (so spaces,
# the commonest token by far, never slow the matching down), and line breaks.
_TOKENS = re.compile(r"\w+[^\S\n]*|[^\w\s][^\S\n]*|\n|[^\S\n]+")
# SequenceMatcher is quadratic at worst: past this many token pairs in what
# differs between two blocks, the block is shown as taken out and put in whole.
_MAX_WORD_COMPARISONS = 2_000_000


def _text(text: str) -> str:
    # <br> alone: the page shows the text with its spaces kept (white-space: pre-wrap).
    return escape(text, quote=True).replace("\n", "<br>")


def _marked(tag: str, text: str, label: str, withheld: str = "") -> str:
    if not text:
        return ""
    if withheld and tag == "del":
        return f'<span class="withheld">[{escape(withheld, quote=True)}]</span> '
    hint = f'<span class="visually-hidden">{escape(label, quote=True)} </span>' if label else ""
    shown = _text(text)
    if text.isspace() and "\n" in text:
        # A line break added or taken away would otherwise be invisible.
        shown = "¶" + (shown if tag == "ins" else "")
    return f"<{tag}>{hint}{shown}</{tag}>"


def _key(piece: str) -> str:
    # Tokens are compared without their trailing spaces: "safe" and "safe " match.
    return piece if piece == "\n" else piece.rstrip()


def _common_ends(old: list[str], new: list[str]) -> tuple[int, int]:
    """How many tokens the two share at the start, and then at the end."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, end


def _word_changes(before: str, after: str) -> list[tuple[bool, str, str]]:
    """(same?, old text, new text) runs, neighbouring changes joined into one.

    Unchanged runs carry the new text (so spacing is today's).
    """
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    old_keys, new_keys = [_key(t) for t in old], [_key(t) for t in new]
    start, end = _common_ends(old_keys, new_keys)
    old_middle = old_keys[start : len(old) - end]
    new_middle = new_keys[start : len(new) - end]
    if len(old_middle) * len(new_middle) > _MAX_WORD_COMPARISONS:
        opcodes = [("replace", 0, len(old_middle), 0, len(new_middle))]
    else:
        opcodes = SequenceMatcher(None, old_middle, new_middle, autojunk=False).get_opcodes()
    runs = [(True, "", "".join(new[:start]))]
    for op, i1, i2, j1, j2 in opcodes:
        same = op == "equal"
        old_text = "".join(old[start + i1 : start + i2])
        new_text = "".join(new[start + j1 : start + j2])
        if not same and not runs[-1][0]:
            _, kept_old, kept_new = runs.pop()
            old_text, new_text = kept_old + old_text, kept_new + new_text
        runs.append((same, old_text, new_text))
    runs.append((True, "", "".join(new[len(new) - end :])))
    return runs


def _words(before: str, after: str, removed: str, added: str, withheld: str) -> list[str]:
    parts = []
    for same, old_text, new_text in _word_changes(before, after):
        if same:
            parts.append(_text(new_text))
        else:
            parts.append(_marked("del", old_text, removed, withheld))
            parts.append(_marked("ins", new_text, added))
    return parts


def diff_html(
    before: str,
    after: str,
    *,
    removed_label: str = "",
    added_label: str = "",
    withheld_label: str = "",
) -> str:
    """`before` changed into `after`: escaped text with `<del>` and `<ins>` around changes.

    The labels (e.g. "removed:", "added:") are read out by screen readers at
    the start of each change and hidden from sight. With `withheld_label`,
    words taken out are not shown at all, only that label in brackets (for a
    moderator's change, whose removed words may be why it was made).
    """
    before, after = before or "", after or ""
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    parts: list[str] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_block, new_block = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if op == "equal":
            parts.append(_text(old_block))
        elif op == "replace":
            parts.extend(_words(old_block, new_block, removed_label, added_label, withheld_label))
        else:
            parts.append(_marked("del", old_block, removed_label, withheld_label))
            parts.append(_marked("ins", new_block, added_label))
    return "".join(parts)


def edited_by(*, editor_id: int | None, author_id: int | None, reason: str) -> str:
    """Who made an edit, as readers may be told: "author" or "moderator".

    Only the post's author and moderators can change its words. An edit by the
    author's own account is the author's, whatever else that account is (so a
    moderator's anonymous post stays anonymous). With the editor's account
    gone, an edit with a reason was a moderator's; otherwise, with the author's
    account still here, someone else (a moderator) made it.
    """
    if editor_id is not None:
        return "author" if editor_id == author_id else "moderator"
    if reason:
        return "moderator"
    return "moderator" if author_id is not None else "author"
