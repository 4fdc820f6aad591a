"""The sense of activity and state words: clean, dirty, habit, abuse, misuse, relapse, enabling.

Pure Python, no Django. Rules R6-R10 and R19 of the reference, and issue 17's
"misusing a medicine" (medium). Each rule returns None for another sense of the
word, or (severity, context) as described in senses_kit.py.
"""

from __future__ import annotations

from .context import Candidate
from .context_words import words
from .senses_kit import (
    DRUGS,
    KEEP,
    TRAILING,
    Result,
    W,
    about_drugs,
    attached_previous,
    drug_object,
    medicine_object,
)


def _other_harm(c: Candidate) -> bool:
    return not c.sentence_words.isdisjoint(W.other_harm_words)


# "came back clean / dirty" is a test result only when a test came back ("the van came back dirty").
_CAME_BACK = (["came", "back"], ["comes", "back"], ["come", "back"], ["coming", "back"])
_FLEEING = frozenset(
    ["fled", "flee", "fleeing", "escaped", "escape", "escaping", "left", "leaving", "survived"]
)


def abuser(c: Candidate) -> Result:
    """R10: compounded with a drug word, or alone in a sentence about drugs and not about abuse."""
    if c.form not in ("abuser", "abusers"):
        return KEEP
    if any(word in _FLEEING for word in c.before[-3:]):
        return None  # "she fled an abuser", "leaving her abuser"
    if c.previous in W.other_harm_words or c.previous in (
        "male",
        "female",
        "alleged",
        "known",
        "serial",
        "convicted",
        "my",
        "her",
        "his",
    ):
        return None
    modifier = attached_previous(c)
    if modifier in DRUGS:
        c.widen(1)
        return KEEP  # "heroin abusers"
    if not about_drugs(c) or _other_harm(c):
        return None
    return KEEP


def abuse(c: Candidate) -> Result:
    """R10: drug / substance / alcohol + abuse, abuse of a drug, the verb with a drug object."""
    after = c.after
    if after[:1] and (after[0] in W.pharmacology_after):
        return None  # "abuse potential", "abuse-deterrent"
    if c.form.count(" "):
        # "drug abuse", "prescription drug abuse": a finding unless it is about another harm.
        return None if c.previous in W.other_harm_words else KEEP
    before = c.before
    if c.previous in W.other_harm_words or before[-2:] in (["potential", "for"], ["risk", "of"]):
        return None
    nearest = [w for w in before[-3:] if w not in W.determiners]
    if nearest and nearest[-1] in DRUGS:
        return (None, "after_drug")  # "her benzo abuse", "opioid abuse"
    if c.form == "abuse" and after[:1] == ["of"]:
        return KEEP if drug_object(after[1:5]) else None
    if c.form in ("abusing", "abused", "abuses", "abuse") and drug_object(after[:5]):
        if c.form == "abused" and before[-1:] and before[-1] in ("was", "were", "been", "being"):
            return None  # "she was abused as a child"
        return KEEP
    if c.form == "abuse" and _relativedrug_object(before):
        return KEEP  # "the prescription drugs that their mothers abuse"
    return None


def _drug_or_medicine(word: str) -> bool:
    return any(w in DRUGS or w in W.medicine_words for w in (word, word.removesuffix("s")))


def _relativedrug_object(before: list[str]) -> bool:
    """ "the prescription drugs that their mothers abuse", "the tablets these lads abuse" """
    window = before[-6:]
    if "that" in window or "which" in window:
        return any(word in DRUGS or word in W.medicine_words for word in before[-8:])
    # No "that": a drug noun, then a subject right before the verb ("tablets these lads").
    for back in (3, 4):
        if len(before) >= back and _drug_or_medicine(before[-back]):
            subject = before[-back + 1 :]
            return subject[-1] in W.person_nouns or subject[-1] in ("they", "we", "people")
    return False


def misuse(c: Candidate) -> Result:
    """Substance misuse is low; "misuse" of a medicine is the recommended word (the reference's
    row: "misusing prescription painkillers"), not a finding."""
    if c.form.count(" "):
        return KEEP
    if c.form == "misuse" and attached_previous(c) in DRUGS:
        c.widen(1)
        return KEEP  # "opioid misuse", "alcohol misuse": low
    after = c.after
    if c.form == "misuse" and after[:1] == ["of"]:
        objects = after[1:5]
    elif c.form in ("misusing", "misused", "misuses", "misuse"):
        objects = after[:4]
    else:
        return None
    if medicine_object(objects):
        return None
    return KEEP if drug_object(objects) else None


def habit(c: Candidate) -> Result:
    """R9: with a drug word in the sentence, or "feed / fund / support [his] habit"."""
    following = c.following
    if following in W.habit_not_before or (c.char_after() == "-" and following == "forming"):
        return None
    if " " in c.form:
        return KEEP
    before = c.before
    if before and (before[-1] in W.habit_not_after or before[-1] in W.tobacco_words):
        return None
    near = [w for w in before[-4:] if w not in W.determiners]
    if near and near[-1] in DRUGS:
        return KEEP
    if before[-1:] and before[-1] in ("my", "our"):
        return KEEP  # "my habit got worse": self-description, low (the reference's row)
    if any(word in W.habit_idiom_verbs for word in before[-3:]):
        return KEEP
    words = c.sentence_words
    if not words.isdisjoint(W.tobacco_words):
        return None
    return KEEP if about_drugs(c) else None


_PLAIN_EQUIPMENT = W.equipment_words - {"one", "ones", "set", "sets"}
# The next word that settles another sense of clean / dirty at once ("clean needles", "clean code").
# "off" is left to the rule: "clean off the table" is housework, "weeks clean off benzos" is not.
QUICK_OTHER_SENSES = (W.other_senses_of_clean_dirty | _PLAIN_EQUIPMENT) - {"off"}
_OFF_DRUG_BEFORE = words("been s m re am is was are were stayed stay staying kept keep remained")


def _test_was(before: list[str], previous: str) -> bool:
    """ "the test was clean", "her urine drug screen is dirty" """
    if len(before) < 2 or previous not in ("was", "is", "were", "are", "s", "been"):
        return False
    if before[-2] in W.drug_tests:
        test = before[-2]
    elif len(before) > 2 and before[-3] in W.drug_tests:
        test = before[-3]
    else:
        return False
    if test in ("screen", "screens"):
        # A pipe screen is equipment (R6); only a drug, urine or tox screen is a test.
        return not _SCREEN_TESTS.isdisjoint(before[-5:])
    return True


_SCREEN_TESTS = frozenset(["drug", "urine", "tox", "toxicology", "ua", "blood"])


def _equipment_near(c: Candidate) -> bool:
    """clean/dirty before, after or coordinated with equipment (R6)."""
    after = c.after
    for word in after[:4]:
        if word in W.equipment_words:
            # "clean ones" only when the sentence names equipment.
            return word not in ("one", "ones", "set", "sets") or not c.sentence_words.isdisjoint(
                W.equipment_words - {"one", "ones", "set", "sets", "hands", "hand"}
            )
        if word in W.determiners or word in W.people or word in ("for", "since", "from"):
            break
    before = c.before
    for word in reversed(before[-4:]):
        if word in W.equipment_words and word not in ("one", "ones", "set", "sets"):
            return True
        if word not in (
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "s",
            "re",
            "stay",
            "stays",
            "kept",
            "keep",
            "keeping",
            "and",
            "the",
            "your",
            "their",
            "my",
            "all",
            "always",
            "clean",
            "new",
            "still",
            "nice",
            "really",
            "very",
            "it",
        ):
            break
    return False


_PERSON_SUBJECTS = words("you i we he she they someone anyone people nobody everyone")
_OBJECT_STARTS = words(
    "your my his her their our the a an this that these those it them everything"
)
_STATE_BEFORE = words("been be being is s m re am are was were so")


def _verb_position(c: Candidate) -> bool:
    """Is "clean" a verb here: no copula or becoming before it, nor a time ("clean this time"
    after "stay", "been clean the whole summer" are the state)?"""
    before = c.before[-3:]
    if any(
        word in _STATE_BEFORE or word in W.becoming or word in W.test_verbs or word == "back"
        for word in before
    ):
        return False  # also "came back clean this morning"
    previous = c.previous
    return not (previous in W.time_units or previous.isdigit())


def _off_a_drug(c: Candidate) -> bool:
    """ "clean off benzos", "been clean off the gear": off a drug, not wiping something off."""
    after, previous = c.after, c.previous
    drug = after[1:2] and (after[1] in W.drug_words or after[1:3] == ["the", "gear"])
    return bool(drug) or previous in W.time_units or previous in _OFF_DRUG_BEFORE


def clean(c: Candidate) -> Result:
    """R6, R7: clean of a person or a test is a finding; equipment, idioms, other senses are not."""
    following, previous = c.following, c.previous
    if previous in W.idiom_before_clean or previous == "slate" or following == "bill":
        return None  # "come clean", "wipe the slate clean", "a clean bill of health"
    attached = c.char_after() in (" ", "-")
    if attached and following in _OBJECT_STARTS and _verb_position(c):
        return None  # the verb: "do you clean your kit with bleach?", "clean the spoon after"
    off_drug = following == "off" and _off_a_drug(c)  # "three weeks clean off benzos"
    if (
        attached
        and not off_drug
        and (following in W.other_senses_of_clean_dirty or following in _PLAIN_EQUIPMENT)
    ):
        return None  # "clean code", "clean needles", "clean off the worktop"
    if previous in _PLAIN_EQUIPMENT:
        return None  # "keep the site clean"
    after, before = c.after, c.before
    if "street" in before[-4:] and "side" in before[-6:]:
        return None  # "keep my side of the street clean"
    if _test_was(before, previous):
        return (None, "test")  # "the urine drug screen was clean" (a screen, not a pipe screen)
    if _equipment_near(c):
        return None
    if following in W.drug_tests or after[:2] in (["drug", "test"], ["drug", "screen"]):
        return (None, "test")
    if previous in W.test_verbs or (
        before[-2:] in _CAME_BACK and not W.drug_tests.isdisjoint(before)
    ):
        return (None, "test")
    if (
        len(before) > 1
        and previous in ("was", "is", "were", "are", "s", "been")
        and (before[-2] in W.drug_tests or (before[-3:-2] and before[-3] in W.drug_tests))
    ):
        return (None, "test")
    if following in W.clean_time_nouns and attached:
        return KEEP  # "clean date", "clean time"
    if after[:2] == ["and", "sober"] or before[-2:] == ["sober", "and"] or following == "since":
        return KEEP
    if (
        following == "for"
        and len(after) > 1
        and (
            after[1].isdigit()
            or after[1] in W.number_words
            or after[1] in W.time_units
            or any(word in W.time_units for word in after[1:4])
        )
    ):
        return KEEP
    if (
        following
        and (following.isdigit() or following in W.number_words)
        and any(word in W.time_units for word in after[1:3])
    ):
        return KEEP  # "clean 14 months"
    if previous in W.time_units and len(before) > 1:
        return KEEP  # "two years clean"
    if previous.isdigit() and len(before) > 1 and before[-2] in W.time_units:
        return KEEP  # "day 12 clean"
    if previous in W.becoming:
        return KEEP  # "got clean", "stay clean"
    if previous in ("be", "being") and not _PERSON_SUBJECTS.isdisjoint(before[-6:]):
        return KEEP  # "you don't have to be clean to use this service"
    for word in reversed(before[-6:]):
        if word in W.people:
            return KEEP
        if word not in W.state_bridge:
            break
    return None


def dirty(c: Candidate) -> Result:
    """R8: only with a test word, a test verb or a drug ("dirty for fentanyl")."""
    following, previous = c.following, c.previous
    if (
        following in _PLAIN_EQUIPMENT
        or previous in _PLAIN_EQUIPMENT
        or (following in W.other_senses_of_clean_dirty and c.char_after() == " ")
    ):
        return None  # "dirty needles", "dirty dishes"
    after, before = c.after, c.before
    if _test_was(before, c.previous):
        return KEEP  # "his urine drug screen was dirty"
    if _equipment_near(c):
        return None
    if c.following in W.drug_tests or after[:2] in (["drug", "test"], ["drug", "screen"]):
        return KEEP
    if c.following == "for" and len(after) > 1 and drug_object(after[1:3]):
        return KEEP
    if c.previous in W.test_verbs or (
        before[-2:] in _CAME_BACK and not W.drug_tests.isdisjoint(before)
    ):
        return KEEP
    if (
        len(before) > 1
        and c.previous in ("was", "is", "were", "are", "s", "been")
        and (before[-2] in W.drug_tests or (before[-3:-2] and before[-3] in W.drug_tests))
    ):
        return KEEP
    return None


def relapse(c: Candidate) -> Result:
    """R19: not for other illnesses; "lapse" only when about use."""
    words = c.sentence_words
    if not words.isdisjoint(W.illness_words):
        near = set(c.before[-4:]) | set(c.after[:4])
        if not near.isdisjoint(W.illness_words) or words.isdisjoint(W.use_words):
            return None
    if c.form.startswith("lapse") and words.isdisjoint(W.use_words):
        return None
    return KEEP


_CLAUSE_AFTER = frozenset(
    ["if", "when", "because", "or", "and", "but", "so", "by", "in", "is", "was", "isn", "really"]
)


def enabling(c: Candidate) -> Result:
    """Enabling in the drug sense: no object, or drug use as the object."""
    if c.form in ("enabler", "enablers"):
        return KEEP
    after = c.after
    if not after or c.char_after() in TRAILING:
        return KEEP  # "isn't that just enabling?"
    if after[0] in _CLAUSE_AFTER:
        return KEEP  # "is it enabling if I let him stay?"
    if after[0] in ("to", "you", "people", "us", "them", "users", "staff", "members"):
        if after[0] == "them" and (len(after) == 1 or after[1] not in ("to",)):
            return KEEP
        return None
    for word in after[:3]:
        if word in W.enabling_objects:
            return KEEP
    return None
