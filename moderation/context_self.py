"""Self-description (rule R4): the writer describing themselves gets low at most.

Pure Python, no Django. Two shapes, chosen by the term's "self" setting:

- person labels ("self": "person"): "I am / I'm / I was / I've been / I became
  (a) [any two words] X", "we are (all) X", "we addicts", "me, a X", "a X
  like me", "my fellow X", "back in my X days", "as a X, I ..." and
  "I spent years as a X", "being a X cost me ...";
- activity and state words ("self": "state": clean, habit, abuse): the
  nearest person before the word in its clause is the writer ("I've been
  clean", "my habit", "I struggled with drug abuse"), or no one is named
  before it and the sentence speaks only of the writer ("After rehab, staying
  clean was the hardest thing I've done").

Not self-description: the writer's view of others ("I can't stand junkies",
"I think my son is an addict"), or a generic statement ("staying clean is
easy, ask any addict").
"""

from __future__ import annotations

from .context import Candidate
from .context_self_state import _STATE_BLOCKERS, state
from .context_self_words import (
    _FIRST_NEAR,
    _OTHERS,
    _PEOPLE,
    _PRONOUNS,
    ARTICLES_AND_COPULAS,
    ARTICLES_AND_DETS,
    BRIDGES,
    CLAUSE_BREAKS,
    COPULAS,
    FIRST_OWNER,
    FIRST_PERSON,
    LIFE_NOUNS,
    STANCE_VERBS,
    THIRD_PERSON,
)
from .context_words import WORDS, words


def describes_self(c: Candidate) -> bool:
    """Does the writer describe themselves with this word (R4)?"""
    previous = c.previous
    counted = previous.isdigit() or previous in WORDS.time_units  # "Day 12 clean."
    if _FIRST_NEAR.isdisjoint(c.before) and _FIRST_NEAR.isdisjoint(c.after) and not counted:
        before = c.before
        if _speaking_as(before):
            return c.term.self_kind == "person"  # "Speaking as an ex-junkie, ..."
        if before or c.following not in ("since", "for") or c.term.self_kind != "state":
            return False
        # "Clean since the 3rd of May.": a post that opens with it speaks for the writer.
        return c.start == c.sentence[0] and c.sentence_words.isdisjoint(_STATE_BLOCKERS)
    kind = c.term.self_kind
    if kind == "person":
        return _person(c)
    if kind == "state":
        return state(c)
    return False


def _person(c: Candidate) -> bool:
    before, after = c.before, c.after
    if before[-1:] and before[-1] in ("we", "us"):
        return True  # "we addicts", "us junkies"
    if before[-1:] == ["fellow"] or before[-2:-1] == ["fellow"]:
        return True
    if after[:2] in (["like", "me"], ["like", "us"], ["like", "myself"]):
        return True
    if _owner_life(before, after):
        return True
    if _copula_chain(before):
        return True
    if "me" in before[-3:]:
        tokens = c.tokens_before
        if tokens[-3:-1] == ["me", ","] or tokens[-4:-2] == ["me", ","]:
            return True  # "me, a junkie"
    if _as_or_being(c, before) or _list_continuation(before):
        return True
    if _AFTER_CUES.isdisjoint(after[:10]) and _BEFORE_CUES.isdisjoint(before[-12:]):
        return False  # none of the shapes below can be there
    return _writer_after(c, before, after)


_AFTER_CUES = words("or one so and")
_BEFORE_CUES = words("like speaking writing talking me")


_CONNECTORS = words("then and or later eventually finally now before after")
_LIKE_MANY = words("a lot of many most other so plenty lots loads the rest us all fellow")


def _list_continuation(before: list[str]) -> bool:
    """ "I was a wino, then a drunk": a later item of a list the writer is the subject of."""
    words = before[:-1] if before[-1:] and before[-1] in ARTICLES_AND_DETS else before
    if not words or words[-1] not in _CONNECTORS:
        return False
    words = words[:-1]
    for length in (1, 2, 3):
        rest = words[: len(words) - length]
        if rest and rest[-1] in ARTICLES_AND_DETS and _copula_chain(rest + ["x"][:0]):
            return True
    return False


def _writer_after(c: Candidate, before: list[str], after: list[str]) -> bool:
    """The writer, in what follows: "like a lot of junkies, I ...", "X or not, I ...",
    "what it's like to be a junkie, because I was one", "speaking as an ex-junkie"."""
    head = after[:2]
    if head == ["or", "not"] and after[2:3] and after[2] in FIRST_PERSON:
        return True  # "Junkie or not, I deserved a bed"
    if "like" in before[-5:] and after[:1] and after[0] in ("i", "we", "im"):
        between = before[len(before) - before[::-1].index("like") :]
        if all(word in _LIKE_MANY for word in between):
            return True  # "Like a lot of junkies, I thought I was different."
    if _speaking_as(before):
        return True
    if _former_label_then_me(c, before, after):
        return True
    for index, word in enumerate(after[:10]):
        if (
            word == "one"
            and index >= 2
            and after[index - 1] in COPULAS | {"d", "ve"}
            and any(w in ("i", "we") for w in after[max(0, index - 3) : index - 1])
        ):
            return True  # "... because I was one", "then I became one"
        if word in ("so", "and") and after[index + 1 : index + 3] in (
            ["was", "i"],
            ["am", "i"],
            ["were", "we"],
        ):
            return True  # "He was a junkie, and so was I."
    return _met_me(c, before)


_FORMER = words("ex former recovering reformed recovered")
_NOBODY = words(
    """
    nobody noone no one everyone everybody people employers employer landlords landlord society
    anyone anybody
    """
)


_NAMED_OTHERS = _PEOPLE - _NOBODY - words("no one")


def _former_label_then_me(c: Candidate, before: list[str], after: list[str]) -> bool:
    """ "Nobody wants to hire an ex-junkie, so I started my own business": a former label, said
    by people in general, and then the writer bearing it ("so I ...", "and I ...")."""
    if c.matched.startswith(("ex", "former", "recover", "reformed")):
        words_ = before  # the form holds the prefix: "ex-junkie", "former addict"
    elif before[-1:] and before[-1] in _FORMER:
        words_ = before[:-1]  # "an ex junkie"
    else:
        return False
    if words_[-1:] not in (["a"], ["an"]):
        return False
    if _NOBODY.isdisjoint(words_[-8:]) or not _NAMED_OTHERS.isdisjoint(words_[-8:]):
        return False
    return after[:1] in (["so"], ["and"], ["which"]) and after[1:2] in (["i"], ["im"], ["ive"])


def _speaking_as(before: list[str]) -> bool:
    """ "Speaking as an ex-junkie", "writing as a former pillhead": the writer."""
    if "as" not in before[-4:]:
        return False
    for index in range(max(0, len(before) - 4), len(before) - 1):
        if before[index : index + 2] in (["speaking", "as"], ["writing", "as"], ["talking", "as"]):
            return all(w in ARTICLES_AND_DETS or w in BRIDGES for w in before[index + 2 :])
    return False


def _met_me(c: Candidate, before: list[str]) -> bool:
    """ "If you'd met me at 25, you'd have met a proper smackhead": the same verb, on me."""
    if len(before) < 4 or "me" not in before:
        return False
    index = len(before) - 1
    for _ in range(3):  # over adjectives to the article: "a proper"
        if index < 0 or before[index] in ARTICLES_AND_DETS:
            break
        index -= 1
    if index < 0 or before[index] not in ARTICLES_AND_DETS:
        return False
    index -= 1
    if index < 0 or before[index] not in _SEEING:
        return False
    return any(
        before[i] in _SEEING and before[i + 1] == "me" for i in range(max(0, index - 12), index - 1)
    )


_SEEING = words("met meet meets seen saw see known knew know found find")


def _owner_life(before: list[str], after: list[str]) -> bool:
    """ "my junkie days", "back in my drinking-alcoholic years", "my addict brain" """
    if not after or after[0] not in LIFE_NOUNS:
        return False
    return any(word in FIRST_OWNER for word in before[-3:])


_ADVERBS = words(
    """
    just all also always basically certainly clearly completely definitely essentially honestly
    literally only pretty probably really still totally truly actually practically both once
    """
)
_DESCRIBING = words(
    """
    raging recovering functioning practising practicing struggling suffering using drinking
    thriving grieving
    """
)


def _copula_chain(before: list[str]) -> bool:
    """ "I was a (full-blown) junkie", "I'm an addict", "we were hopeless drunks" """
    words = list(reversed(before[-9:]))
    # Free words right before the term: up to three after an article ("a full blown"), one
    # adjective without ("we were hopeless drunks"), never a verb ("I was told alcoholics").
    position = 0
    while (
        position < len(words)
        and position < 3
        and words[position] not in ARTICLES_AND_COPULAS
        and words[position] not in _PRONOUNS
    ):
        position += 1
    # Adverbs are not free words: "we were all just junkies"; a verb in -ing is ("we're
    # helping junkies"), unless it describes ("we were raging alcoholics").
    free = [word for word in words[:position] if word not in _ADVERBS]
    article = position < len(words) and words[position] in ARTICLES_AND_DETS
    if (
        free
        and not article
        and (
            len(free) > 1
            or free[0].endswith("ed")
            or free[0] in STANCE_VERBS
            or (free[0].endswith("ing") and free[0] not in _DESCRIBING)
        )
    ):
        return False
    seen_copula = False
    rest = words[position:]
    for index, word in enumerate(rest):
        if word in FIRST_PERSON:
            if word not in ("me", "us"):
                # "im an addict", "weve been junkies": the copula is inside the word
                return seen_copula or word in ("im", "ive", "weve")
            # "part of me is still that scared little crackhead", "the old me was a junkie"
            return seen_copula and index + 1 < len(rest) and rest[index + 1] in _ME_SUBJECT
        if word in COPULAS:
            seen_copula = True
            continue
        if word in BRIDGES:
            continue
        if (
            seen_copula
            and word in ("who", "that")
            and rest[index + 1 : index + 2]
            in (
                ["us"],
                ["we"],
            )
        ):
            return True  # "those of us who were junkies"
        # "me and my mates were proper smackheads", "us lot in the Tuesday group are all alkies"
        return seen_copula and (_with_me(rest[index : index + 5]) or _we_subject(rest[index:]))
    return False


_GROUP_AFTER_WE = words("lot all both two three four lads girls boys guys lasses folk lot's")
_PREPOSITIONS = words("in at from of on with round around near down up")
_SUBJECT_ENDS = words(", ; and but so because when then though although")
_QUANTIFIERS = words("most all some many both those loads lots half few several each none")


def _we_subject(subject: list[str]) -> bool:
    """Is the subject of the copula "we" or "us", with a group word or a place after it?

    `subject` are the words before the copula, nearest first: "us lot in the Tuesday group
    (are)" is ["group", "tuesday", "the", "in", "lot", "us"]. No verb may stand between
    ("we know the lads in the group are ..." is about the lads).
    """
    for index, word in enumerate(subject[:8]):
        if word in ("we", "us"):
            after = subject[:index]
            grouped = bool(after) and (after[-1] in _GROUP_AFTER_WE or after[-1] in _PREPOSITIONS)
            rest = subject[index + 1 :]
            if rest[:1] == ["of"] and rest[1:2] and rest[1] in _QUANTIFIERS:
                rest = rest[2:]  # "most of us in the group"
            starts = not rest or rest[0] in _SUBJECT_ENDS
            return grouped and starts
        if (
            word in STANCE_VERBS
            or word in COPULAS
            or word in CLAUSE_BREAKS
            or word in THIRD_PERSON
            or word.endswith("ed")
        ):
            return False
    return False


_ME_SUBJECT = words("of old younger former past teenage")


def _with_me(subject: list[str]) -> bool:
    """A subject that joins the writer and others: "me and my mates", "my mates and me"."""
    for index, word in enumerate(subject[:-1]):
        if word == "and" and subject[index + 1] in ("me", "i"):
            return True
    return False


_AS_SOMEONE = words("someone somebody one person who a an the")
_SOMEONE = words("someone somebody one person")


def _as_or_being(c: Candidate, before: list[str]) -> bool:
    """ "As a former crackhead, I ...", "I spent years as a junkie", "being an addict cost me" """
    recent = before[-8:]
    if "as" not in recent and "being" not in recent:
        return False
    back = recent[::-1]
    anchor = None
    # "as someone who was an alkie" reads like "as an alkie"
    relative = "who" in back[:6] and not _SOMEONE.isdisjoint(back[:6])
    for index, word in enumerate(back):
        if word in ("as", "being"):
            anchor = index
            break
        if word in _AS_SOMEONE or (relative and word in COPULAS):
            continue
        if word in FIRST_PERSON or word in _PEOPLE or word in COPULAS - {"being"}:
            return False
    if anchor is None:
        return False
    if back[anchor + 1 : anchor + 2] and back[anchor + 1] in ("speaking", "writing", "talking"):
        return True  # "Speaking as an ex-junkie, the new service is brilliant."
    words = c.sentence_words
    if words.isdisjoint(FIRST_PERSON | FIRST_OWNER):
        return False
    # The writer, and nobody else, is who the sentence is about.
    earlier = before[: len(before) - anchor - 1]
    if any(word in THIRD_PERSON or word in WORDS.person_nouns for word in earlier[-6:]):
        return False
    after = c.after[:8]
    for word in after:
        if word in FIRST_PERSON or word in FIRST_OWNER:
            return True
        if word in THIRD_PERSON and word not in ("it", "its"):
            return False  # "as an alkie of 20 years, take it from me" is the writer
    if any(word in FIRST_PERSON for word in earlier[-6:]):
        return True
    # "As an alcoholic in recovery, Christmas is the hardest week for me."
    return words.isdisjoint(_OTHERS)
