"""Proper names (rule R5): no finding inside the name of an organisation, group or work.

Pure Python, no Django. A candidate is part of a name when

- it is inside a known name (moderation/lexicon/names.json, which moderators
  can extend): "Adult Children of Alcoholics", "Junkie XL", Burroughs's "Junky";
- it is followed by "Anonymous", misspelt or not, in any case ("alcoholics anonymus");
- it follows an institution and "of / on / for", in any case ("institute on
  drug abuse", "Office of Alcoholism and Substance Abuse Services");
- it is in a run of capitalised words that holds an institution noun
  ("Substance Abuse Prevention Coalition", "Rotterdam Junkie Union"), or that
  has two or more capitalised words beside the sentence's first ("Families of
  Addicts", "Moms of Addicts");
- it is a capitalised word inside a sentence, with a sign that it is a title:
  a word about works nearby ("the novel", "album", "by"), a naming verb
  ("called", "named", "titled", "renamed"), a year in brackets, emphasis marks,
  or a possessive name before it ("Burroughs's Junky").

Title Case alone is not a name: in a headline where most words are
capitalised ("Why Drug Abuse Is Not A Moral Failing") only institution nouns
and known names count.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from .context import Candidate
from .context_words import words

NAMES_PATH = Path(__file__).resolve().parent / "lexicon" / "names.json"

INSTITUTIONS = words(
    """
    anonymous institute institutes administration agency agencies center centre centers
    centres office offices department dept division bureau services service program
    programme programs programmes network union association foundation society council
    commission coalition alliance trust partnership project act journal review quarterly
    conference awareness board committee court courts clinic clinics hospital unit team
    taskforce task force fellowship group groups collective league federation initiative
    campaign charity inc ltd llc corporation corp press studios records band consortium
    institution authority ministry directorate bond bund collaborative collaboration
    coordinator treatment prevention education research week month summit forum
    """
)
CONNECTORS = words(
    """
    of on for and & the in against to de der van
    """
)
WORK_WORDS = words(
    """
    book books novel novels memoir memoirs film films movie movies song songs album albums
    track tracks single record documentary series show episode play poem poems lyric lyrics
    ep band podcast author wrote written writes reading read watched watching listened
    listening directed starring sang sings sung released published chapter classic
    bestseller cover covers title titled paperback edition opera musical sitcom pamphlet
    pamphlets booklet booklets leaflet leaflets zine article articles essay essays column
    columns prayer prayers readings literature slogan poster posters newsletter headline
    headlines anthology memoirs biopic drama hit anthem tune
    """
)
NAMING = words(
    """
    called named titled entitled renamed nicknamed dubbed
    """
)
_YEAR = re.compile(r"\s*[(\[]\s*(1[89]|20)\d\d\s*[)\]]")
_ANONYMOUS = re.compile(r"an+o?n[a-z]{0,3}m[a-z]{0,3}s|anon|anonymous|anynomous|annonymous")


@lru_cache(maxsize=1)
def _known_names():
    data = json.loads(NAMES_PATH.read_text(encoding="utf-8"))
    names = sorted({" ".join(n.lower().replace("-", " ").split()) for n in data["names"]}, key=len)
    pattern = "|".join(
        r"\s*[-\s]?\s*".join(re.escape(word) for word in name.split()) for name in reversed(names)
    )
    return re.compile(r"(?<![^\W_])(?:" + pattern + r")(?![^\W_])")


def in_name(c: Candidate) -> bool:
    """True when the candidate is part of a proper name or a title (R5)."""
    following = c.following
    if following[:1] == "a" and _is_anonymous(following):
        return True
    first = c.text.folded.start_of(c.start) if c._o_start is None else c.o_start
    upper = c.text.original[first : first + 1].isupper()
    if c.previous in _BRIDGE and _after_institution(c.before):
        return True
    if not upper:
        # A known name written in lower case: "the substance abuse and mental health services
        # administration" (only names with an institution noun count).
        if (c.following in _JOINED or c.previous in _JOINED) and not (
            INSTITUTIONS.isdisjoint(c.after) and INSTITUTIONS.isdisjoint(c.before[-6:])
        ):
            return _known_name_covers(c, lower=True)
        return False
    previous_word, next_capitalised = _neighbours(c)
    if next_capitalised or previous_word[:1].isupper() or previous_word.lower() in CONNECTORS:
        return _known_name_covers(c) or _capitalised_name(c)
    # A capitalised word alone: a title only with a sign of one; the first word of a
    # sentence only when "by" follows ("Junky by William Burroughs").
    if _sentence_initial(c):
        if _subtitled_work(c):
            return True  # "Crack Babies: The Myth That Wouldn't Die is a documentary"
        return (c.following == "by" or _work_after(c)) and _capitalised_name(c)
    return _capitalised_name(c)


def _sentence_initial(c: Candidate) -> bool:
    original = c.text.original
    index = c.o_start - 1
    while index >= 0 and original[index] in " \t\"'\u201c\u2018(*_#>-":
        index -= 1
    return index < 0 or original[index] in ".!?\n:"


def _neighbours(c: Candidate) -> tuple[str, bool]:
    """The original word before the candidate, and whether the word after is capitalised."""
    original = c.text.original
    length = len(original)
    index = c.o_end
    while index < length and original[index] in " -":
        index += 1
    next_capitalised = index < length and original[index].isupper()
    index = c.o_start - 1
    while index >= 0 and original[index] in " -":
        index -= 1
    end = index + 1
    while index >= 0 and original[index].isalpha():
        index -= 1
    return original[index + 1 : end], next_capitalised


def _is_anonymous(word: str) -> bool:
    return len(word) >= 4 and word[0] == "a" and _ANONYMOUS.fullmatch(word) is not None


@lru_cache(maxsize=1)
def _anchor_words() -> frozenset[str]:
    """Words of the known names other than lexicon words and little ones: a cheap first test."""
    data = json.loads(NAMES_PATH.read_text(encoding="utf-8"))
    words = {w for name in data["names"] for w in re.findall(r"[^\W_]+", name.lower())}
    common = {"a", "an", "the", "of", "and", "for", "on", "is", "who", "to", "it", "in", "just"}
    return frozenset(words - common - _TERM_WORDS)


_TERM_WORDS = words(
    """
    junkie junkies junky addict addicts addicted alcoholic alcoholics alcoholism drug drugs
    clean dirty abuse misuse user users tweaker crack baby stoner mat
    """
)


_JOINED = words("and of on for")


def _subtitled_work(c: Candidate) -> bool:
    """A capitalised title, a colon, a capitalised subtitle, and a work named in the sentence."""
    original = c.text.original
    index = c.o_end
    while index < len(original) and original[index] == " ":
        index += 1
    if original[index : index + 1] != ":":
        return False
    rest = original[index + 1 : index + 4].lstrip()
    return rest[:1].isupper() and not c.sentence_words.isdisjoint(WORK_WORDS)


def _work_after(c: Candidate) -> bool:
    """ "Clean and Sober, the 1988 film with Michael Keaton": a title, then what it is."""
    after = c.after[:6]
    if "the" not in after and "a" not in after:
        return False
    return not WORK_WORDS.isdisjoint(after)


def _known_name_covers(c: Candidate, lower: bool = False) -> bool:
    anchors = _anchor_words()
    if (
        anchors.isdisjoint(c.before[-6:])
        and anchors.isdisjoint(c.after[:6])
        and c.matched.replace(" ", "") not in anchors
    ):
        return False
    norm = c.text.norm
    low, high = max(0, c.start - 80), min(len(norm), c.end + 80)
    for match in _known_names().finditer(norm, low, high):
        if match.start() <= c.start and c.end <= match.end():
            words = match.group().replace("-", " ").split()
            if any(word in INSTITUTIONS for word in words):
                return True
            if lower:
                continue
            o_start, o_end = c.text.folded.span(match.start(), match.end())
            written = c.text.original[o_start:o_end].replace("-", " ").split()
            if all(w[:1].isupper() or len(w) <= 3 for w in written):
                return True
    return False


def _after_institution(before: list[str]) -> bool:
    """ "institute on drug abuse", "office of alcoholism and substance abuse" """
    for back in range(1, min(len(before), 6) + 1):
        word = before[-back]
        if word in ("of", "on", "for") and back < len(before) and before[-back - 1] in INSTITUTIONS:
            return before[-back - 1] not in (
                "anonymous",
                "week",
                "month",
                "treatment",
                "prevention",
                "education",
                "research",
                "group",
                "groups",
            )
        if word not in _BRIDGE:
            return False
    return False


_BRIDGE = words(
    """
    of on for and the alcohol alcoholism drug drugs substance mental health behavioral
    behavioural addiction addictions other
    """
)


CALENDAR = words(
    """
    Monday Mondays Tuesday Tuesdays Wednesday Wednesdays Thursday Thursdays Friday Fridays
    Saturday Saturdays Sunday Sundays January February March April May June July August
    September October November December I I'm
    """
)


_WEAK_INSTITUTIONS = words("treatment prevention education research recovery support care")
_SMALL = words("from into onto over with than that this upon")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word not in CALENDAR


def _capitalised_name(c: Candidate) -> bool:
    words, first, count = c.original_words()
    if first < 0 or not all(_capitalised(w) for w in words[first : first + count]):
        return False
    acronym = all(w.isupper() for w in words[first : first + count])
    caps = sum(1 for w in words if _capitalised(w) or w.isdigit())
    # A headline capitalises every word but the little ones; "The Cowboy Junkies played Massey
    # Hall" has most words capitalised (names) and is no headline.
    headline = (
        len(words) >= 3
        and caps >= 0.7 * len(words)
        and all(_capitalised(w) or len(w) <= 3 or w.isdigit() or w in _SMALL for w in words)
    )
    if headline:
        # Every word is capitalised: only an institution right after the term ("Substance
        # Abuse Services") or "of / on / for" one before it ("Office of Drug Abuse") names.
        after = [w.lower() for w in words[first + count : first + count + 3]]
        o_end = c.o_end
        clause = c.text.original[o_end : o_end + 40]
        stop = min((clause.find(mark) for mark in ",;:!?" if mark in clause), default=40)
        reach = len(clause[:stop].split())
        after = after[: min(reach, after.index("and") if "and" in after else 3)]
        # "Substance Abuse Services" names; "Substance Abuse Treatment Keeps Failing" does not.
        if any(w in INSTITUTIONS and w not in _WEAK_INSTITUTIONS for w in after):
            return True
        return (
            first > 1
            and words[first - 1].lower() in ("of", "on", "for")
            and (words[first - 2].lower() in INSTITUTIONS)
        )
    run = _run(words, first, count)
    if any(w.lower() in INSTITUTIONS for w in run["words"]):
        return True
    if acronym:
        return False
    others = run["capitalised"] - count
    if others >= 2 or (others >= 1 and (first > 0 or run["connected"])):
        return True
    if first == 0:
        # The first word of a sentence is capitalised anyway; only a title sign counts.
        signed = (bool(c.after[:1]) and c.after[0] == "by") or _work_after(c)
        return signed and _title_signs(c, words, first, count)
    return _title_signs(c, words, first, count)


def _run(words: list[str], first: int, count: int) -> dict:
    """The run of capitalised words (joined by connectors) around the candidate."""
    start, end = first, first + count
    connected = False
    while start > 0:
        word = words[start - 1]
        if _capitalised(word) and start - 1 > 0:
            start -= 1
        elif word.lower() in CONNECTORS and start - 2 >= 0 and _capitalised(words[start - 2]):
            start -= 2
            connected = True
        else:
            break
    while end < len(words):
        word = words[end]
        if _capitalised(word) or (word.isupper() and len(word) > 1):
            end += 1
        elif (
            word.lower() in CONNECTORS
            and end + 1 < len(words)
            and _capitalised(words[end + 1])
            and (end - start >= 2 or _institution_ahead(words, end + 1))
        ):
            # "Substance Abuse and Mental Health ...", "Addicts for Recovery Network"; not one
            # word and a place: "the Junkies on Main Street"
            end += 2
            connected = True
        else:
            break
    run = words[start:end]
    capitalised = sum(1 for w in run if _capitalised(w))
    return {"words": run, "capitalised": capitalised, "connected": connected}


def _institution_ahead(words: list[str], index: int) -> bool:
    """Is there an institution noun in the capitalised run that starts at words[index]?"""
    while index < len(words) and _capitalised(words[index]):
        if words[index].lower() in INSTITUTIONS:
            return True
        index += 1
    return False


def _title_signs(c: Candidate, words: list[str], first: int, count: int) -> bool:
    near = {w.lower() for w in words[max(0, first - 6) : first + count + 6]}
    if not near.isdisjoint(WORK_WORDS) or "by" in c.after[:1]:
        return True
    if first > 0 and words[first - 1].lower() in NAMING:
        return True
    if first > 1 and words[first - 1].lower() == "s" and _capitalised(words[first - 2]):
        return True  # "Burroughs's Junky"
    o_start, o_end = c.original_span()
    original = c.text.original
    if _YEAR.match(original, o_end):
        return True
    before, after = original[o_start - 1 : o_start], original[o_end : o_end + 1]
    if before in ("*", "_") and after in ("*", "_"):
        return True
    return first > 0 and original[max(0, o_start - 2) : o_start] in ("' ", "s'")
