"""The at-risk model's view of a text: a line of lexicon words, and context marks.

Pure Python with no Django import. `Words` spells each normalised word as the
lexicon knows it and keeps sentences, clauses and offsets into the original
text; `Marks` records where each context entry (a time, "help", a guide's
wording, a past event...) was heard, as prefix counts, so "is it near this cue?"
costs the same however long the text is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

from . import language
from .risk_rules import COMMA, QUOTE, STOP, Cue, Rules

# ---------------------------------------------------------------------------
# Normalisation: the one seam to the language engine.

_TOKEN = re.compile(
    r"(?P<spelled>(?<![^\W_])" + language._SPELLED_OUT + r")"
    r"|(?P<word>[@$]?[^\W_]+(?:['@$][^\W_]+)*[@$]?)"
    r"|(?P<stop>[.!?;:\n]+)"
    r"|(?P<comma>[,(){}\[\]]|\s-+\s)"
    r"|(?P<quote>(?<![^\W_])['\"](?=[^\W_]))"
    r"|(?P<pct>%)"
    r"|(?P<laugh>[\U0001F602\U0001F923\U0001F606\U0001F605\U0001F639])"
)
_TIME_LIKE = re.compile(r"\d+(?:[a-z]{1,3})?")
_DIGIT = re.compile(r"\d")
_squeeze = lru_cache(maxsize=16384)(language._squeeze)  # the same few words recur


def normalised_words(text: str):
    """(word, start, end) for each word, boundary and quote mark of `text`.

    Uses the language engine's offset-keeping fold (NFKD, case, invisible
    characters, plain quotes and dashes), its letter swaps (1->i, 0->o, 3->e,
    4/@->a, $->s; not inside numbers like "3am"), its squeeze of stretched
    letters and its spotting of letters spaced out one by one. Offsets point
    into the original text. When moderation.normalize lands, repoint this.
    """
    folded = language._Folded(text)
    for match in _TOKEN.finditer(folded.text):
        start, end = folded.start_of(match.start()), folded.end_of(match.end())
        group = match.lastgroup
        if group == "word":
            word = match.group()
            if not _TIME_LIKE.fullmatch(word) and not word.isalpha():
                word = word.translate(language._LETTER_SWAPS)
            yield (word if _DIGIT.search(word) else _squeeze(word)), start, end
        elif group == "spelled":
            yield _squeeze("".join(c for c in match.group() if c.isalpha())), start, end
        elif group == "stop":
            yield STOP, start, end
        elif group == "comma":
            yield COMMA, start, end
        elif group == "quote":
            yield QUOTE, start, end
        elif group == "laugh":
            yield "lol", start, end
        else:
            yield match.group(), start, end


class Words:
    """The text as a line of lexicon words, with sentences and original offsets.

    `normalised` yields (word, start, end) from the normalisation seam in
    moderation.risk: folded, letter-swapped and squeezed words, boundaries
    (STOP) and opening quotes (QUOTE), with offsets into `text`. Here each word
    is spelled as the lexicon knows it ("2nite" -> "tonight", "gonna" -> "going
    to", "breathng" -> "breathing").
    """

    def __init__(self, text: str, normalised, rules: Rules):
        self.original = text
        self._rules = rules
        self._starts: dict[str, list[int]] | None = None
        self._sentences: list[tuple[int, int]] | None = None
        keys: list[str] = []
        self.spans: list[tuple[int, int]] = []
        self.clause_start: list[int] = []
        clause = 0
        for word, start, end in normalised:
            if word == COMMA:
                clause = len(keys)
                continue
            forms: tuple[str, ...] | None = (word,)
            if word not in (STOP, QUOTE, "%"):
                plain = word.replace("'", "")
                forms = rules.spelled(word) or rules.spelled(plain)
                if forms is None:
                    forms = (rules.corrected(plain),)
            for form in forms:
                keys.append(form)
                self.spans.append((start, end))
                self.clause_start.append(clause)
            if word == STOP:
                clause = len(keys)
        self.keys = keys
        self.line = " " + " ".join(keys) + " "
        self.sentence_start: list[int] = []
        self.sentence_end = [len(keys)] * len(keys)
        begin = 0
        for index, key in enumerate(keys):
            self.sentence_start.append(begin)  # a boundary belongs to the sentence it ends
            if key == STOP:
                begin = index + 1
        end = len(keys)
        for index in range(len(keys) - 1, -1, -1):
            if keys[index] == STOP:
                end = index
            self.sentence_end[index] = end
        # Line position -> word index, one table as long as the line.
        self._word_at = [0] * (len(self.line) + 1)
        self.offsets: list[int] = []
        self._where: dict[str, list[int]] = {}
        position = 1
        for index, key in enumerate(keys):
            self._word_at[position : position + len(key) + 1] = [index] * (len(key) + 1)
            self.offsets.append(position)
            self._where.setdefault(key, []).append(index)
            position += len(key) + 1
        self.steps = len(keys)

    def _starting(self, entry_id: str) -> list[int]:
        """The words that can start a match of `entry_id` (all entries indexed at once)."""
        if self._starts is None:
            self._starts = {}
            for word, places in self._where.items():
                for starting in self._rules.entries_starting(word):
                    self._starts.setdefault(starting, []).extend(places)
                self.steps += len(word)
        return self._starts.get(entry_id, [])

    def matches(self, entry: Cue):
        """Every match of `entry`, at most one per starting word, in order.

        Only the words that can start one of its patterns are tried, found
        through an index of the text's words built once.
        """
        if entry.starts is None:
            candidates: list[int] | range = range(len(self.keys))
        else:
            candidates = sorted(self._starting(entry.id))
        self.steps += len(candidates)
        for index in candidates:
            match = entry.regex.match(self.line, self.offsets[index])
            if match:
                yield match

    def __len__(self) -> int:
        return len(self.keys)

    def span(self, match: re.Match) -> tuple[int, int]:
        """The first word of `match` and the word after its last."""
        return self._word_at[match.start()], self._word_at[match.end() - 2] + 1

    def phrase_in(self, phrases: tuple[str, ...], first: int, after: int) -> bool:
        first, after = max(0, first), min(len(self.keys), after)
        if first >= after:
            return False
        stretch = " " + " ".join(self.keys[first:after]) + " "
        return any(phrase in stretch for phrase in phrases)

    def sentences(self) -> list[tuple[int, int]]:
        """(first, after) word indexes of each sentence, boundaries included."""
        if self._sentences is None:
            self._sentences = []
            for index, begin in enumerate(self.sentence_start):
                if index == 0 or begin != self.sentence_start[index - 1]:
                    self._sentences.append((begin, index + 1))
                else:
                    self._sentences[-1] = (begin, index + 1)
        return self._sentences

    def phrase_next(self, phrases: tuple[str, ...], after: int) -> bool:
        """Whether one of `phrases` starts right after word `after - 1`."""
        stretch = " " + " ".join(self.keys[after : after + 6]) + " "
        return any(stretch.startswith(phrase) for phrase in phrases)

    def window(self, scope: str, first: int, after: int) -> tuple[int, int]:
        """The words a context entry of `scope` looks at around words [first, after)."""
        start, end = self.sentence_start[first], self.sentence_end[first]
        if scope.startswith("before:"):  # the same clause: "if anyone finds this, tell my..."
            return max(start, self.clause_start[first], first - int(scope[7:])), first
        if scope.startswith("around:"):  # the clause before, and the cue's own words
            return max(start, self.clause_start[first], first - int(scope[7:])), after
        if scope == "sentence":
            return max(start, first - 25), min(end, after + 25)
        if scope == "frame":  # this sentence and the one before: "Lyrics: ...", "verse 2: ..."
            previous = self.sentence_start[start - 1] if start > 0 else start
            return max(previous, first - 30), min(end, after + 30)
        if scope == "story":  # and the one after: "... He survived."
            previous = self.sentence_start[start - 1] if start > 0 else start
            following = self.sentence_end[end + 1] if end + 1 < len(self.keys) else end
            return max(previous, first - 30), min(following, after + 30)
        return first - 15, after + 15  # "near": across sentences


class Marks:
    """Where each context entry matched, as prefix counts: 'any in [a, b)' in O(1)."""

    def __init__(self, words: Words, entries: tuple[Cue, ...]):
        self.counts: dict[str, list[int]] = {}
        self.found: dict[str, list[tuple[int, int]]] = {}
        self.by_start: dict[str, dict[int, int]] = {}
        self.steps = 0
        size = len(words)
        for entry in entries:
            marks = [0] * (size + 1)
            found = [words.span(match) for match in words.matches(entry)]
            if entry.unless_before:  # "since last year" is still going on, not the past
                found = [
                    span
                    for span in found
                    if not words.phrase_in(entry.unless_before, span[0] - 2, span[0])
                ]
            for first, _after in found:
                marks[first + 1] += 1
            self.counts[entry.id] = list(accumulate(marks))
            self.found[entry.id] = found
            self.by_start[entry.id] = dict(found)
            self.steps += size + len(found)

    def next_to(self, entry_id: str, index: int) -> bool:
        """A match of `entry_id` just before word `index`, or one word into it.

        "my laptop| wont wake up", "my plant is| not responding", "my plant| is not
        responding" (the two-word form "plant is" overlaps the cue's first word).
        """
        starts = self.by_start[entry_id]
        return index in (starts.get(index - 1), starts.get(index - 2)) or (
            starts.get(index - 1) == index + 1
        )

    def any(self, entry_id: str, first: int, after: int) -> bool:
        marks = self.counts[entry_id]
        first, after = max(0, first), min(len(marks) - 1, after)
        return first < after and marks[after] - marks[first] > 0

    def last_before(self, entry_id: str, first: int, before: int) -> tuple[int, int] | None:
        """The last match of `entry_id` starting in [first, before), if any."""
        found = self.found[entry_id]
        index = bisect_left(found, (before, -1)) - 1
        return found[index] if index >= 0 and found[index][0] >= first else None

    def within(self, entry_id: str, first: int, after: int) -> list[tuple[int, int]]:
        """The matches of `entry_id` starting in [first, after), for evidence."""
        if not self.any(entry_id, first, after):
            return []
        found = self.found[entry_id]
        index = bisect_left(found, (max(0, first), -1))
        return [span for span in found[index : index + 3] if span[0] < after]
