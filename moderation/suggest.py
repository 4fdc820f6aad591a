"""Suggestions ready to drop into the text: number, capitals and articles kept.

Pure Python, no Django. language.py re-exports these three functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORDS = re.compile(r"[^\W_]+")
_PLURALS = (
    (re.compile(r"^person who (\w+?)s\b"), r"people who \1"),
    (re.compile(r"^person\b"), "people"),
    (re.compile(r"^patient\b"), "patients"),
    (re.compile(r"^baby\b"), "babies"),
    (re.compile(r"^newborn\b"), "newborns"),
    (re.compile(r"^parent\b"), "parents"),
    (re.compile(r"^supporter\b"), "supporters"),
)
_PLURAL_TERMS = ("drugs of abuse",)


def replacement(finding, suggestion: str) -> str:
    """`suggestion` shaped to stand where `finding` stands: number and capitals kept."""
    words = _WORDS.findall(finding.text.lower())
    plural = (
        words
        and words[-1].endswith("s")
        and not words[-1].endswith(("ss", "ous"))
        and not finding.term.endswith("s")
        and finding.term not in _PLURAL_TERMS
    )
    if plural:
        for pattern, plural_form in _PLURALS:
            suggestion, count = pattern.subn(plural_form, suggestion, count=1)
            if count:
                break
    letters = [c for c in finding.text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return suggestion.upper()
    if letters and letters[0].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


_ARTICLE = re.compile(r"(?<![^\W_])(an?)(\s+)$", re.IGNORECASE)


def suggested_edit(text: str, finding, suggestion: str) -> tuple[int, int, str]:
    """The edit that puts `suggestion` in place of `finding`: (start, end, new text).

    The span grows to take in "a"/"an" before the finding when the suggestion
    needs the other one: "an addict" becomes "a person who uses drugs".
    """
    new = replacement(finding, suggestion)
    window_start = max(0, finding.start - 10)
    article = _ARTICLE.search(text[window_start : finding.start])
    if article and (
        article.start() > 0 or window_start == 0 or not text[window_start - 1].isalnum()
    ):
        wanted = "an" if new[:1].lower() in "aeiou" else "a"
        written = article.group(1)
        if wanted != written.lower():
            if written[0].isupper():
                wanted = wanted.capitalize()
            return window_start + article.start(), finding.end, wanted + article.group(2) + new
    return finding.start, finding.end, new


def apply_suggestions(text: str, findings: Iterable) -> str:
    """Replace each finding that has a suggestion by its first one, keeping the rest."""
    pieces, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if not finding.suggestions or finding.start < position:
            continue
        start, end, new = suggested_edit(text, finding, finding.suggestions[0])
        pieces.append(text[position:start])
        pieces.append(new)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
