"""What the sense rules share: the word lists, the result shape, small readings of context.

Pure Python, no Django. A rule returns None when the occurrence is another
sense of the word (not a finding), or (severity, context): severity None for
the term's own, context the name of a set of suggestions ("test" for a urine
test, for instance).
"""

from __future__ import annotations

from .context import Candidate
from .words import WORDS

W = WORDS
DRUGS = W.drug_words
DRUG_TALK = W.drug_words | W.drug_use_words
TRAILING = frozenset([",", ".", ";", ":", "!", "?", ")", "'", '"'])
Result = tuple[str | None, str | None] | None
KEEP: Result = (None, None)


def attached_previous(c: Candidate) -> str:
    """The word right before the candidate, when only a space or a dash stands between."""
    start = c.start
    norm = c.text.norm
    if start < 2 or norm[start - 1] not in " -":
        return ""
    previous = c.previous
    if previous and norm[start - 1 - len(previous) : start - 1] == previous:
        return previous
    return ""


def drug_object(words: list[str]) -> bool:
    """Is the next noun (after determiners and a few adjectives) a drug or a medicine?"""
    for word in words:
        if word in DRUGS or word in W.medicine_words:
            return True
        if word not in W.determiners and word not in _OBJECT_MODIFIERS:
            return False
    return False


def medicine_object(words: list[str]) -> bool:
    """Is the next noun a medicine ("their gabapentin", "prescription opioids")?"""
    for word in words:
        if word in W.medicine_words:
            return True
        if word not in W.determiners and word not in ("their", "his", "her", "own", "other"):
            return False
    return False


_OBJECT_MODIFIERS = frozenset(
    ["their", "his", "her", "own", "prescribed", "illegal", "illicit", "street", "other"]
)
