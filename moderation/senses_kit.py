"""What the sense rules share: the word lists, the result shape, small readings of context.

Pure Python, no Django. A rule returns None when the occurrence is another
sense of the word (not a finding), or (severity, context): severity None for
the term's own, context the name of a set of suggestions ("test" for a urine
test, for instance).
"""

from __future__ import annotations

from .context import Candidate
from .context_words import WORDS

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
    """Is the object (a few words: "his mum's sleeping pills") a drug or a medicine?"""
    for word in words[:5]:
        if word in DRUGS or word in W.medicine_words:
            return True
        if word in _OBJECT_STOPS:
            return False
    return False


# Where an object phrase ends: "abused as a child", "misused to cope", "abusing her in front of".
_OBJECT_STOPS = frozenset(
    [
        "as",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "since",
        "until",
        "and",
        "or",
        "but",
        "because",
        "while",
        "when",
        "that",
        "which",
        "who",
        "him",
        "them",
        "me",
        "us",
        "you",
        "it",
    ]
)


def medicine_object(words: list[str]) -> bool:
    """Is the next noun a medicine ("their gabapentin", "her mum's oxycodone")?"""
    for index, word in enumerate(words):
        if word in W.medicine_words:
            return True
        if word in W.determiners or word in ("their", "his", "her", "own", "other"):
            continue
        if (word in W.person_nouns or word in W.people) and words[index + 1 : index + 2] == ["s"]:
            continue  # "her mum's": a possessive before the medicine
        if word == "s" and index > 0:
            continue
        return False
    return False
