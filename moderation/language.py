"""The stigmatising-language engine: text in, findings out.

Pure Python with no Django import, so it can be tested and benchmarked alone.

    analyze("He's a junkie.")  ->  [Finding(start=7, end=13, text="junkie", term="junkie", ...)]

How it works, in one pass over the text:

1. Normalise, keeping a map back to the original offsets: NFKD with accents
   dropped (so full-width and accented letters become plain ones), case folded,
   invisible characters (zero-width, soft hyphen) removed, curly quotes and
   dashes made plain. ASCII text, the common case, is only lower-cased.
2. Letter swaps (1→i, 3→e, 0→o, 4→a, @→a, $→s) are applied to a copy of the
   same length, used only for matching, so "4 years" still reads as a number
   to the context rules.
3. One compiled regular expression, built as a trie over every form of every
   term, finds candidates at word starts. Each letter may repeat ("juuunkie")
   and the words of a phrase may be joined by spaces, dashes or nothing
   ("crack head", "crack-head", "crackhead"). Letters spelled out one by one
   ("j.u.n.k.i.e", "j u n k i e") are gathered and searched the same way.
4. Context rules, looking a few words either side, drop what is not stigma
   (equipment, a word quoted or discussed as a word, "Alcoholics Anonymous",
   "domestic abuse", "clean code") and soften self-description to low.

Every step is linear in the length of the text; the rules look at a fixed
window around each candidate.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

SEVERITIES = ("low", "medium", "high")
LEXICON_PATH = Path(__file__).resolve().parent / "lexicon" / "terms.json"


@dataclass(frozen=True, slots=True)
class Finding:
    start: int
    end: int
    text: str
    term: str
    category: str
    severity: str
    suggestions: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "term": self.term,
            "category": self.category,
            "severity": self.severity,
            "suggestions": list(self.suggestions),
        }


@dataclass(frozen=True)
class Term:
    """One entry of the lexicon: a canonical term, its forms and its rules."""

    term: str
    forms: tuple[str, ...]
    category: str
    severity: str
    suggestions: tuple[str, ...] = ()
    not_stigmatising_when: str = ""
    source: str = ""
    # Context rules (see the lexicon's "about" and _keep() below).
    self_description: str | None = None
    not_before: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    requires_drug_word_before: frozenset[str] = frozenset()
    requires_drug_word_near: frozenset[str] = frozenset()
    requires_context: tuple[str, ...] = ()
    noun_only: frozenset[str] = frozenset()
    suggestions_by_context: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.term!r}: severity must be one of {SEVERITIES}")
        if not self.forms:
            raise ValueError(f"{self.term!r}: at least one form is needed")

    @classmethod
    def from_dict(cls, data: dict) -> Term:
        return cls(
            term=data["term"],
            forms=tuple(data["forms"]),
            category=data["category"],
            severity=data["severity"],
            suggestions=tuple(data.get("suggestions", ())),
            not_stigmatising_when=data.get("not_stigmatising_when", ""),
            source=data.get("source", ""),
            self_description=data.get("self_description"),
            not_before=frozenset(data.get("not_before", ())),
            not_after=frozenset(data.get("not_after", ())),
            requires_drug_word_before=frozenset(data.get("requires_drug_word_before", ())),
            requires_drug_word_near=frozenset(data.get("requires_drug_word_near", ())),
            requires_context=tuple(data.get("requires_context", ())),
            noun_only=frozenset(data.get("noun_only", ())),
            suggestions_by_context=tuple(
                (name, tuple(words))
                for name, words in data.get("suggestions_by_context", {}).items()
            ),
        )


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[Term, ...]
    drug_words: frozenset[str] = frozenset()
    equipment_words: frozenset[str] = frozenset()
    other_harm_words: frozenset[str] = frozenset()
    version: str = "1"

    def with_terms(self, extra: Iterable[Term], version: str) -> Lexicon:
        """This lexicon plus `extra` (moderators' watched words), as a new version."""
        return replace(self, terms=self.terms + tuple(extra), version=f"{self.version}+{version}")


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return Lexicon(
        terms=tuple(Term.from_dict(entry) for entry in data["terms"]),
        drug_words=frozenset(data.get("drug_words", ())),
        equipment_words=frozenset(data.get("equipment_words", ())),
        other_harm_words=frozenset(data.get("other_harm_words", ())),
        version=str(data.get("version", "1")),
    )


# ---------------------------------------------------------------------------
# Normalisation with a map back to the original text.

_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_PLAIN = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2039\u203a\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u00b7\u2022\u2024\u2027", "."),
}
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_folded_chars: dict[str, str] = {}


def _fold_char(char: str) -> str:
    folded = _folded_chars.get(char)
    if folded is None:
        if char in _INVISIBLE:
            folded = ""
        elif char in _PLAIN:
            folded = _PLAIN[char]
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
            folded = "".join(_PLAIN.get(c, c) for c in folded if c not in _INVISIBLE)
        _folded_chars[char] = folded
    return folded


class _Folded:
    """Normalised text, and where each of its characters came from."""

    __slots__ = ("_identity", "_seg_norm", "_seg_orig", "text")

    def __init__(self, original: str):
        if original.isascii():
            self.text = original.lower()
            self._seg_norm = None
            return
        pieces: list[str] = []
        seg_norm: list[int] = []
        seg_orig: list[int] = []
        identity: list[bool] = []
        length = 0
        position = 0

        def add(piece: str, origin: int, same: bool) -> None:
            nonlocal length
            pieces.append(piece)
            seg_norm.append(length)
            seg_orig.append(origin)
            identity.append(same)
            length += len(piece)

        for match in _NON_ASCII.finditer(original):
            if match.start() > position:
                add(original[position : match.start()].lower(), position, True)
            for index in range(match.start(), match.end()):
                folded = _fold_char(original[index])
                if folded:
                    add(folded, index, False)
            position = match.end()
        if position < len(original):
            add(original[position:].lower(), position, True)
        self.text = "".join(pieces)
        self._seg_norm, self._seg_orig, self._identity = seg_norm, seg_orig, identity

    def start_of(self, index: int) -> int:
        if self._seg_norm is None:
            return index
        segment = bisect_right(self._seg_norm, index) - 1
        if self._identity[segment]:
            return self._seg_orig[segment] + index - self._seg_norm[segment]
        return self._seg_orig[segment]

    def end_of(self, end: int) -> int:
        """The original offset just past the character that made text[end - 1]."""
        if self._seg_norm is None:
            return end
        return self.start_of(end - 1) + 1


_SEPARATORS = re.compile(r"[\s\-_.]+")
_LETTER_SWAPS = str.maketrans({"1": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s"})


def _squeeze(word: str) -> str:
    """Collapse repeated letters: "juuunkie" -> "junkie", "addict" -> "adict"."""
    return re.sub(r"(.)\1+", r"\1", word)


def _form_key(form: str) -> str:
    """The lookup key of a form: folded, swapped, no separators, no repeated letters."""
    return _matched_key(_Folded(form).text.translate(_LETTER_SWAPS))


@lru_cache(maxsize=4096)
def _matched_key(matched: str) -> str:
    # `matched` is already folded and swapped; the same few words recur a lot.
    return _squeeze(_SEPARATORS.sub("", matched))


# ---------------------------------------------------------------------------
# The compiled matcher.

_SEPARATOR = r"[\s\-_.]*"
_WORD_BEFORE = r"(?<![^\W_])"
_WORD_AFTER = r"(?![^\W_])"
# Four or more single letters with the same separator between each:
# "j.u.n.k.i.e", "j u n k i e", "j-u-n-k-i-e".
_SPELLED_OUT = r"[^\W\d_](?P<sep>[ .\-_*])[^\W\d_](?:(?P=sep)[^\W\d_]){2,}(?![^\W_])"
_WORDS = re.compile(r"[^\W_]+")


def _trie_pattern(forms: Iterable[str]) -> str:
    trie: dict = {}
    for form in forms:
        node = trie
        words = [_squeeze(word) for word in form.split()]
        for position, word in enumerate(words):
            if position:
                node = node.setdefault(" ", {})
            for char in word:
                node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = []
        for key in sorted(k for k in node if k):
            atom = _SEPARATOR if key == " " else re.escape(key) + "+"
            branches.append(atom + build(node[key]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Longer forms first; the shorter one still matches if the longer fails.
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class Engine:
    """A lexicon compiled once into one matcher. Build a new one when the lexicon changes."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.version = lexicon.version
        self._by_key: dict[str, tuple[Term, str]] = {}
        plain_forms = []
        for term in lexicon.terms:
            for form in term.forms:
                plain = " ".join(
                    _Folded(form).text.translate(_LETTER_SWAPS).replace("-", " ").split()
                )
                plain_forms.append(plain)
                # Later entries (watched words) do not silently replace the lexicon's.
                self._by_key.setdefault(_form_key(plain), (term, plain))
        trie = _trie_pattern(plain_forms)
        # One pass finds both whole words and letters spelled out one by one.
        # Checking the first letter up front lets most word starts fail at once.
        first_letters = "".join(sorted({re.escape(form[0]) for form in plain_forms if form}))
        self._matcher = re.compile(
            _WORD_BEFORE
            + f"(?:(?=[{first_letters}])(?:{trie}){_WORD_AFTER}|(?P<spelled>{_SPELLED_OUT}))"
        )
        self._anywhere = re.compile(trie)

    # -- public -----------------------------------------------------------

    def analyze(self, text: str) -> list[Finding]:
        """Every stigmatising use of a lexicon term in `text`, in order."""
        if not text:
            return []
        folded = _Folded(text)
        swapped = folded.text.translate(_LETTER_SWAPS)
        findings = []
        for start, end in self._candidates(swapped):
            matched = self._by_key.get(_matched_key(swapped[start:end]))
            if matched is None:
                continue
            term, form = matched
            judged = self._judge(folded.text, start, end, term, form)
            if judged is None:
                continue
            severity, suggestions = judged
            original_start, original_end = folded.start_of(start), folded.end_of(end)
            findings.append(
                Finding(
                    start=original_start,
                    end=original_end,
                    text=text[original_start:original_end],
                    term=term.term,
                    category=term.category,
                    severity=severity,
                    suggestions=suggestions,
                )
            )
        findings.sort(key=lambda finding: finding.start)
        return findings

    # -- matching ---------------------------------------------------------

    def _candidates(self, swapped: str):
        for match in self._matcher.finditer(swapped):
            if match.group("spelled") is None:
                yield match.start(), match.end()
                continue
            letters = match.group()[::2]
            for inner in self._anywhere.finditer(letters):
                yield match.start() + 2 * inner.start(), match.start() + 2 * inner.end() - 1

    # -- context ----------------------------------------------------------

    def _judge(self, norm: str, start: int, end: int, term: Term, form: str):
        """(severity, suggestions) for this occurrence, or None when it is not stigma here."""
        # The cheapest checks first: most rejected candidates are "clean" in
        # another sense, decided by the next word or two.
        after = _WORDS.findall(norm, end, end + 40)
        following = after[0] if after else ""
        if following in term.not_before:
            return None
        lex = self.lexicon
        if term.requires_context and (
            following in _OTHER_SENSES or not lex.equipment_words.isdisjoint(after[:2])
        ):
            return None
        before = _WORDS.findall(norm, max(0, start - 60), start)
        previous = before[-1] if before else ""
        if previous in term.not_after or _is_mention(norm, start, end, before):
            return None
        if form in term.requires_drug_word_before:
            near = [w for w in before[-3:] if w not in _DETERMINERS]
            if not near or near[-1] not in lex.drug_words:
                return None
        if form in term.requires_drug_word_near and lex.drug_words.isdisjoint(
            before[-2:] + after[:2]
        ):
            return None
        if form in term.noun_only:
            closes = not following or following in _FUNCTION_WORDS
            if previous not in _NOUN_MARKERS or not closes:
                return None
        suggestions = term.suggestions
        if term.requires_context:
            if not lex.equipment_words.isdisjoint(before[-3:]):
                return None
            context = next(
                (name for name in term.requires_context if _CONTEXTS[name](before, after)), None
            )
            if context is None:
                return None
            suggestions = dict(term.suggestions_by_context).get(context, suggestions)
        if term.self_description and _describes_self(norm, start, before):
            return term.self_description, suggestions
        return term.severity, suggestions


_CONTEXT_WORDS = json.loads((LEXICON_PATH.parent / "context.json").read_text(encoding="utf-8"))
_DETERMINERS = frozenset(_CONTEXT_WORDS["determiners"])
_NOUN_MARKERS = frozenset(_CONTEXT_WORDS["noun_markers"])
_FUNCTION_WORDS = frozenset(_CONTEXT_WORDS["function_words"])
_MENTION_WORDS = frozenset(_CONTEXT_WORDS["mention_words"])
_FIRST_PERSON = frozenset(_CONTEXT_WORDS["first_person"])
_SELF_BRIDGE = frozenset(_CONTEXT_WORDS["self_bridge"])
_PEOPLE = frozenset(_CONTEXT_WORDS["people"])
_STATE_BRIDGE = frozenset(_CONTEXT_WORDS["state_bridge"])
_BECOMING = frozenset(_CONTEXT_WORDS["becoming"])
_TIME_UNITS = frozenset(_CONTEXT_WORDS["time_units"])
_TESTS = frozenset(_CONTEXT_WORDS["drug_tests"])
_OTHER_SENSES = frozenset(_CONTEXT_WORDS["other_senses_of_clean_dirty"])
_NUMBERS = frozenset(_CONTEXT_WORDS["number_words"])
_QUOTES = "'\"`"


def _is_mention(norm: str, start: int, end: int, before: list[str]) -> bool:
    """A word quoted or discussed as a word: "the word 'addict'", "called us 'junkies'"."""
    opening = norm[start - 1] if start else ""
    closing = norm[end] if end < len(norm) else ""
    if opening and closing and opening in _QUOTES and closing in _QUOTES:
        return True
    window = [w for w in before[-3:] if w not in {"the", "a", "an", "me", "us", "myself"}]
    if not window or window[-1] not in _MENTION_WORDS:
        return False
    # "called them fentanyl zombies" is name-calling, not a mention;
    # "called me a junkie" tells of being labelled.
    return not (window[-1] in {"called", "calling"} and before[-1] in {"them", "him", "her"})


def _describes_self(norm: str, start: int, before: list[str]) -> bool:
    """ "I'm an addict", "we are alcoholics", "As a recovering alcoholic, ..." """
    for back, word in enumerate(reversed(before[-8:]), start=1):
        if word in _FIRST_PERSON:
            return True
        if word == "as":
            # Only a sentence that opens "As a recovering alcoholic, ..."
            spans = list(_WORDS.finditer(norm, max(0, start - 60), start))
            opening = spans[-back].start()
            preceding = norm[max(0, opening - 20) : opening].rstrip()
            return not preceding or preceding[-1] in ".!?;:(\n"
        if word not in _SELF_BRIDGE:
            return False
    return False


def _person_state(before: list[str], after: list[str]) -> bool:
    """clean/dirty said of a person: "she's been clean", "got clean", "clean for 2 years"."""
    if after[:1] == ["since"] or after[:2] == ["and", "sober"] or before[-2:] == ["sober", "and"]:
        return True
    if after[:1] == ["for"] and (
        (len(after) > 1 and (after[1].isdigit() or after[1] in _NUMBERS))
        or any(word in _TIME_UNITS for word in after[1:3])
    ):
        return True
    if before and before[-1] in _BECOMING:
        return True
    for word in reversed(before[-6:]):
        if word in _PEOPLE:
            return True
        if word not in _STATE_BRIDGE:
            return False
    return False


def _test_result(before: list[str], after: list[str]) -> bool:
    """dirty said of a drug test: "dirty urine", "came back dirty", "tested dirty"."""
    if after[:1] and after[0] in _TESTS:
        return True
    if before[-2:] == ["came", "back"] or before[-1:] == ["tested"]:
        return True
    return bool(before[-2:-1] and before[-2] in _TESTS and before[-1] in {"was", "is", "were"})


_CONTEXTS = {"person_state": _person_state, "test_result": _test_result}


# ---------------------------------------------------------------------------
# Suggestions ready to drop into the text.

_PLURALS = (
    (re.compile(r"^person who (\w+?)s\b"), r"people who \1"),
    (re.compile(r"^person\b"), "people"),
    (re.compile(r"^patient\b"), "patients"),
    (re.compile(r"^baby\b"), "babies"),
    (re.compile(r"^newborn\b"), "newborns"),
)


def replacement(finding: Finding, suggestion: str) -> str:
    """`suggestion` shaped to stand where `finding` stands: number and capitals kept."""
    words = _WORDS.findall(finding.text.lower())
    if words and words[-1].endswith("s") and not finding.term.endswith("s"):
        for pattern, plural in _PLURALS:
            suggestion, count = pattern.subn(plural, suggestion, count=1)
            if count:
                break
    letters = [c for c in finding.text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return suggestion.upper()
    if letters and letters[0].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


_ARTICLE = re.compile(r"(?<![^\W_])(an?)(\s+)$", re.IGNORECASE)


def suggested_edit(text: str, finding: Finding, suggestion: str) -> tuple[int, int, str]:
    """The edit that puts `suggestion` in place of `finding`: (start, end, new text).

    The span grows to take in "a"/"an" before the finding when the suggestion
    needs the other one: "an addict" becomes "a person who uses drugs".
    """
    new = replacement(finding, suggestion)
    window_start = max(0, finding.start - 10)
    article = _ARTICLE.search(text[window_start : finding.start])
    if article and (
        article.start() > 0 or window_start == 0 or not text[window_start - 1].isalnum()
    ):
        wanted = "an" if new[:1].lower() in "aeiou" else "a"
        written = article.group(1)
        if wanted != written.lower():
            if written[0].isupper():
                wanted = wanted.capitalize()
            return window_start + article.start(), finding.end, wanted + article.group(2) + new
    return finding.start, finding.end, new


def apply_suggestions(text: str, findings: Iterable[Finding]) -> str:
    """Replace each finding that has a suggestion by its first one, keeping the rest."""
    pieces, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if not finding.suggestions or finding.start < position:
            continue
        start, end, new = suggested_edit(text, finding, finding.suggestions[0])
        pieces.append(text[position:start])
        pieces.append(new)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# ---------------------------------------------------------------------------
# The default engine, and engines that include moderators' watched words.

_default_engine: Engine | None = None
_engines: dict[str, Engine] = {}


def default_engine() -> Engine:
    global _default_engine
    if _default_engine is None:
        _default_engine = Engine(load_lexicon())
    return _default_engine


def engine_for(version: str, extra: Iterable[Term] = ()) -> Engine:
    """The default lexicon plus `extra`, compiled once per `version` and reused."""
    engine = _engines.get(version)
    if engine is None:
        engine = Engine(default_engine().lexicon.with_terms(extra, version))
        _engines.clear()  # only the current version is worth keeping
        _engines[version] = engine
    return engine


def analyze(text: str, engine: Engine | None = None) -> list[Finding]:
    """Findings in `text`, using the shipped lexicon unless another engine is given."""
    return (engine or default_engine()).analyze(text)


__all__ = [
    "SEVERITIES",
    "Engine",
    "Finding",
    "Lexicon",
    "Term",
    "analyze",
    "apply_suggestions",
    "default_engine",
    "engine_for",
    "load_lexicon",
    "replacement",
    "suggested_edit",
]
