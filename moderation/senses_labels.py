"""junkie and addict: the everyday sense after a pastime, a medium or a food (rule R11).

Pure Python, no Django. "a news junkie", "a bingo junkie", "a Star Wars junkie", "K-pop
addicts" are the everyday sense; a drug ("heroin addict"), a place ("street junkies"), a
word about the person ("a filthy junkie") or a sentence about drugs keeps the drug sense.
"junky" meaning "of poor quality" ("a junky old car") is not the slur. "video game
addicts" (gaming) is not exempt, as the reference says.
"""

from __future__ import annotations

from .context import Candidate
from .context_words import words
from .senses_kit import DRUGS, KEEP, TRAILING, Result, W, about_drugs, attached_previous

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


def modified_label(c: Candidate) -> Result:
    """junkie, addict: a non-drug modifier in front makes it the everyday sense (R11)."""
    if c.form == "junky" and _junky_adjective(c):
        return None
    if " " in c.form:
        return KEEP  # "heroin addict", "ex junkie"
    modifier = attached_previous(c)
    if modifier and _everyday_modifier(c, modifier):
        return None
    if modifier in DRUGS:
        # "heroin addict", "a recovering heroin addict" (that is "former addict")
        before = c.before
        if c.term.term == "addict" and len(before) > 1 and before[-2] in FORMER:
            c.widen(2, "former addict")
        else:
            c.widen(1)
    if c.following != "for" or c.form not in ("junkie", "junky", "addict"):
        return KEEP
    if not set(c.before[-3:]) & {"a", "an", "such", "total", "real", "huge", "big", "complete"}:
        return KEEP  # "junkies for litter" is not "a junkie for true crime"
    after = c.after
    if (
        after[:1] == ["for"]
        and not any(w.isdigit() or w in W.number_words or w in W.time_units for w in after[1:4])
        and not about_drugs(c, without=_LABEL_FORMS)
    ):
        return None  # "a junkie for your love", "an addict for true crime"
    return KEEP


_SCREENS = words("video computer online mobile phone console pc")
# Word endings of adjectives, which describe the person ("a hopeless junkie"), not a pastime.
_ADJECTIVE_ENDINGS = (
    "ed",
    "less",
    "ous",
    "ful",
    "ish",
    "est",
    "ly",
    "ive",
    "ic",
    "al",
    "ent",
    "ant",
)
# What may stand before a pastime modifier: "a bingo junkie", "my nan's Formula 1 junkie
# friend", "for K-pop addicts", "self-confessed", "real". Not a verb: "I hate bingo junkies".
_BEFORE_MODIFIER = words(
    """
    a an the my your his her our their s this that these those any every some such of for
    to all real total huge big complete confessed self-confessed self-described described
    proper massive absolute bit true little fellow with among amongst like serious is are
    was were be been being re m become became
    """
)
_THEM = words("the those these")
# Words that are never a pastime noun in front: pronouns, verbs of being, little words.
_CLOSED_CLASS = (
    W.function_words
    | W.state_bridge
    | W.determiners
    | W.number_words
    | words(
        """
        i me we us you they them he him she her it my your our their his its mine yours
        all most many more both half lots plenty none no not any such same other others own
        do does did done will would can could should may might must shall hate hates hated
        love loves loved call calls called see saw seen like become became becoming turned
        about against among around before after between during into onto through toward
        towards upon within without via per why how what when where who whom whose which
        whether if because so but and or then than though although unless until while yet
        just even also only still again ever never
        """
    )
)


def _everyday_modifier(c: Candidate, word: str) -> bool:
    """Is the word right before junkie/addict a pastime, a medium or a food, not a drug (R11)?"""
    if (
        word in DRUGS
        or word in W.clinical_modifiers
        or word in W.person_descriptors
        or word in W.place_modifiers
        or word in W.determiners
    ):
        return False
    before = c.before
    if word.isdigit():
        # "a Formula 1 junkie": a number is a pastime's only as part of a name before it.
        named = before[-2:-1]
        if not named:
            return False
        if named[0] in W.non_drug_modifiers:
            return True
        return (
            named[0].isalpha()
            and named[0] not in W.number_words
            and named[0] not in W.determiners
            and _no_drug_talk(c)
            and _original_capitalised(c, 2)
        )
    if word in ("game", "games") and before[-2:-1] and before[-2] in _SCREENS:
        return False  # "video game addicts": gaming is not exempt (R11)
    if word in W.non_drug_modifiers or word in W.tobacco_words:
        return True
    if word.endswith(NOUN_ENDINGS) and len(word) > 5:
        return True
    # An unknown noun in front ("a bingo junkie", "a Star Wars junkie", "K-pop addicts") is
    # the everyday sense when nothing in the sentence is about drugs and the noun stands where
    # a modifier stands: after an article, a possessive, an intensifier or a copula.
    if (
        len(word) < 2
        or not word.isalpha()
        or word.endswith(_ADJECTIVE_ENDINGS)
        or word in _CLOSED_CLASS
        or word in W.person_nouns
        or word in W.people
    ):
        return False
    if (
        word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and not _original_capitalised(c, 1)
    ):
        return False  # "they call those kids junkies": a plural noun is the object, not a pastime
    if not _no_drug_talk(c):
        return False
    position = len(before) - 2
    norm, joined = c.text.norm, c.start - 1 - len(word)
    if position > 0 and joined > 0 and norm[joined - 1] == "-":
        position -= 1  # a compound: "a secondhand-paperback addict"
    while position >= 0 and _original_capitalised(c, len(before) - position) and position > 0:
        position -= 1  # over the rest of a name: "a Taylor Swift addict"
    if position < 0:
        return False  # first in the sentence: an unknown word there may be anything
    ahead = before[position]
    if c.form.endswith("s") and ahead in _THEM and _original_capitalised(c, 1):
        return False  # "the Leith junkies": a place name, most likely
    return ahead in _BEFORE_MODIFIER or (ahead.isalpha() and ahead in W.non_drug_modifiers)


def _no_drug_talk(c: Candidate) -> bool:
    return not about_drugs(c, without=_LABEL_FORMS)


_LABEL_FORMS = words("junkie junkies junky addict addicts")


def _original_capitalised(c: Candidate, back: int) -> bool:
    """Is the word `back` words before the candidate capitalised in the original text?"""
    words, first, _ = c.original_words()
    index = first - back
    return first >= 0 and index >= 0 and words[index][:1].isupper() and index > 0


def _junky_adjective(c: Candidate) -> bool:
    """ "a junky old car", "the laptop is so junky": junky as 'of poor quality'."""
    following = c.following
    if following in JUNK_THINGS and c.char_after() == " ":
        return True
    closes = not following or c.char_after() in TRAILING or following in W.function_words
    return c.previous in DEGREE and closes
