"""Mention, not use (rule R3): a word quoted, discussed or listed as a word.

Pure Python, no Django. `is_mention(candidate)` is true when the candidate is

- inside quotation marks of any kind (straight, curly, guillemets, „ “);
- after a mention marker, itself or as an item of the list that follows it:
  "the word X", "terms such as X, Y and Z", "words to avoid: X", "instead of
  (saying) X", "rather than X";
- the object of a naming verb said of people in general or of the writer
  ("calling someone X", "labelling people as X", "called me X"), of anyone in
  the passive ("being labelled X"), or under a prohibition ("don't call him
  X"); a naming verb about specific third people ("they call them X") is use;
- followed by a word about words ("X is a loaded word", "the X label");
- an item of a bulleted list or a table under a heading about words ("Words
  to avoid:", "| Instead of | Say |"), or the head of a glossary line
  ("X → person who uses drugs").
"""

from __future__ import annotations

from .context import ARROW, Candidate
from .context_lists import HEADING_CUES, in_word_list_block
from .context_naming import (
    _ACTIVE_SUBJECTS,
    _ANY_ONE,
    _SPECIFIC_PEOPLE,
    _TREAT,
    GENERIC_OBJECTS,
    NAMING_VERBS,
    PORTRAYING_VERBS,
    SPECIFIC_OBJECTS,
    _naming_verb_object,
    _prohibits,
    _reported,
    _words_back,
)
from .context_reported import is_reported
from .context_words import words

MENTION_NOUNS = words(
    """
    word words term terms label labels labelling labeling slur slurs phrase phrases
    expression expressions insult insults epithet epithets language vocabulary terminology
    stereotype stereotypes trope tropes descriptor descriptors noun nouns
    adjective adjectives tag tags myth myths cliche cliches wording
    """
)
# After the term: "the junkie label", "addict is a loaded word".
TRAILING_NOUNS = MENTION_NOUNS - {"language"}
LIST_INTRO = words(
    """
    like as including include includes included : - e g such especially particularly
    """
)
SEPARATORS = frozenset(
    [",", "and", "or", "/", ";", "nor", "&", "'", '"', "(", ")", "*", "-", "+", ".", "!", "?", "x"]
) | {"\u2026"}
SAY_VERBS = words(
    """
    say saying said use using write writing call calling
    """
)
ARTICLES = words(
    """
    a an the
    """
)
ARROWS = ("\u2192", "->", "=>", "\u21d2", "\u27f6", "\u2794")
CLAUSE_WORDS = words(
    """
    but because while when if who which that then so though although unless until
    """
)
PREPOSITIONS = words("of in on at with from by to about into over under after before")
MAX_ITEM_WORDS = 3
_TRIGGERS = (
    MENTION_NOUNS
    | LIST_INTRO
    | SAY_VERBS
    | NAMING_VERBS
    | PORTRAYING_VERBS
    | GENERIC_OBJECTS
    | SPECIFIC_OBJECTS
    | {"of", "than"}
)
_ARROW = ARROW

# Labels of a drug, not of people: naming them ("dubbed the zombie drug") is what they are.
_DRUG_LABELS = frozenset(["zombie drug", "drugs of abuse"])
# Words without which no marker can stand before the candidate: a cheap first test.
_GATE_BEFORE = (
    MENTION_NOUNS | LIST_INTRO | SAY_VERBS | NAMING_VERBS | PORTRAYING_VERBS | {"instead", "rather"}
)
_GATE_BEFORE_NO_NAMING = MENTION_NOUNS | LIST_INTRO | {"instead", "rather"}
MAX_WALK = 40


def is_mention(c: Candidate) -> bool:
    """True when the candidate is talked about as a word rather than used (R3)."""
    text = c.text
    if text.has_quotes and text.quoted(c.o_start, c.o_end):
        return True
    naming_ok = c.term.term not in _DRUG_LABELS
    if (
        not (_GATE_BEFORE if naming_ok else _GATE_BEFORE_NO_NAMING).isdisjoint(c.before)
        or text.norm.find(":", max(0, c.start - 64), c.start) >= 0
    ) and _marker_before(c.tokens_before, naming_ok):
        return True
    if _marker_after(c) or is_reported(c, naming_ok):
        return True
    return text.lines_or_arrows and in_word_list_block(c, c.o_start, c.o_end)


def _marker_before(tokens: list[str], naming: bool = True) -> bool:
    """Walk back over list items and separators to a mention marker."""
    index = len(tokens) - 1
    item_words = 0
    steps = 0
    while index >= 0 and steps < MAX_WALK:
        steps += 1
        piece = tokens[index]
        if _ends_marker(tokens, index, naming):
            return True
        relative = _generic_relative(tokens, index)
        if relative >= 0:
            # "calling everyone who uses an addict", "calling people who use drugs addicts":
            # the relative clause is part of the generic object
            index = relative
            item_words = 0
            continue
        if piece in CLAUSE_WORDS or piece in PREPOSITIONS or piece in SAY_VERBS:
            return False  # a list of words holds no clause, preposition or verb
        if piece in SEPARATORS or piece in ARTICLES:
            if piece not in ARTICLES:
                item_words = 0
            index -= 1
            continue
        item_words += 1
        if item_words > MAX_ITEM_WORDS:
            return False
        index -= 1
    return False


def _generic_relative(tokens: list[str], index: int) -> int:
    """Where the generic object stands when tokens[index] is in a short relative clause about
    it ("everyone who uses", "people who use drugs"); -1 otherwise."""
    for back in range(index, max(-1, index - 4), -1):
        if tokens[back] in ("who", "that"):
            return back - 1 if back > 0 and tokens[back - 1] in GENERIC_OBJECTS else -1
        if not tokens[back][0].isalnum():
            return -1
    return -1


def _ends_marker(tokens: list[str], index: int, naming: bool = True) -> bool:
    """Do the tokens up to `index` end with a marker that puts what follows in mention?"""
    piece = tokens[index]
    if piece not in _TRIGGERS:
        return False
    prev = _words_back(tokens, index, 10)
    if piece in MENTION_NOUNS:
        # "the word X", "the term X"; not "in other words", "my word" (the item walk stops at
        # "the word on the street").
        idiom = prev[:1] and prev[0] in ("my", "your", "his", "her", "their", "our", "other", "a")
        return not (piece in ("word", "words") and idiom)
    if piece in LIST_INTRO:
        # "words like X", "terms such as X", "words to avoid: X"
        if piece == "as" and prev[:1] == ["such"]:
            prev = prev[1:]
        if any(word in MENTION_NOUNS for word in prev[:4]):
            return True
        if piece == ":" and any(word in HEADING_CUES for word in prev[:3]):
            return True
        if piece == "like" and (
            (prev[:1] and prev[0] in _TREAT) or (prev[1:2] and prev[1] in _TREAT)
        ):
            return _naming_verb_object(prev, as_form=True)  # "they treat you like a junkie"
        return piece == "as" and _naming_verb_object(prev, as_form=True)
    if piece == "of" and prev[:1] == ["instead"]:
        return True
    if piece == "than" and prev[:1] == ["rather"]:
        return True
    if piece in SAY_VERBS:
        # "instead of saying X", "stop saying X", "avoid using X", "Saying X is never okay"
        if prev[:2] == ["of", "instead"] or prev[:2] == ["than", "rather"]:
            return True
        if not prev and all(not t[0].isalnum() for t in tokens[index + 1 :]):
            return True  # "Saying crackhead is never okay" (not "Calling them junkies")
        if prev[:1] and _prohibits(prev[0], piece):
            return True
        if piece in ("call", "calling") and _naming_verb_object([piece, *prev], as_form=False):
            return True
    if not naming and piece not in MENTION_NOUNS and piece not in LIST_INTRO:
        return piece in ("of", "than") and prev[:1] in (["instead"], ["rather"])
    if piece in NAMING_VERBS or piece in PORTRAYING_VERBS:
        if prev[:1] == ["so"]:
            return False  # "the so-called zombie drug"
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if (
            following in ("a", "an")
            and not piece.endswith("ed")
            and len(tokens) - index in (3, 4)
            and tokens[index + 2] in _ANY_ONE
        ):
            return True  # "calling a patient non-compliant", "labelling a person an addict"
        # "called a junkie by his mum" may be a reduced passive; "called a man a junkie", "my
        # grandad called the neighbours dope fiends" (a subject, an object) are not.
        reduced = (
            following in ("a", "an")
            and sum(t in ARTICLES for t in tokens[index + 1 :]) == 1
            and len(tokens) - index <= 4
            and not (prev[:1] and (prev[0] in _SPECIFIC_PEOPLE or prev[0] in _ACTIVE_SUBJECTS))
        )
        return _naming_verb_object([piece, *prev], as_form=False, article_next=reduced)
    if piece in GENERIC_OBJECTS or piece in SPECIFIC_OBJECTS:
        # "calling people X", "called me X", "labelled them as X"
        if _naming_verb_object(prev, as_form=False, obj=piece):
            return True
        # "patients said staff had labelled them a drug seeker": reported labelling
        return piece in SPECIFIC_OBJECTS and prev[:1] != [] and _reported(tokens, index, prev)
    return False


def _marker_after(c: Candidate) -> bool:
    """ "the junkie label", "addict is a loaded word", "junkie and crackhead are slurs" """
    after = c.after
    if not after or TRAILING_NOUNS.isdisjoint(after):
        return False
    if after[0] in TRAILING_NOUNS:
        return not (after[0] in ("word", "words") and after[1:2] and after[1] in ("on", "of"))
    # Walk over the rest of a list: "junkie, crackhead and addict are words that ..."
    tokens = c.after_tokens
    if tokens[:1] and tokens[0][0].isalnum() and tokens[0] not in ("and", "or", "is", "are"):
        return False  # "the dopehead sidekick is a cliche": the sidekick is, not the word
    position = 0
    item_words = 0
    while position < len(tokens) and position < MAX_WALK:
        piece = tokens[position]
        if piece in (",", "/", "and", "or", "'", '"', "(", ")"):
            item_words = 0
        elif piece in ("is", "are", "was", "were", "as"):
            break
        elif piece[0].isalnum():
            item_words += 1
            if item_words > MAX_ITEM_WORDS:
                return False
        else:
            return False
        position += 1
    else:
        return False
    rest = [t for t in tokens[position + 1 : position + 6] if t[0].isalnum()]
    for word in rest[:4]:
        if word in TRAILING_NOUNS:
            return True
        if word in ("who", "that", "which", "people", "person", "someone"):
            return False
    return False
