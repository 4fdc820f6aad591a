"""Mention, not use (rule R3), when the naming is reported around the word, not before it.

Pure Python, no Django. context_mention.py reads markers that come before a
word ("the word X", "calling someone X"). These come with it or after it:

- a say-verb right before the bare word, which then ends its clause: "when the
  papers say druggie, they mean poor", "people who write addict when they mean
  a person";
- someone's words named after it: "their opioid zombies, as the protestors put it";
- "so-called" before a label of people: "the so-called junkies on Market
  Street" (scare quotes in words; "the so-called zombie drug" stays a low label
  of the drug, as the reference's dev case says);
- the writer reporting what they were called, after the word: "junkies, they
  call us", "once a crackhead, always a crackhead, they said about me";
- a fragment or a list of words that a later clause says were thrown at the
  writer: "Junkie. Crackhead. Waste of space. That's what they called me",
  "Addict, alcoholic, junkie: I've been called all three".
"""

from __future__ import annotations

import re

from .context import Candidate
from .context_words import words

SAY_BEFORE = words(
    """
    say says said saying write writes wrote writing type typed hear heard hears use uses
    used
    """
)
# What may follow the bare word for it to be the object of "say": the clause ends.
CLAUSE_AFTER = words(
    """
    when if because but and or instead rather they you we i it is was as to in about for
    """
)
_TRAILING = frozenset(",.;:!?)\"'")
# "they call us", "they called me", "people called me", "they said about me"
_NAMED_AFTER = re.compile(
    r"^[\s,;:\u2013\u2014-]*(?:[a-z]+[\s,]+){0,3}?"
    r"(?:they|people|he|she|everyone|everybody|folk|folks|kids|others|some|you|nurses|doctors"
    r"|police|cops|teachers|staff|mum|dad|family)\s+"
    r"(?:always\s+|used\s+to\s+|would\s+|d\s+|still\s+)?"
    r"(?:call|calls|called|calling|label|labels|labelled|labeled|said|say|says|shouted|yelled"
    r"|named)\s+(?:about\s+|of\s+|at\s+|to\s+)?(?:me|us)(?![^\W_])"
    r"(?!\s+(?:over|back|in|up|out|round|around|down|to)(?![^\W_]))"
)
# A later clause that says the words were thrown at the writer.
_THROWN = re.compile(
    r"(?:call|calls|called|calling|label|labelled|labeled|named|shouted|yelled)\s+(?:at\s+)?"
    r"(?:me|us)(?![^\W_])|(?:been|being|was|were|get|got)\s+called(?![^\W_])"
    r"|(?:said|say|says)\s+(?:about|of|to)\s+(?:me|us)(?![^\W_])"
    r"|(?:i|we)\s+(?:\w+\s+)?(?:heard|hear)(?![^\W_])"
)


def _thrown(segment: str) -> bool:
    """_THROWN in `segment`. Every branch of it holds one of these stems: a cheap test first,
    as the regular expression has no fixed start and is otherwise tried at every character."""
    return (
        "call" in segment
        or "label" in segment
        or "named" in segment
        or "shout" in segment
        or "yell" in segment
        or "said" in segment
        or "say" in segment
        or "hear" in segment
    ) and _THROWN.search(segment) is not None


# After a list and a colon or dash: "the three words I heard most", "names I was called".
_WORDS_NOUN = re.compile(
    r"^\s*(?:(?:the|those|these|all|just)\s+)?(?:\w+\s+)?"
    r"(?:words?|names?|labels?|insults?|slurs?|terms?)(?![^\W_])"
)
_FRAGMENT_WORDS = 6  # at most this many words in a fragment of words ("Waste of space.")
_LOOK_AHEAD = 160


SUBSTITUTING = words(
    """
    replace replaces replaced replacing swap swaps swapped swapping change changes changed
    changing exchange exchanged trade traded substitute substituted
    """
)
_FOR_WITH = words("with for to by")


def is_reported(c: Candidate, naming_ok: bool) -> bool:
    """Is the candidate a word reported or quoted without quotation marks (see above)?"""
    previous = c.previous
    if previous in SAY_BEFORE and _ends_clause(c):
        return True
    if previous in SUBSTITUTING and c.following in _FOR_WITH:
        return True  # "replacing abuser with person who uses drugs", "swap addict for ..."
    if naming_ok and previous == "called" and c.before[-2:] == ["so", "called"]:
        return True
    if "put" in c.after or "puts" in c.after:
        after = c.after
        index = after.index("put") if "put" in after else after.index("puts")
        if after[index + 1 : index + 2] == ["it"] and "as" in after[max(0, index - 4) : index]:
            return True  # "their opioid zombies, as the protestors put it": someone's words
    if not naming_ok:
        return False
    after = c.after
    before = c.before
    naming = not _NAMING_AFTER.isdisjoint(after)
    if not naming and (len(before) > _FRAGMENT_WORDS or not _CLAUSE_MARKS.isdisjoint(before)):
        return False  # the common case: no naming after it, and not a fragment of words
    norm = c.text.norm
    if naming and _NAMED_AFTER.match(norm[c.end : c.high]):
        return True
    # A list or a fragment of words is short, and a later clause says what was done with it.
    if len(before) > _FRAGMENT_WORDS or not _CLAUSE_MARKS.isdisjoint(before):
        return False
    colon = norm.find(":", c.end, c.end + 60)
    head = after
    if colon >= 0:
        head = norm[c.end : colon].split()
        if len(head) > len(after) + 1:
            colon, head = -1, after  # the colon is in a later sentence
    if len(before) + len(head) > _FRAGMENT_WORDS or not _CLAUSE_MARKS.isdisjoint(head):
        return False
    high = min(len(norm), c.end + _LOOK_AHEAD)
    if colon < 0 and not _thrown(norm[c.end : high]):
        return False
    sentence_start, sentence_end = c.sentence
    return _thrown_list(c, sentence_start, sentence_end, high)


_NAMING_AFTER = words(
    """
    call calls called calling label labels labelled labeled said say says shouted yelled
    named heard words names labels insults slurs terms
    """
)


def _ends_clause(c: Candidate) -> bool:
    after = c.char_after()
    if not after or after in _TRAILING:
        return True
    following = c.following
    return following in CLAUSE_AFTER and after == " "


def _thrown_list(c: Candidate, start: int, end: int, high: int) -> bool:
    """A fragment or a list of words, then a clause that says they were aimed at the writer."""
    norm = c.text.norm
    colon = norm.find(":", c.end, end)
    head_end = colon if colon >= 0 else end
    head = norm[start:head_end]
    if len(head.split()) > _FRAGMENT_WORDS or any(
        word in _CLAUSE_MARKS for word in re.findall(r"[^\W_]+", head)
    ):
        return False
    rest_start = colon + 1 if colon >= 0 else end
    if colon >= 0 and _WORDS_NOUN.match(norm, rest_start, end):
        return True  # "Wino, bum, loser: the three words I heard most that winter."
    # Further fragments may follow ("Junkie. Crackhead. Waste of space. That's what ...").
    rest = norm[rest_start:high]
    for sentence in re.split(r"(?<=[.!?])\s+|\n", rest)[:4]:
        if _thrown(sentence):
            return True
        if len(sentence.split()) > _FRAGMENT_WORDS:
            return False
    return False


_CLAUSE_MARKS = words(
    """
    is are was were be been i you he she they we it my his her their our me him them us
    this that there here
    those these by at near outside inside in on from around behind
    """
)
# (A demonstrative or a place makes a noun phrase about people, not a word thrown:
# "Those junkies by the station. He called me a junkie." is use, then mention.)
