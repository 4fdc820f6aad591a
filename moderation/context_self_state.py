"""Self-description of activity and state words (part of rule R4): clean, habit, abuse.

Pure Python, no Django. The nearest person before the word in its clause is the
writer ("I've been clean", "my habit", "I struggled with drug abuse"); or no one
is named before it and the sentence speaks only of the writer ("After rehab,
staying clean was the hardest thing I've done", "Day 12 clean."); or the writer
is the subject of an earlier clause, left out of this one (context_elided.py).
"""

from __future__ import annotations

from . import context_elided
from .context import Candidate
from .context_self_words import (
    _PEOPLE,
    CLAUSE_BREAKS,
    FIRST_OWNER,
    FIRST_PERSON,
    STANCE_VERBS,
    THIRD_PERSON,
)
from .context_words import WORDS


def state(c: Candidate) -> bool:
    """Clean, habit, abuse: is the writer the subject or owner?"""
    if c.following in TESTS or c.following in WORDS.drug_tests:
        # "three clean UAs from him": the tests' owner, not whoever asks for them
        return any(w in FIRST_OWNER for w in c.before[-3:]) or c.after[1:3] in (
            ["from", "me"],
            ["from", "us"],
        )
    tokens = c.tokens_before[-12:]
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if token in CLAUSE_BREAKS:
            break
        if token in TESTS:
            # "my UA came back clean": the test's owner; "the swab test came back dirty": nobody.
            return any(word in FIRST_OWNER for word in tokens[max(0, index - 3) : index])
        if tokens[index - 1 : index + 1] == ["'", "s"]:
            return False  # "our centre's drug abuse programme": the centre's, not ours
        if token in FIRST_PERSON or token in FIRST_OWNER:
            return True
        if token in THIRD_PERSON or token in _PEOPLE:
            return False
        if token in STANCE_VERBS:
            return False
    # Nobody named before it: a gerund or infinitive subject ("staying clean was the hardest
    # thing I've done") speaks for the writer when the sentence names only the writer.
    clause = tokens
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index] in CLAUSE_BREAKS:
            clause = tokens[index + 1 :]
            break
    words_before = [t for t in clause if t[0].isalnum()]
    if not all(_no_subject(w) for w in words_before):
        # "I moved back in with my mum, got a job and have stayed clean": the writer, the
        # subject of an earlier clause, left out of this one.
        return context_elided.writer_left_out(c)
    words = c.sentence_words
    if not words.isdisjoint(_STATE_BLOCKERS):
        return False
    # "Day 12 clean.", "Two years clean today": a bare count is the writer's own (a keytag).
    if not words_before and c.following in ("since", "for") and c.start == c.sentence[0]:
        return True  # "Clean since the 3rd of May 2021.": a post's opening, the writer's own
    counted = bool(words_before) and all(
        w.isdigit() or w in WORDS.number_words or w in WORDS.time_units for w in words_before
    )
    return counted or not words.isdisjoint(FIRST_PERSON)


_PEOPLE_ONLY = WORDS.person_nouns - {"people", "person"}


_STATE_BLOCKERS = (THIRD_PERSON - {"it", "its"}) | _PEOPLE_ONLY


def _no_subject(word: str) -> bool:
    """Words that can stand before a state word without naming who ("five years", "staying")."""
    return (
        word.endswith("ing")
        or word.isdigit()
        or word in WORDS.number_words
        or word in WORDS.time_units
        or word in ("to", "get", "stay", "keep", "remain", "after", "since", "now", "finally")
        or word in ("sober", "and", "still", "officially", "today", "been", "being")
    )


TESTS = WORDS.drug_tests - {"drop", "drops", "test", "tested", "testing"} | {"test", "tests"}
