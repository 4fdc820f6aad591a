"""The stigmatising-language engine: text in, findings out.

Pure Python with no Django import, so it can be tested and benchmarked alone.

    analyze("He's a junkie.")  ->  [Finding(start=7, end=13, text="junkie", term="junkie", ...)]

How it works, in one pass over the text:

1. Normalise, keeping a map back to the original offsets (normalize.py):
   NFKD with accents dropped, case folded, invisible characters removed,
   curly quotes and dashes made plain; letter swaps (1→i, 3→e, 0→o, 4→a, @→a,
   $→s) in a copy of the same length used only for matching.
2. One compiled regular expression, built as a trie over every form of every
   term, finds candidates at word starts. Each letter may repeat ("juuunkie")
   and the words of a phrase may be joined by spaces, dashes or nothing
   ("crack head", "crack-head", "crackhead"). Letters spelled out one by one
   ("j.u.n.k.i.e", "j u n k i e") are gathered and searched the same way.
3. Context decides, for the lexicon that asks for it ("context": true): the
   sense of the word (senses.py: equipment, "clean record", "news junkie",
   "alcoholic drinks", "domestic abuse", "zombie film"...), proper names and
   titles (context_names.py), mention rather than use (context_mention.py: quotes, "the word
   X", lists of words, "calling someone X"), and self-description, which
   lowers any finding to low (context_self.py). A hold therefore needs a slur used
   about a person.

Every step is linear in the length of the text; the rules look at a bounded
window (the sentence, a few hundred characters at most) around each candidate.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import context_mention, context_names, context_self, senses
from .context import Candidate, Text
from .normalize import LETTER_SWAPS, Folded, fold, form_key, matched_key, plain_form, squeeze
from .senses_suggestions import (
    PERSON_NOUNS,
    apply_suggestions,
    lookup,
    replacement,
    suggested_edit,
    suggestions_for,
)

SEVERITIES = ("low", "medium", "high")
LEXICON_PATH = Path(__file__).resolve().parent / "lexicon" / "terms.json"
_RANK = {"low": 0, "medium": 1, "high": 2}


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
    """One entry of the lexicon: a canonical term, its forms and how its sense is decided."""

    term: str
    forms: tuple[str, ...]
    category: str
    severity: str
    suggestions: tuple[str, ...] = ()
    not_stigmatising_when: str = ""
    source: str = ""
    sense: str | None = None  # the rule in senses.py; None: no other sense
    self_kind: str | None = None  # "person" or "state": how self-description is recognised
    upper_only: frozenset[str] = frozenset()  # forms that count only in capitals ("MAT")
    suggestions_by_form: tuple[tuple[str, tuple[str, ...]], ...] = ()
    suggestions_by_context: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

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
            sense=data.get("sense"),
            self_kind=data.get("self"),
            upper_only=frozenset(data.get("upper_only", ())),
            suggestions_by_form=tuple(
                (form, tuple(words)) for form, words in data.get("suggestions_by_form", {}).items()
            ),
            suggestions_by_context=tuple(
                (name, tuple(words))
                for name, words in data.get("suggestions_by_context", {}).items()
            ),
        )


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[Term, ...]
    version: str = "1"
    context: bool = False  # run the context rules (the stigma lexicon does; at-risk does not)

    def with_terms(self, extra: Iterable[Term], version: str) -> Lexicon:
        """This lexicon plus `extra` (moderators' watched words), as a new version."""
        return replace(self, terms=self.terms + tuple(extra), version=f"{self.version}+{version}")


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return Lexicon(
        terms=tuple(Term.from_dict(entry) for entry in data["terms"]),
        version=str(data.get("version", "1")),
        context=bool(data.get("context", False)),
    )


# ---------------------------------------------------------------------------
# The compiled matcher.

# Between the words of a form: spaces, dashes, dots; never a sentence's end ("crack. Babies").
_SEPARATOR = r"(?:[\s\-_]|\.(?!\s))*"
_WORD_AFTER = r"(?![^\W_])"
# Four or more single letters with the same separator between each:
# "j.u.n.k.i.e", "j u n k i e", "j-u-n-k-i-e".
_SPELLED_OUT = r"[^\W\d_](?P<sep>[ .\-_*])[^\W\d_](?:(?P=sep)[^\W\d_]){2,}(?![^\W_])"


def _trie_pattern(forms: Iterable[str], stops: dict[str, str] | None = None) -> str:
    """One regular expression for every form, as a trie of letters (each may repeat).

    `stops` maps a form to a regular expression that must not follow it: the quickest
    way to pass over "clean needles" or "Alcoholics Anonymous" is not to match them.
    """
    default_stop = _ANY_STOP if stops is not None else ""
    stops = stops or {}
    trie: dict = {}
    for form in forms:
        node = trie
        words = [squeeze(word) for word in form.split()]
        for position, word in enumerate(words):
            if position:
                node = node.setdefault(" ", {})
            for char in word:
                node = node.setdefault(char, {})
        node[""] = stops.get(form, default_stop)

    def build(node: dict) -> str:
        branches = []
        for key in sorted(k for k in node if k):
            atom = _SEPARATOR if key == " " else re.escape(key) + "+"
            branches.append(atom + build(node[key]))
        end = f"(?!{node['']})" if node.get("") else ""
        if not branches:
            return end
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        # Longer forms first; the shorter one still matches if the longer fails.
        return f"(?:{body}|{end})" if end else f"(?:{body})?"

    return build(trie)


# No form is a finding before "Anonymous" (rule R5): "Alcoholics Anonymous", misspelt too.
_ANY_STOP = r"[\s\-]+an+o?n"


class Engine:
    """A lexicon compiled once into one matcher. Build a new one when the lexicon changes."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.version = lexicon.version
        self._by_key: dict[str, tuple[Term, str]] = {}
        self._terms = {term.term: term for term in lexicon.terms}
        self._rules = {
            term.term: senses.RULES.get(term.sense or "", senses.slur) for term in lexicon.terms
        }
        self._upper_only: set[str] = set()
        plain_forms = []
        for term in lexicon.terms:
            upper = {form_key(form) for form in term.upper_only}
            for form in term.forms:
                plain = plain_form(form)
                plain_forms.append(plain)
                key = form_key(plain)
                # Later entries (watched words) do not silently replace the lexicon's.
                if self._by_key.setdefault(key, (term, plain))[0] is term and key in upper:
                    self._upper_only.add(key)
        stops = {
            plain: senses.quick_stop(term)
            for term in lexicon.terms
            for plain in map(plain_form, term.forms)
            if senses.quick_stop(term)
        }
        trie = _trie_pattern(plain_forms, stops if lexicon.context else None)
        # One pass finds both whole words and letters spelled out one by one.
        # Checking the first two letters up front lets most word starts fail at once
        # (a letter may repeat: "jjunkie").
        starts: dict[str, set[str]] = {}
        for form in plain_forms:
            word = squeeze(form.replace(" ", ""))
            if word:
                following = starts.setdefault(word[0], {word[0]})
                following.add(word[1] if len(word) > 1 else word[0])
        lookahead = "|".join(
            re.escape(first) + "[" + "".join(re.escape(c) for c in sorted(rest)) + "]"
            for first, rest in sorted(starts.items())
        )
        body = f"(?:(?={lookahead})(?:{trie}){_WORD_AFTER}|(?P<spelled>{_SPELLED_OUT}))"
        # The text's first word, then every word after a character that is not a letter or
        # digit: a pattern that opens with that character lets the regular expression engine
        # skip from one such character to the next in C, instead of trying every position.
        self._first = re.compile(body)
        self._matcher = re.compile(r"[\W_](" + body + ")")
        self._anywhere = re.compile(_trie_pattern(plain_forms))

    # -- public -----------------------------------------------------------

    def analyze(self, text: str) -> list[Finding]:
        """Every stigmatising use of a lexicon term in `text`, in order."""
        if not text:
            return []
        folded = fold(text)
        swapped = folded.swapped
        context = Text(folded) if self.lexicon.context else None
        findings = []
        by_key = self._by_key
        for start, end in self._candidates(swapped):
            key = matched_key(swapped[start:end])
            matched = by_key.get(key)
            if matched is None:
                continue
            term, form = matched
            if key in self._upper_only:
                original_start, original_end = folded.span(start, end)
                if not text[original_start:original_end].isupper():
                    continue
            if context is None:
                severity, suggestions = term.severity, term.suggestions
                original_start, original_end = folded.span(start, end)
            else:
                candidate = Candidate(context, start, end, term, form)
                judged = self._judge(candidate)
                if judged is None:
                    continue
                term, severity, suggestions = judged
                original_start, original_end = candidate.o_start, candidate.o_end
                if candidate.wide_start is not None:
                    original_start = folded.start_of(candidate.wide_start)
                if candidate.wide_end is not None:
                    original_end = folded.end_of(candidate.wide_end)
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
        first = self._first.match(swapped)
        if first is not None:
            yield from self._spelled_out(first.start(), first.group("spelled"), first.end())
        for match in self._matcher.finditer(swapped, first.end() if first else 0):
            spelled = match.group("spelled")
            if spelled is None:
                yield match.start(1), match.end()
            else:
                yield from self._spelled_out(match.start(1), spelled, match.end())

    def _spelled_out(self, start: int, spelled: str | None, end: int):
        """The word's span, or the spans of the forms among letters spelled out one by one."""
        if spelled is None:
            yield start, end
            return
        letters = spelled[::2]
        for inner in self._anywhere.finditer(letters):
            yield start + 2 * inner.start(), start + 2 * inner.end() - 1

    # -- context ----------------------------------------------------------

    def _judge(self, c: Candidate):
        """(severity, suggestions) for this occurrence, or None when it is not stigma here."""
        sense = self._rules[c.term.term](c)
        if sense is None or context_names.in_name(c) or context_mention.is_mention(c):
            return None
        term = self._terms.get(c.alias, c.term) if c.alias else c.term
        severity, context = sense
        severity = severity or term.severity
        if context is None and term.suggestions_by_context and c.char_after() == " ":
            following = c.following
            if following in PERSON_NOUNS and lookup(term.suggestions_by_context, "attributive", ()):
                # "my stoner roommate" -> "my roommate who uses cannabis"
                context = "attributive"
                c.wide_end = c.end + 1 + len(following)
        if term.self_kind and _RANK[severity] > 0 and context_self.describes_self(c):
            severity = "low"
        return term, severity, suggestions_for(c, term, context)


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


# Older names other detectors reach for (moderation.normalize is the public seam now).
_Folded = Folded
_squeeze = squeeze
_LETTER_SWAPS = LETTER_SWAPS

__all__ = [
    "LEXICON_PATH",
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
