"""Which sense of a word is meant: the term-by-term context rules R6-R19 and R11.

Pure Python, no Django. Each rule takes a `Candidate` and returns None when
this occurrence is another sense of the word (not a finding), or
(severity, context) where severity is None for the term's own and context
names a set of suggestions ("test" for clean/dirty urine, for instance).
The lexicon names the rule of each term in its "sense" field.
"""

from __future__ import annotations

import re

from . import senses_activity
from .context import Candidate
from .context_words import words
from .senses_kit import (
    CLEAR_TALK,
    DRUGS,
    KEEP,
    TRAILING,
    Result,
    W,
    about_drugs,
    attached_previous,
    drug_object,
)
from .senses_labels import modified_label

INFANTS = words(
    """
    baby babies newborn newborns infant infants
    """
)


def judge(c: Candidate) -> Result:
    """(severity or None for the term's own, suggestions context) or None: another sense."""
    rule = RULES.get(c.term.sense or "", slur)
    return rule(c)


def slur(c: Candidate) -> Result:
    """A word with no other sense; "-head" compounds spelled apart still are other nouns."""
    if " " in c.form and c.form.endswith(("head", "heads")) and c.following in W.head_followers:
        return None  # "Coke head office", "smack head first"
    return KEEP


def alcoholic(c: Candidate) -> Result:
    """R12: before drinks, content, diseases or objects it describes the thing."""
    if c.previous == "non":
        return None  # "non-alcoholic", "non alcoholic"
    if c.form != "alcoholic":
        return KEEP
    if c.previous in _PREDICATE_VERBS and not _said_of_person(c.before):
        return None  # "the punch is alcoholic"
    before = c.before
    if (
        c.previous in W.alcoholic_things
        and before[-2:-1] != ["a"]
        and before[-2:-1] != ["an"]
        and not _PREDICATE_VERBS.isdisjoint(before[-6:])
        and c.following not in W.person_nouns
    ):
        return None  # "is the ginger beer alcoholic or not?" (not "he's a wine alcoholic")
    after = c.after
    if not after:
        return KEEP
    following = after[0]
    if following in W.alcoholic_things:
        return None
    for word in after[1:3]:
        # "alcoholic ginger beer", "alcoholic fruit punch"
        if word in W.alcoholic_things:
            return None
        if word in W.person_nouns or word in W.people or word in W.function_words:
            break
    if following in ("or", "and", "nor") and c.char_after() == " ":
        # "alcoholic or non-alcoholic drinks", "alcoholic and soft drinks"
        for word in after[1:5]:
            if word in W.alcoholic_things:
                return None
            if word in W.person_nouns or word in ("a", "an", "the"):
                break
    return KEEP


_PREDICATE_VERBS = words("is are was were s be been being seems seem looks tastes smells gets")
_PRONOUNS = words("i we you he she they who someone somebody everyone everybody nobody")


def _said_of_person(before: list[str]) -> bool:
    """Is the subject before "is / was" a person ("my dad is alcoholic")?"""
    for word in reversed(before[-5:-1]):
        if word in _PRONOUNS or word in W.person_nouns or word in W.people:
            return True
        if word not in ("not", "never", "still", "very", "so", "quite", "really", "m", "re"):
            return False
    return False


def drunk(c: Candidate) -> Result:
    """R13: a noun (a / the / town / dry drunk, drunks, drunkard); never an adjective or a state."""
    if c.form != "drunk" or c.previous == "dry":
        return KEEP  # "dry drunk behaviour" is the noun too
    following = c.following
    closes = (
        not following
        or following in W.function_words
        or following in _AFTER_A_NOUN
        or c.char_after() in TRAILING
    )
    if not closes:
        return None  # "a drunk driver"
    before = c.before
    for back, word in enumerate(reversed(before[-4:])):
        if word in W.drunk_state_words:
            return None  # "a bit drunk"
        if word in ("a", "an", "the", "that", "this", "some", "any", "another", "every", "like"):
            return KEEP  # "a drunk", "the town drunk", "a former drunk"
        if word in W.drunk_noun_modifiers:
            continue
        if back >= 2 or word in W.state_bridge or word in _PRONOUNS:
            return None  # "I was drunk", "got drunk"
    return None


# Words after "a drunk" that show it was a noun: "he was a drunk long before ...".
_AFTER_A_NOUN = words("long too again back now then really though anyway himself herself most")


def boozer(c: Candidate) -> Result:
    """R17: "the boozer", "down the boozer", "our local boozer", "a pint in a boozer round the
    corner" is the pub; "my dad was a boozer", "an old boozer who ..." is a person."""
    before = c.before[-3:]
    nearest = before[-1] if before else ""
    if (
        nearest in _DRINKER_WORDS
        or c.following in ("who", "whos")
        or _said_of_person(c.before)
        or _person_subject(c.before)
    ):
        return KEEP  # "a heavy boozer", "an old boozer who", "my dad was a boozer"
    article = next((w for w in before if w in _INDEFINITE), None)
    if article:
        index = before.index(article)
        if index and before[index - 1] in _PLACE_BEFORE:
            return None  # "a pint in a boozer", "we ended up in a decent boozer"
    elif nearest in W.pub_words and (
        c.form != "boozers" or nearest == "local" or before[-2:] == ["down", "the"]
    ):
        return None  # "the boozer", "down the boozers", "our local boozer"
    words_ = c.sentence_words
    if c.form == "boozers" and not words_.isdisjoint(_PUB_NAMES):
        return KEEP  # "the boozers in this village are in the pub by noon": people in it
    if (c.form != "boozers" and c.following in W.pub_places_after) or not (
        words_.isdisjoint(W.pub_talk)
    ):
        return None  # "a boozer round the corner", "boozers charging seven quid a pint"
    return KEEP


def _person_subject(before: list[str]) -> bool:
    """ "why is the landlord such a boozer": a person noun with a copula, just before."""
    window = before[-6:]
    for index in range(len(window) - 1, -1, -1):
        if window[index] in _PREDICATE_VERBS:
            person = W.person_nouns | _PRONOUNS
            if index and window[index - 1] in person:
                return True  # "the landlord is such a boozer"
            # "why is the landlord such a boozer?"
            return window[index + 1 : index + 2] in (
                ["the"],
                ["your"],
                ["my"],
                ["his"],
                ["her"],
            ) and (window[index + 2 : index + 3] != [] and window[index + 2] in person)
    return False


_INDEFINITE = words("a an some one this that")
_PUB_NAMES = words("pub pubs bar bars inn inns tavern taverns")
_DRINKER_WORDS = words("some heavy secret functioning raging chronic total big serious hardened")
_PLACE_BEFORE = words("in into at to from outside inside near opposite round")


def zombie(c: Candidate) -> Result:
    """R14: only with a drug or drug-use word in the same sentence; never zombie films."""
    if c.following in W.zombie_things:
        return None
    if not CLEAR_TALK.isdisjoint(c.before) or not CLEAR_TALK.isdisjoint(c.after):
        return KEEP  # "spice zombies", "zombies on fentanyl"
    return KEEP if about_drugs(c) else None  # not "high school zombies", "high on sugar"


def tweaker(c: Candidate) -> Result:
    """R16: software ("registry tweaker", "Winaero Tweaker", a tweaker app)."""
    if c.previous in W.software_words or c.following in W.software_words:
        return None
    if c.following == "of" and c.after[1:2] and c.after[1] in _TWEAKED:
        return None  # "a real tweaker of configs"
    # Said of a person in its own clause ("but my neighbour is an actual tweaker"): the
    # software named elsewhere in the sentence is another thing.
    clause = _clause_before(c.before)
    if any(word in W.person_nouns or word in _PRONOUNS for word in clause) or c.following == "who":
        return KEEP
    if not c.sentence_words.isdisjoint(W.software_words - {"tweak", "tweaks", "tweaking"}):
        return None
    return KEEP


_TWEAKED = words("settings setting configs config configuration registry code files mods themes")
_CLAUSE_STARTS = words("but and while whereas though although because so or , ;")


def _clause_before(before: list[str]) -> list[str]:
    """The words of the candidate's own clause before it (from the last "but", "and"...)."""
    for index in range(len(before) - 1, -1, -1):
        if before[index] in _CLAUSE_STARTS:
            return before[index + 1 :]
    return before


def stoner(c: Candidate) -> Result:
    """Low; said of a person one lives with it is medium (issue 17)."""
    before, after = c.before, c.after
    if after[:1] and after[0] in W.cohabitants and c.char_after() == " ":
        return ("medium", None)  # "my stoner roommate"
    if any(word in W.cohabitants for word in before[-5:]) and any(
        word in ("is", "s", "was", "a", "an") for word in before[-3:]
    ):
        return ("medium", None)  # "my flatmate is a stoner"
    if ("live" in after[:5] or "lives" in after[:5] or "living" in after[:5]) and (
        "with" in after[:6]
    ):
        return ("medium", None)  # "the stoner I live with"
    words = c.sentence_words
    if "with" in words and not words.isdisjoint(_LIVE) and _LIVES_WITH_ME.search(c.sentence_text):
        return ("medium", None)  # "my brother-in-law, who lives with us, is a total stoner"
    return KEEP


_LIVE = words("live lives living lived")
_LIVES_WITH_ME = re.compile(
    r"\b(?:lives?|living|lived)\s+with\s+(?:me|us)\b|\b(?:i|we)\s+(?:live|lived)\s+with\b"
)


def user(c: Candidate) -> Result:
    """R15: users of drugs only; never software or service users."""
    following = c.following
    if following in W.user_exclusions and c.char_after() == " ":
        return None
    if c.form in ("user", "users"):
        previous = attached_previous(c)
        if previous in DRUGS and previous not in ("drug", "drugs", "substance"):
            c.widen(1)
            return KEEP  # "heroin users", "crack user"
        after = c.after
        if previous not in W.user_not_after and after[:1] == ["of"] and drug_object(after[1:4]):
            return KEEP  # "users of heroin"
        return None
    if c.form.lower() in ("idu", "idus", "ivdu", "ivdus"):
        return KEEP
    return KEEP


def mat(c: Candidate) -> Result:
    """R18: the upper-case acronym only, and not Scotland's "MAT standards"."""
    if c.form == "mat" and c.following in ("standards", "standard"):
        return None
    return KEEP


def drug_addicted(c: Candidate) -> Result:
    """[drug]-addicted before an adult person noun (low); before an infant, "addicted baby"."""
    modifier = attached_previous(c)
    if modifier not in DRUGS:
        return None  # "addicted to", "she became addicted"
    following = c.following
    if following in INFANTS:
        c.widen(1, "addicted baby")
        return ("medium", None)
    if following in W.person_nouns or following in W.people:
        c.widen(1)
        return KEEP
    return None


def addicted_baby(c: Candidate) -> Result:
    """A label on infants; "heroin-addicted babies" takes the drug in."""
    if attached_previous(c) in DRUGS and c.form.startswith("addicted"):
        c.widen(1)
    if c.form.endswith("addicted") and c.following == "to" and c.char_after() == " ":
        c.wide_end = c.end + 3  # "born addicted to opioids" -> "born dependent on opioids"
        return (None, "to")
    return KEEP


def quick_stop(term) -> str:
    """What must not follow a form of `term`, as a regular expression for the matcher.

    The same quick decisions as the rules (another sense decided by the next word), made
    inside the one regular expression so the commonest harmless phrases cost nothing more.
    """
    if term.sense not in ("clean", "dirty"):
        return _ANYWHERE_STOP
    return _CLEAN_STOP


def _alternatives(words_: frozenset[str]) -> str:
    return "|".join(sorted((w for w in words_ if w.isalpha()), key=len, reverse=True))


_ANYWHERE_STOP = r"[\s\-]+an+o?n"
_CLEAN_STOP = (
    r"[\s\-]+an+o?n|[ \-](?:"
    + _alternatives(senses_activity.QUICK_OTHER_SENSES | {"bill"})
    + r")(?![^\W_])"
)


RULES = {
    "addicted_baby": addicted_baby,
    "slur": slur,
    "modified_label": modified_label,
    "alcoholic": alcoholic,
    "drunk": drunk,
    "boozer": boozer,
    "abuser": senses_activity.abuser,
    "abuse": senses_activity.abuse,
    "misuse": senses_activity.misuse,
    "habit": senses_activity.habit,
    "clean": senses_activity.clean,
    "dirty": senses_activity.dirty,
    "zombie": zombie,
    "tweaker": tweaker,
    "stoner": stoner,
    "user": user,
    "relapse": senses_activity.relapse,
    "enabling": senses_activity.enabling,
    "mat": mat,
    "drug_addicted": drug_addicted,
}
