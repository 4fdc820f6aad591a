"""Which sense of a word is meant: the term-by-term context rules R6-R19 and R11.

Pure Python, no Django. Each rule takes a `Candidate` and returns None when
this occurrence is another sense of the word (not a finding), or
(severity, context) where severity is None for the term's own and context
names a set of suggestions ("test" for clean/dirty urine, for instance).
The lexicon names the rule of each term in its "sense" field.
"""

from __future__ import annotations

from .context import Candidate
from .words import WORDS, words

W = WORDS
DRUGS = W.drug_words
DRUG_TALK = W.drug_words | W.drug_use_words
TRAILING = frozenset([",", ".", ";", ":", "!", "?", ")", "'", '"'])
DEGREE = words(
    """
    so very pretty kinda bit too really super quite looks look feels seems sounds
    """
)
JUNKIE_THINGS = words(
    """
    behaviour behavior behaviours behaviors move moves mate mates friend friends scum
    scumbag trash types type brother sister mum mother dad father boyfriend girlfriend son
    daughter cousin uncle aunt neighbour neighbor ex husband wife partner needles needle
    lifestyle life ways habits logic shit crap
    """
)
JUNK_THINGS = words(
    """
    stuff things thing car cars furniture laptop laptops phone phones computer code toys toy
    jewellery jewelry house flat apartment motel hotel shop store website site app apps
    software tools bike van truck food clothes shoes old little cheap plastic secondhand
    used looking knockoff furniture gadgets gadget
    """
)
NOUN_ENDINGS = (
    "ness",
    "ics",
    "ology",
    "graphy",
    "tion",
    "sion",
    "ture",
    "ism",
    "ment",
    "ery",
    "istry",
    "ory",
)
FORMER = words(
    """
    former ex reformed recovering recovered
    """
)
INFANTS = words(
    """
    baby babies newborn newborns infant infants
    """
)
Result = tuple[str | None, str | None] | None
KEEP: Result = (None, None)


def judge(c: Candidate) -> Result:
    """(severity or None for the term's own, suggestions context) or None: another sense."""
    rule = RULES.get(c.term.sense or "", slur)
    return rule(c)


def slur(c: Candidate) -> Result:
    """A word with no other sense; "-head" compounds spelled apart still are other nouns."""
    if " " in c.form and c.form.endswith(("head", "heads")) and c.following in W.head_followers:
        return None  # "Coke head office", "smack head first"
    return KEEP


def _attached_previous(c: Candidate) -> str:
    """The word right before the candidate, when only a space or a dash stands between."""
    start = c.start
    norm = c.text.norm
    if start < 2 or norm[start - 1] not in " -":
        return ""
    previous = c.previous
    if previous and norm[start - 1 - len(previous) : start - 1] == previous:
        return previous
    return ""


def modified_label(c: Candidate) -> Result:
    """junkie, addict: a non-drug modifier in front makes it the everyday sense (R11)."""
    if c.form == "junky" and _junky_adjective(c):
        return None
    if " " in c.form:
        return KEEP  # "heroin addict", "ex junkie"
    modifier = _attached_previous(c)
    if modifier and _everyday_modifier(c, modifier):
        return None
    if modifier in DRUGS:
        # "heroin addict", "a recovering heroin addict" (that is "former addict")
        before = c.before
        if c.term.term == "addict" and len(before) > 1 and before[-2] in FORMER:
            c.widen(2, "former addict")
        else:
            c.widen(1)
    if c.following != "for":
        return KEEP
    after = c.after
    if (
        after[:1] == ["for"]
        and not any(w.isdigit() or w in W.number_words or w in W.time_units for w in after[1:4])
        and c.sentence_words.isdisjoint(DRUG_TALK - {"junkie", "junkies", "addict", "addicts"})
    ):
        return None  # "a junkie for your love", "an addict for true crime"
    return KEEP


def _everyday_modifier(c: Candidate, word: str) -> bool:
    if (
        word in DRUGS
        or word in W.clinical_modifiers
        or word in W.person_descriptors
        or word in W.place_modifiers
        or word in W.determiners
        or word.isdigit()
    ):
        return False
    if word in W.non_drug_modifiers or word in W.tobacco_words:
        return True
    return word.endswith(NOUN_ENDINGS) and len(word) > 5


def _junky_adjective(c: Candidate) -> bool:
    """ "a junky old car", "the laptop is so junky": junky as 'of poor quality'."""
    following = c.following
    if following in JUNK_THINGS and c.char_after() == " ":
        return True
    closes = not following or c.char_after() in TRAILING or following in W.function_words
    return c.previous in DEGREE and closes


def alcoholic(c: Candidate) -> Result:
    """R12: before drinks, content, diseases or objects it describes the thing."""
    if c.previous == "non":
        return None  # "non-alcoholic", "non alcoholic"
    if c.form != "alcoholic":
        return KEEP
    after = c.after
    if not after:
        return KEEP
    following = after[0]
    if following in W.alcoholic_things:
        return None
    if following in ("or", "and", "nor") and c.char_after() == " ":
        # "alcoholic or non-alcoholic drinks", "alcoholic and soft drinks"
        for word in after[1:5]:
            if word in W.alcoholic_things:
                return None
            if word in W.person_nouns or word in ("a", "an", "the"):
                break
    return KEEP


def drunk(c: Candidate) -> Result:
    """R13: a noun (a / the / town / dry drunk, drunks, drunkard); never an adjective or a state."""
    if c.form != "drunk":
        return KEEP
    following = c.following
    closes = not following or following in W.function_words or c.char_after() in TRAILING
    if not closes:
        return None  # "a drunk driver"
    before = c.before
    for back, word in enumerate(reversed(before[-4:])):
        if word in W.drunk_state_words:
            return None  # "a bit drunk"
        if word in ("a", "an", "the", "that", "this", "some", "any", "another", "every", "like"):
            return KEEP
        if word in W.drunk_noun_modifiers:
            continue
        if back == 0 and word in ("old", "local"):
            continue
        return None
    return None


def boozer(c: Candidate) -> Result:
    """R17: "the boozer", "down the boozer", "our local boozer" is the pub."""
    before = c.before[-3:]
    if not before:
        return KEEP
    if "a" in before or "an" in before:
        return KEEP  # "a right boozer", "an old boozer"
    nearest = before[-1]
    if nearest in ("a", "an", "right", "total", "heavy", "big", "proper", "secret", "real"):
        return KEEP
    if c.form == "boozers":
        return None if nearest == "local" or before[-2:] == ["down", "the"] else KEEP
    if nearest in W.pub_words or (
        len(before) > 1
        and before[-2] in W.pub_words
        and nearest in ("local", "old", "nearest", "favourite", "favorite", "corner")
    ):
        return None
    return KEEP


def _other_harm(c: Candidate) -> bool:
    return not c.sentence_words.isdisjoint(W.other_harm_words)


def abuser(c: Candidate) -> Result:
    """R10: compounded with a drug word, or alone in a sentence about drugs and not about abuse."""
    if c.form not in ("abuser", "abusers"):
        return KEEP
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
    modifier = _attached_previous(c)
    if modifier in DRUGS:
        c.widen(1)
        return KEEP  # "heroin abusers"
    words = c.sentence_words
    if words.isdisjoint(DRUG_TALK) or _other_harm(c):
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
        return KEEP if _drug_object(after[1:5]) else None
    if c.form in ("abusing", "abused", "abuses", "abuse") and _drug_object(after[:4]):
        if c.form == "abused" and before[-1:] and before[-1] in ("was", "were", "been", "being"):
            return None  # "she was abused as a child"
        return KEEP
    if c.form == "abuse" and _relative_drug_object(before):
        return KEEP  # "the prescription drugs that their mothers abuse"
    return None


def _drug_object(words: list[str]) -> bool:
    for word in words:
        if word in DRUGS or word in W.medicine_words:
            return True
        if word not in W.determiners and word not in (
            "their",
            "his",
            "her",
            "own",
            "prescribed",
            "illegal",
            "illicit",
            "street",
            "other",
        ):
            return False
    return False


def _relative_drug_object(before: list[str]) -> bool:
    window = before[-6:]
    if "that" not in window and "which" not in window:
        return False
    return any(word in DRUGS or word in W.medicine_words for word in before[-8:])


def misuse(c: Candidate) -> Result:
    """Substance misuse is low; misusing a named medicine is medium (issue 17)."""
    if c.form.count(" "):
        return KEEP
    after = c.after
    if c.form == "misuse" and after[:1] == ["of"]:
        objects = after[1:5]
    elif c.form in ("misusing", "misused", "misuses", "misuse"):
        objects = after[:4]
    else:
        return None
    if _medicine_object(objects):
        return ("medium", None)
    return KEEP if _drug_object(objects) else None


def _medicine_object(words: list[str]) -> bool:
    for word in words:
        if word in W.medicine_words:
            return True
        if word not in W.determiners and word not in ("their", "his", "her", "own", "other"):
            return False
    return False


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
    if any(word in W.habit_idiom_verbs for word in before[-3:]):
        return KEEP
    words = c.sentence_words
    if not words.isdisjoint(W.tobacco_words):
        return None
    return KEEP if not words.isdisjoint(DRUGS) else None


_PLAIN_EQUIPMENT = W.equipment_words - {"one", "ones", "set", "sets"}


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


def clean(c: Candidate) -> Result:
    """R6, R7: clean of a person or a test is a finding; equipment, idioms, other senses are not."""
    following, previous = c.following, c.previous
    if previous in W.idiom_before_clean or previous == "slate" or following == "bill":
        return None  # "come clean", "wipe the slate clean", "a clean bill of health"
    attached = c.char_after() in (" ", "-")
    if attached and (following in W.other_senses_of_clean_dirty or following in _PLAIN_EQUIPMENT):
        return None  # "clean code", "clean needles" (the quick way)
    if previous in _PLAIN_EQUIPMENT:
        return None  # "keep the site clean"
    after, before = c.after, c.before
    if "street" in before[-4:] and "side" in before[-6:]:
        return None  # "keep my side of the street clean"
    if _equipment_near(c):
        return None
    if following in W.drug_tests or after[:2] in (["drug", "test"], ["drug", "screen"]):
        return (None, "test")
    if previous in W.test_verbs or before[-2:] in (
        ["came", "back"],
        ["comes", "back"],
        ["come", "back"],
        ["coming", "back"],
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
    if previous in W.becoming:
        return KEEP  # "got clean", "stay clean"
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
    if _equipment_near(c):
        return None
    if c.following in W.drug_tests or after[:2] in (["drug", "test"], ["drug", "screen"]):
        return KEEP
    if c.following == "for" and len(after) > 1 and _drug_object(after[1:3]):
        return KEEP
    if c.previous in W.test_verbs or before[-2:] in (
        ["came", "back"],
        ["comes", "back"],
        ["come", "back"],
        ["coming", "back"],
    ):
        return KEEP
    if (
        len(before) > 1
        and c.previous in ("was", "is", "were", "are", "s", "been")
        and (before[-2] in W.drug_tests or (before[-3:-2] and before[-3] in W.drug_tests))
    ):
        return KEEP
    return None


def zombie(c: Candidate) -> Result:
    """R14: only with a drug or drug-use word in the same sentence; never zombie films."""
    if c.following in W.zombie_things:
        return None
    if not DRUG_TALK.isdisjoint(c.before) or not DRUG_TALK.isdisjoint(c.after):
        return KEEP  # "spice zombies", "zombies on fentanyl"
    return None if c.sentence_words.isdisjoint(DRUG_TALK) else KEEP


def tweaker(c: Candidate) -> Result:
    """R16: software ("registry tweaker", "Winaero Tweaker", a tweaker app)."""
    if c.previous in W.software_words or c.following in W.software_words:
        return None
    if not c.sentence_words.isdisjoint(W.software_words - {"tweak", "tweaks", "tweaking"}):
        return None
    return KEEP


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
    return KEEP


def user(c: Candidate) -> Result:
    """R15: users of drugs only; never software or service users."""
    following = c.following
    if following in W.user_exclusions and c.char_after() == " ":
        return None
    if c.form in ("user", "users"):
        previous = _attached_previous(c)
        if previous in DRUGS and previous not in ("drug", "drugs", "substance"):
            c.widen(1)
            return KEEP  # "heroin users", "crack user"
        after = c.after
        if previous not in W.user_not_after and after[:1] == ["of"] and _drug_object(after[1:4]):
            return KEEP  # "users of heroin"
        return None
    if c.form.lower() in ("idu", "idus", "ivdu", "ivdus"):
        return KEEP
    return KEEP


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


def enabling(c: Candidate) -> Result:
    """Enabling in the drug sense: no object, or drug use as the object."""
    if c.form in ("enabler", "enablers"):
        return KEEP
    after = c.after
    if not after or c.char_after() in TRAILING:
        return KEEP  # "isn't that just enabling?"
    if after[0] in ("to", "you", "people", "us", "them", "users", "staff", "members"):
        if after[0] == "them" and (len(after) == 1 or after[1] not in ("to",)):
            return KEEP
        return None
    for word in after[:3]:
        if word in W.enabling_objects:
            return KEEP
    return None


def mat(c: Candidate) -> Result:
    """R18: the upper-case acronym only, and not Scotland's "MAT standards"."""
    if c.form == "mat" and c.following in ("standards", "standard"):
        return None
    return KEEP


def drug_addicted(c: Candidate) -> Result:
    """[drug]-addicted before an adult person noun (low); before an infant, "addicted baby"."""
    modifier = _attached_previous(c)
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


RULES = {
    "slur": slur,
    "modified_label": modified_label,
    "alcoholic": alcoholic,
    "drunk": drunk,
    "boozer": boozer,
    "abuser": abuser,
    "abuse": abuse,
    "misuse": misuse,
    "habit": habit,
    "clean": clean,
    "dirty": dirty,
    "zombie": zombie,
    "tweaker": tweaker,
    "stoner": stoner,
    "user": user,
    "relapse": relapse,
    "enabling": enabling,
    "mat": mat,
    "drug_addicted": drug_addicted,
}
