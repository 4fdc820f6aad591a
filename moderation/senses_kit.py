"""What the sense rules share: the word lists, the result shape, small readings of context.

Pure Python, no Django. A rule returns None when the occurrence is another
sense of the word (not a finding), or (severity, context): severity None for
the term's own, context the name of a set of suggestions ("test" for a urine
test, for instance).
"""

from __future__ import annotations

from .context import Candidate
from .context_words import WORDS, words

W = WORDS
DRUGS = W.drug_words
DRUG_TALK = W.drug_words | W.drug_use_words
# Drug-use words with an everyday sense as common as the drug one: "high school", "a caffeine
# high", "fix your costume", "app users", "smoking" tobacco, "shooting" a film. They count as
# talk of drugs only in a drug shape (see _drug_sense).
AMBIGUOUS_TALK = words("high fix user users using shooting smoking")
CLEAR_TALK = DRUG_TALK - AMBIGUOUS_TALK
_BE_OR_GET = words(
    """
    get got gets getting was were is s m re am are be been being so too stay stayed staying
    feel feeling felt still proper off my his her their your
    """
)
_FIX_OWNERS = words("a his her their my your next daily first another")


def about_drugs(c: Candidate, without: frozenset[str] = frozenset()) -> bool:
    """Does the candidate's sentence talk of drugs or drug use (R9, R10, R11, R14)?"""
    present = c.sentence_words
    if not present.isdisjoint(CLEAR_TALK - without):
        return True
    if present.isdisjoint(AMBIGUOUS_TALK - without):
        return False
    sequence = c.sentence_sequence
    return any(
        word in AMBIGUOUS_TALK and word not in without and _drug_sense(sequence, index)
        for index, word in enumerate(sequence)
    )


def _drug_sense(sequence: list[str], index: int) -> bool:
    """Is sequence[index], one of AMBIGUOUS_TALK, said of drugs here?"""
    word = sequence[index]
    previous = sequence[index - 1] if index else ""
    following = sequence[index + 1] if index + 1 < len(sequence) else ""
    if word == "high":
        # "got high", "was so high"; "high on sugar", "high school", "a caffeine high" are not
        if previous not in _BE_OR_GET:
            return False
        if following == "on" or following == "off":
            return index + 2 < len(sequence) and sequence[index + 2] in DRUGS
        return following not in W.high_things
    if word == "fix":
        return previous in _FIX_OWNERS and following not in ("for", "to", "it", "this", "that")
    if word in ("shooting", "smoking"):
        return following == "up" or following in DRUGS
    return previous in DRUGS or following in DRUGS  # "heroin users", "using crack"


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
