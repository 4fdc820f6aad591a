"""Suggestions ready to drop into the text: number, capitals and articles kept.

Pure Python, no Django. language.py re-exports these three functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .context_words import WORDS

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


_suggestion_cache: dict[tuple, tuple[str, ...]] = {}
PERSON_NOUNS = WORDS.person_nouns - {
    "homeless",
    "family",
    "families",
    "household",
    "households",
}


def suggestions_for(c, term, context: str | None) -> tuple[str, ...]:
    """The suggestions for this finding, fitted to what was written (cached)."""
    drug = None
    if (term.suggestions and "{" in term.suggestions[0]) or context == "attributive":
        drug = "drugs"
        if c.wide_start is not None:  # "heroin users", "heroin-addicted father"
            first = c.text.norm[c.wide_start : c.end].replace("-", " ").split(None, 1)[0]
            drug = first if first in WORDS.drug_words else "drugs"
    noun = c.following if context == "attributive" else None
    key = (term.term, c.form, context, drug, noun)
    cached = _suggestion_cache.get(key)
    if cached is None:
        if len(_suggestion_cache) > 4096:
            _suggestion_cache.clear()
        cached = _suggestion_cache[key] = _fit_suggestions(c.form, term, context, drug, noun)
    return cached


def _fit_suggestions(form: str, term, context: str | None, drug, noun) -> tuple[str, ...]:
    suggestions = term.suggestions
    if term.suggestions_by_form:
        suggestions = lookup(term.suggestions_by_form, form, suggestions)
    if context and term.suggestions_by_context:
        suggestions = lookup(term.suggestions_by_context, context, suggestions)
    if context == "to":
        suggestions = tuple(f"{s} on" for s in suggestions)
    if any("{drug}" in s for s in suggestions):
        if drug in (None, "drug", "substance"):
            drug = "drugs"
        suggestions = tuple(s.replace("{drug}", drug) for s in suggestions)
    if noun is not None:
        plural = noun.endswith("s") and not noun.endswith("ss")
        suggestions = tuple(_agree(s.replace("{noun}", noun), plural) for s in suggestions)
    return suggestions


def _agree(suggestion: str, plural: bool) -> str:
    """ "brothers who uses drugs" -> "brothers who use drugs" """
    if not plural:
        return suggestion
    for singular, many in (
        (" who uses ", " who use "),
        (" who drinks ", " who drink "),
        (" who has ", " who have "),
    ):
        suggestion = suggestion.replace(singular, many)
    return suggestion


def lookup(pairs: tuple[tuple[str, tuple[str, ...]], ...], key: str, default):
    for name, value in pairs:
        if name == key:
            return value
    return default
