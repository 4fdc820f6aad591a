"""Naming verbs, for rule R3: who is named, by whom, and whether that makes a mention.

Pure Python, no Django. "calling someone X", "called me X", "being labelled X"
and "don't call him X" put X in mention; a naming verb about specific third
people ("they call them junkies", "my cousin gets called an addict") is use.
context_mention.py walks to these verbs; this module reads what stands around them.
"""

from __future__ import annotations

from .context_words import WORDS, words

NAMING_VERBS = words(
    """
    call calls called calling label labels labelled labeled labelling labeling dub dubs dubbed
    refer refers referred referring describe describes
    described describing treat treats treated treating
    """
)

# Verbs that only ever report a portrayal: a mention whatever the object.
PORTRAYING_VERBS = words(
    """
    stigmatised stigmatized stereotyped portrayed depicted dismissed pigeonholed typecast brand
    brands branded branding
    caricatured demonised demonized dehumanised dehumanized vilified
    """
)

GENERIC_OBJECTS = words(
    """
    someone somebody anyone anybody people persons folks folk others everyone everybody
    nobody person me us myself ourselves you yourself yourselves each one another patients
    clients
    """
)

SPECIFIC_OBJECTS = words(
    """
    him her them his their it this that these those
    """
)

PASSIVE = words(
    """
    be been being was were is are am get got gets getting m re s
    """
)

PROHIBITION = words(
    """
    don dont t never stop stopped quit avoid avoiding not please shouldn shouldnt refuse won
    wont cannot can quit
    """
)

_TREAT = words("treat treats treated treating")

REPORTING = words(
    """
    said say says told tell tells reported report reports complained complain felt feel
    recalled recalls remembered remembers described describes admitted
    """
)


def _reported(tokens: list[str], index: int, prev: list[str]) -> bool:
    """A naming verb whose object reports the naming ("they said staff had labelled them X")."""
    if prev[0] not in NAMING_VERBS or prev[0] in _TREAT:
        return False
    return not REPORTING.isdisjoint(_words_back(tokens, index, 12)[1:])


def _naming_verb_object(
    prev: list[str], *, as_form: bool, obj: str | None = None, article_next: bool = False
) -> bool:
    """Is there a naming verb just behind, said of people in general, the writer, or passively?

    `prev` are the words before the current position, nearest first. With `obj`, the current
    piece is the verb's object; with `as_form`, the current piece is "as" ("labelled (them) as").
    """
    words = prev
    if as_form and words[:1] and (words[0] in GENERIC_OBJECTS or words[0] in SPECIFIC_OBJECTS):
        obj, words = words[0], words[1:]
    if not words:
        return False
    verb = words[0]
    if verb not in NAMING_VERBS and verb not in PORTRAYING_VERBS:
        return False
    if verb in PORTRAYING_VERBS:
        return True
    if (
        verb
        in (
            "treat",
            "treats",
            "treated",
            "treating",
            "describe",
            "describes",
            "described",
            "describing",
            "refer",
            "refers",
            "referred",
            "referring",
        )
        and not as_form
    ):
        return False  # "treated like X" is handled by "like"; "described as X" needs "as"
    behind = words[1:4]
    if any(_prohibits(word, verb) for word in behind[:2]):
        return True  # "don't call him X", "stop labelling them" (not "the bus stop call them")
    if obj is None:
        # No object between the verb and the term: passive ("was called X", "being labelled X"),
        # a mention unless it names a specific third person ("my cousin gets called an addict").
        if behind and behind[0] in PASSIVE:
            return not _specific_subject(words[2:12])
        # "called a junkie by his own mum": a reduced passive; "he called junkies scum" is use.
        return article_next and verb.endswith("ed")
    return obj in GENERIC_OBJECTS


# Anyone at all, after "a": "calling a patient X" is about patients in general.
_ANY_ONE = words("patient person client woman man mother father parent kid child teenager human")

# Prohibitions that take a gerund: "stop calling", "avoid labelling"; "stop call" is no verb.
_GERUND_PROHIBITION = words("stop stopped quit avoid avoiding refuse")


def _prohibits(word: str, verb: str) -> bool:
    if word not in PROHIBITION:
        return False
    return word not in _GERUND_PROHIBITION or verb.endswith("ing")


_SUBJECT_SKIP = PASSIVE | words(
    """
    always often constantly still just actually really regularly sometimes never ever even
    also usually routinely openly has have had will would could might may should must
    """
)

_WRITER_OR_ANYONE = GENERIC_OBJECTS | words("i we you people folks anyone someone patients")

_SPECIFIC_PEOPLE = (WORDS.person_nouns - {"people", "person", "persons", "patients", "clients"}) | (
    words("he she they him her")
)

_ACTIVE_SUBJECTS = words("i we they you he she who everyone everybody people someone nobody")


def _specific_subject(behind: list[str]) -> bool:
    """Is the subject of a passive naming verb a specific third person ("my cousin", "he")?

    `behind` are the words before the passive verb, nearest first. A relative clause about the
    subject is passed over ("my cousin who uses heroin gets called ..."); the writer, people in
    general or no subject at all ("being labelled X") is not specific.
    """
    for index, word in enumerate(behind[:8]):
        if word in ("who", "that", "which"):
            behind = behind[index + 1 :]
            break
    for word in behind:
        if word in _SUBJECT_SKIP:
            continue
        return word in _SPECIFIC_PEOPLE and word not in _WRITER_OR_ANYONE
    return False


def _words_back(tokens: list[str], index: int, count: int) -> list[str]:
    """Up to `count` word tokens before tokens[index], nearest first."""
    found = []
    position = index - 1
    while position >= 0 and len(found) < count:
        piece = tokens[position]
        if piece[0].isalnum():
            found.append(piece)
        elif piece in (".", "!", "?", "\n"):
            break
        position -= 1
    return found
