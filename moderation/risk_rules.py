"""The at-risk model's lexicon, compiled: word patterns, spellings and near-misses.

Pure Python with no Django import. `moderation/lexicon/risk.json` holds the cue
words as data; this module turns its small pattern language into compiled
regular expressions over a line of normalised words (" he is not breathing | "),
one expression per cue, so matching is a fixed number of passes over the text.

The pattern language (see the lexicon's "about"): words separated by spaces;
`a|b` either word; `(a b|c)` either phrase; `<NAME>` any phrase of the named
word list; `~3` up to three other words of the same sentence; `*` any one word;
`#` a number; `##` five or more ("a dozen"); `#year` a year; `word*` a word starting so; `^`
the start of a sentence (or of a quotation); `/` a sentence that may end
there ("im done. with life"); `$` the end of a sentence; a trailing `?` makes an item
optional; `pattern@0.4` gives one pattern its own weight. Gaps are bounded and
nothing nests, so each expression does a bounded amount of work at each word:
matching stays linear in the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .risk_reasons import REASON_ORDER, REASONS, gettext_noop  # noqa: F401 (re-exported)

LEXICON_PATH = Path(__file__).resolve().parent / "lexicon" / "risk.json"

STOP = "|"  # a sentence boundary in the line of words
QUOTE = "«"  # an opening quotation mark
COMMA = ","  # a clause boundary: kept beside the line, not in it
_WORD = r"[^ |]+ "
_ITEMS = re.compile(r"\([^()]*\)\??|\S+")  # "(a b|c)" is one item: phrases, either one


def squeeze(word: str) -> str:
    """Repeated letters collapsed ("breeeathing" -> "breathing", "too" -> "to").

    Both the lexicon and the text are squeezed, so stretched words meet their
    plain forms. Numbers are left alone ("100" stays "100").
    """
    return re.sub(r"([^\W\d_])\1+", r"\1", word)


@dataclass(frozen=True)
class Cue:
    """A compiled cue or context entry of the lexicon."""

    id: str
    kind: str | None  # "overdose" / "suicide" for cues; None for context
    role: str
    weight: float
    reason: str
    regex: re.Pattern
    weights: tuple[float, ...]  # per pattern, by group index p0, p1, ...
    unless: tuple[str, ...] = ()
    unless_before: tuple[str, ...] = ()  # the three words before ("i wish i could never wake up")
    unless_after: tuple[str, ...] = ()
    unless_next: tuple[str, ...] = ()  # the words right after ("end it| with him")
    yields_to: tuple[str, ...] = ()  # roles that, heard in the same words, make this one redundant
    # A symptom counts only beside drug words, another symptom or another cue of its kind.
    needs_company: bool = False
    effect: str = "cue"  # cue, boost, block, override, turn
    scope: str = "near"
    category: str = ""
    kinds: tuple[str, ...] = ()  # boost: the kinds it lifts; block: the kinds it sets aside
    roles: tuple[str, ...] = ()  # block: only cues of these roles (or cue ids)
    # override: the categories of block it undoes; turn: the categories of block
    # that end where it is heard (words of the past before "now").
    overrides: tuple[str, ...] = ()
    # A combination of fields (context entries of effect "field") heard together.
    fields: tuple[str, ...] = ()
    # The words (and word stems) a match can start with; None: any word.
    starts: tuple[frozenset[str], tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Rules:
    cues: tuple[Cue, ...]
    context: tuple[Cue, ...]
    spellings: dict[str, tuple[str, ...]]
    vocabulary: frozenset[str]
    near_misses: dict[str, str]  # a one-edit variant -> the word it stands for
    version: str
    starters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stem_starters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    longest_stem: int = 0
    # Answers for words already seen: the same words recur from post to post.
    _seen: dict = field(default_factory=dict, compare=False, repr=False)

    def spelled(self, word: str) -> tuple[str, ...] | None:
        return self.spellings.get(word)

    def entries_starting(self, word: str) -> frozenset[str]:
        """The cues and context entries a match of which can start with `word`."""
        return self._remember(("starting", word), self._entries_starting)

    def _remember(self, key: tuple[str, str], compute):
        known = self._seen.get(key)
        if known is None:
            if len(self._seen) > 50_000:  # bounded: a flood of new words cannot grow it
                self._seen.clear()
            known = self._seen[key] = compute(key[1])
        return known

    def _entries_starting(self, word: str) -> frozenset[str]:
        found = set(self.starters.get(word, ()))
        for end in range(1, min(len(word), self.longest_stem) + 1):
            found.update(self.stem_starters.get(word[:end], ()))
        return frozenset(found)

    def corrected(self, word: str) -> str:
        """`word`, or the one lexicon word a single slip away from it ("breathng")."""
        return self._remember(("corrected", word), self._corrected)

    def _corrected(self, word: str) -> str:
        if word in self.vocabulary or len(word) < 6 or not word.isalpha():
            return word
        if word.endswith("in") and word + "g" in self.vocabulary:
            return word + "g"  # "turnin", "respondin"
        found = {self.near_misses.get(word)}
        found.update(self.near_misses.get(word[:i] + word[i + 1 :]) for i in range(len(word)))
        found.discard(None)
        return found.pop() if len(found) == 1 else word


_DIGITS = tuple("0123456789")
_NEVER = re.compile(r"(?!)")
# `^`: the word before is a sentence boundary, an opening quote, or none at all.
_SENTENCE_START = r"(?:(?<=^ )|(?<=\| )|(?<=« ))"


class _Compiler:
    def __init__(self, words: dict[str, list[str]]):
        self.lists = {
            name: [[squeeze(w) for w in phrase.split()] for phrase in phrases]
            for name, phrases in words.items()
        }
        self.macros = {
            name: "(?:"
            + "|".join(
                re.escape(" ".join(squeeze(w) for w in phrase.split()) + " ")
                for phrase in sorted(phrases, key=len, reverse=True)
            )
            + ")"
            for name, phrases in words.items()
        }
        self.vocabulary: set[str] = {
            squeeze(w) for phrases in words.values() for p in phrases for w in p.split()
        }

    def item(self, item: str) -> str:
        optional = item.endswith("?") and len(item) > 1
        if optional:
            item = item[:-1]
        if item.startswith("(") and item.endswith(")"):
            body = "(?:" + "|".join(self.pattern(alt) for alt in item[1:-1].split("|")) + ")"
        elif item.startswith("~"):
            return f"(?:{_WORD}){{0,{int(item[1:])}}}"
        elif item == "^":
            return _SENTENCE_START
        elif item == "/":  # "im done. with everything": the sentence may end here
            return r"(?:\| )?"
        elif item == "$":  # the sentence (or the text) ends here: "i dont want to be here."
            return r"(?=\| |$)"
        elif item == "*":
            body = _WORD
        elif item == "#":
            body = r"\d[^ |]* "
        elif item == "#year":  # a year, never a list of them that goes stale: "2019", "1990s"
            body = r"(?:1[89]|2[01])\d\d(?:s|'s)? "
        elif item == "##":  # a lot of something: 5 or more, or "a handful", "a dozen"
            body = r"(?:(?:[5-9]|[1-9]\d+)[^ |]* |" + self.macros["LOTS"] + ")"
        elif item.startswith("<") and item.endswith(">"):
            body = self.macros[item[1:-1]]
        else:
            if "|" in item and any(w[:1] in "<#(~" or not w for w in item.split("|")):
                raise ValueError(f"{item!r}: write lists and phrases as (a b|<NAME>|c)")
            alternatives = []
            for word in item.split("|"):
                if word.endswith("*") and len(word) > 1:
                    stem = squeeze(word[:-1])
                    self.vocabulary.add(stem)
                    alternatives.append(re.escape(stem) + r"[^ |]* ")
                else:
                    word = squeeze(word)
                    self.vocabulary.add(word)
                    alternatives.append(re.escape(word) + " ")
            body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if optional else body

    def pattern(self, pattern: str) -> str:
        return "".join(self.item(item) for item in _ITEMS.findall(pattern))

    def firsts(self, pattern: str) -> tuple[set[str], set[str]] | None:
        """(words, stems) a match of `pattern` can start with; None if any word can."""
        words: set[str] = set()
        stems: set[str] = set()
        for item in _ITEMS.findall(pattern):
            optional = item.endswith("?") and len(item) > 1
            item = item[:-1] if optional else item
            if item in ("^", "/", "$"):
                continue
            if item.startswith("~") or item == "*":
                if item == "*" or not optional:
                    return None
                continue
            if item.startswith("(") and item.endswith(")"):
                for alternative in item[1:-1].split("|"):
                    found = self.firsts(alternative)
                    if found is None:
                        return None
                    words |= found[0]
                    stems |= found[1]
            elif item in ("#", "##", "#year"):
                stems.update(_DIGITS)
                if item == "##":
                    words.update(phrase[0] for phrase in self.lists["LOTS"])
            elif item.startswith("<") and item.endswith(">"):
                words.update(phrase[0] for phrase in self.lists[item[1:-1]])
            else:
                for word in item.split("|"):
                    if word.endswith("*") and len(word) > 1:
                        stems.add(squeeze(word[:-1]))
                    else:
                        words.add(squeeze(word))
            if not optional:
                return words, stems
        return None  # every item optional: anything may start it

    def starts(self, data: dict) -> tuple[frozenset[str], tuple[str, ...]] | None:
        words: set[str] = set()
        stems: set[str] = set()
        for pattern in data["patterns"]:
            found = self.firsts(pattern.rsplit("@", 1)[0])
            if found is None:
                return None
            words |= found[0]
            stems |= found[1]
        return frozenset(words), tuple(sorted(stems))

    def entry(self, data: dict, default_weight: float) -> tuple[re.Pattern, tuple[float, ...]]:
        weighed = []
        for pattern in data["patterns"]:
            weight = data.get("weight", default_weight)
            if "@" in pattern:
                pattern, given = pattern.rsplit("@", 1)
                weight = float(given)
            weighed.append((weight, pattern))
        # The weightiest pattern is tried first where several start at one word.
        weighed.sort(key=lambda pair: -pair[0])
        branches = [f"(?P<p{i}>{self.pattern(pattern)})" for i, (_w, pattern) in enumerate(weighed)]
        weights = [weight for weight, _pattern in weighed]
        # Matches start at a word: the line of words begins with a space.
        return re.compile("(?<= )(?:" + "|".join(branches) + ")"), tuple(weights)


def _phrases(values) -> tuple[str, ...]:
    return tuple(" " + " ".join(squeeze(w) for w in v.split()) + " " for v in values)


def semantic_cues(data: dict) -> tuple[dict, list[dict]]:
    """The lexicon's word lists and cues, with its semantic layer folded in.

    data["semantic"] holds families of paraphrases of suicidal intent grouped
    by the categories clinicians and peer workers use (wish to be dead, intent,
    method, preparation, burden, no way out...); each family is one cue of the
    suicide kind, its category kept for a reader of the evidence.
    """
    semantic = data.get("semantic", {})
    words = dict(data["words"])
    for name, phrases in semantic.get("words", {}).items():
        if name in words:
            raise ValueError(f"semantic word list {name!r} is already a word list")
        words[name] = phrases
    cues = list(data["cues"])
    for category in semantic.get("categories", ()):
        for family in category["families"]:
            cues.append({"kind": "suicide", "category": category["id"], **family})
    return words, cues


def semantic_fields(data: dict) -> list[dict]:
    """The semantic layer's fields as context entries (effect "field")."""
    return [
        {"id": name, "effect": "field", "scope": "sentence", "patterns": patterns}
        for name, patterns in data.get("semantic", {}).get("fields", {}).items()
    ]


def load_rules(path: Path = LEXICON_PATH) -> Rules:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    word_lists, cue_entries = semantic_cues(data)
    compiler = _Compiler(word_lists)
    cues = []
    for entry in cue_entries:
        if "fields" in entry:  # heard by risk_fields, never by an expression of its own
            entry = {**entry, "patterns": [], "starts": (frozenset(), ())}
            regex, weights = _NEVER, (entry["weight"],)
        else:
            regex, weights = compiler.entry(entry, 1.0)
        cues.append(
            Cue(
                id=entry["id"],
                kind=entry["kind"],
                role=entry["role"],
                weight=entry["weight"],
                reason=entry["reason"],
                regex=regex,
                weights=weights,
                unless=_phrases(entry.get("unless", ())),
                unless_before=_phrases(entry.get("unless_before", ())),
                unless_after=_phrases(entry.get("unless_after", ())),
                unless_next=_phrases(entry.get("unless_next", ())),
                yields_to=tuple(entry.get("yields_to", ())),
                needs_company=entry.get("needs_company", False),
                category=entry.get("category", ""),
                fields=tuple(entry.get("fields", ())),
                starts=entry.get("starts") or compiler.starts(entry),
            )
        )
    context = []
    for entry in data["context"] + semantic_fields(data):
        regex, weights = compiler.entry(entry, 0.0)
        context.append(
            Cue(
                id=entry["id"],
                kind=None,
                role=entry["id"],
                weight=entry.get("weight", 0.0),
                reason=entry.get("reason", ""),
                regex=regex,
                weights=weights,
                effect=entry["effect"],
                scope=entry["scope"],
                unless_before=_phrases(entry.get("unless_before", ())),
                category=entry.get("category", ""),
                kinds=tuple(entry.get("kinds", ())),
                roles=tuple(entry.get("roles", ())),
                overrides=tuple(entry.get("overrides", ())),
                starts=compiler.starts(entry),
            )
        )
    spellings = {}
    for written, meant in data["spellings"].items():
        words = tuple(squeeze(w) for w in meant.split())
        # Text arrives squeezed ("pleaseee" -> "plese"), so the keys are squeezed too.
        spellings[written] = words
        spellings.setdefault(squeeze(written), words)
        spellings.setdefault(squeeze(written.replace("'", "")), words)
    vocabulary = frozenset(compiler.vocabulary | {w for ws in spellings.values() for w in ws})
    near_misses: dict[str, str] = {}
    for word in (squeeze(w) for w in data["fuzzy"]):
        for variant in {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}:
            # A variant two lexicon words share would be a guess: keep neither.
            near_misses[variant] = word if near_misses.get(variant, word) == word else ""
    near_misses = {variant: word for variant, word in near_misses.items() if word}
    starters: dict[str, list[str]] = {}
    stem_starters: dict[str, list[str]] = {}
    for entry in cues + context:
        if entry.starts is not None:
            for word in entry.starts[0]:
                starters.setdefault(word, []).append(entry.id)
            for stem in entry.starts[1]:
                stem_starters.setdefault(stem, []).append(entry.id)
    return Rules(
        starters={word: tuple(ids) for word, ids in starters.items()},
        stem_starters={stem: tuple(ids) for stem, ids in stem_starters.items()},
        longest_stem=max(map(len, stem_starters), default=0),
        cues=tuple(cues),
        context=tuple(context),
        spellings=spellings,
        vocabulary=vocabulary,
        near_misses=near_misses,
        version=str(data.get("version", "1")),
    )


@cache
def default_rules() -> Rules:
    return load_rules()
