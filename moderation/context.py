"""What the context rules see around a candidate word. Pure Python, no Django.

A `Text` is one analysed text: the original, its folded form (see
normalize.py) and facts found at most once per text (quotation spans). A
`Candidate` is one occurrence of a lexicon form, with lazy views of its
sentence: the words before and after it, the tokens (words and punctuation)
before it, and its words in their original case.

Everything looks at a bounded window (a sentence, capped at a few hundred
characters either side), so the rules stay linear in the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .context_quotes import quotation_spans
from .context_words import words
from .normalize import Folded

WORD = re.compile(r"[^\W_]+")
TOKEN = re.compile(r"[^\W_]+|[^\w ]")
# The end of a sentence: . ! ? (then closing quotes or brackets) before a space, or a line break.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n|[.!?]+$")
_ABBREVIATIONS = words(
    """
    dr mr mrs ms st vs etc eg ie e g i jr sr no approx prof rev
    """
)
REACH = 300  # characters looked at either side of a candidate, at most
_STOPS = frozenset(".!?\n")
ARROW = re.compile("\u2192|->|=>|\u21d2|\u27f6|\u2794")


class Text:
    """One text under analysis, and what is worth finding in it only once."""

    __slots__ = ("_lines", "_quotes", "folded", "norm", "original")

    def __init__(self, folded: Folded):
        self.folded = folded
        self.norm = folded.text
        self.original = folded.original
        self._quotes: tuple[list[int], list[int]] | None = None
        self._lines: bool | None = None

    @property
    def lines_or_arrows(self) -> bool:
        """Has the text more than one line, or an arrow? (Lists and glossaries need one.)"""
        if self._lines is None:
            self._lines = "\n" in self.original or ARROW.search(self.original) is not None
        return self._lines

    # -- sentences ----------------------------------------------------------

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The bounds (in `norm`) of the sentence around norm[start:end], capped at REACH."""
        norm = self.norm
        low = max(0, start - REACH)
        sentence_start = low
        for match in _SENTENCE_END.finditer(norm, low, start):
            if not self._is_abbreviation(match.start()):
                sentence_start = match.end()
        high = min(len(norm), end + REACH)
        sentence_end = high
        for match in _SENTENCE_END.finditer(norm, end, high):
            if not self._is_abbreviation(match.start()):
                sentence_end = match.start() + (0 if norm[match.start()] == "\n" else 1)
                break
        while sentence_start < start and norm[sentence_start].isspace():
            sentence_start += 1
        return sentence_start, sentence_end

    def _is_abbreviation(self, position: int) -> bool:
        norm = self.norm
        if norm[position] != "." or not norm[position - 1 : position].isalpha():
            return False
        word = norm[max(0, position - 5) : position]
        for index in range(len(word) - 1, -1, -1):
            if not word[index].isalpha():
                word = word[index + 1 :]
                break
        return word in _ABBREVIATIONS

    # -- quotations ---------------------------------------------------------

    @property
    def has_quotes(self) -> bool:
        """Are there any quotation pairs in the text at all?"""
        if self._quotes is None:
            self._quotes = quotation_spans(self.original)
        return bool(self._quotes[0])

    def quoted(self, original_start: int, original_end: int) -> bool:
        """True when original[start:end] lies inside a pair of quotation marks (R3)."""
        if self._quotes is None:
            self._quotes = quotation_spans(self.original)
        opens, closes = self._quotes
        index = bisect_right(opens, original_start) - 1
        # Spans do not nest within one kind; check the nearest two openings.
        for candidate in (index, index - 1):
            if (
                candidate >= 0
                and opens[candidate] < original_start
                and original_end <= closes[candidate]
            ):
                return True
        return False


# Words are read with str.translate and str.split, faster than a regular expression:
# the sentence is cut at its last (or first) end, then punctuation becomes spaces.
_SPLIT = str.maketrans(
    dict.fromkeys("'\"\u201c\u201d\u2018\u2019,;:()[]{}*_-/\\&+=<>|~`#%^@$\u2026.!?\n", " ")
)
_MARK = "\x01"
_MARKED = str.maketrans(
    {
        **dict.fromkeys("'\"\u201c\u201d\u2018\u2019,;:()[]{}*_-/\\&+=<>|~`#%^@$\u2026", " "),
        **dict.fromkeys(".!?\n", _MARK),
    }
)


def _ends_in_abbreviation(head: str) -> bool:
    """Is the mark after `head` the dot of "dr." or "e.g." rather than a sentence's end?"""
    last = head[-6:].split()
    return bool(last) and last[-1] in _ABBREVIATIONS and head[-1:].isalpha()


def _cut_before(segment: str) -> int:
    """Where the last sentence in `segment` starts (0 if it starts before the segment)."""
    cut = max(segment.rfind(". "), segment.rfind("! "), segment.rfind("? "), segment.rfind("\n"))
    while cut > 0 and segment[cut] == ".":
        word = segment[max(0, cut - 5) : cut].translate(_SPLIT).split()[-1:]
        if not word or word[0] not in _ABBREVIATIONS:
            break
        cut = max(
            segment.rfind(". ", 0, cut),
            segment.rfind("! ", 0, cut),
            segment.rfind("? ", 0, cut),
            segment.rfind("\n", 0, cut),
        )
    return 0 if cut < 0 else cut + 1


def _cut_after(segment: str) -> int:
    """Where the sentence that `segment` starts in ends (len(segment) if beyond it)."""
    end = len(segment)
    for mark in (". ", "! ", "? ", "\n"):
        found = segment.find(mark, 0, end)
        if found >= 0:
            end = found
    if end < len(segment) and segment[end] == ".":
        word = segment[max(0, end - 5) : end].translate(_SPLIT).split()[-1:]
        if word and word[0] in _ABBREVIATIONS:
            return end + 1 + _cut_after(segment[end + 1 :])
    return end


class Candidate:
    """One occurrence of a lexicon form, and the words of its sentence either side.

    `before` (words, nearest last), `previous`, `after` and `following` are read
    at once from a bounded window cut at the sentence's edge (every candidate
    needs them); `tokens_before` (words and punctuation), `after_tokens` and the
    whole sentence lazily, on demand.
    """

    __slots__ = (
        "_after_tokens",
        "_high",
        "_low",
        "_o_end",
        "_o_start",
        "_sentence",
        "_sentence_sequence",
        "_sentence_words",
        "_tokens_before",
        "after",
        "alias",
        "before",
        "end",
        "following",
        "form",
        "previous",
        "start",
        "term",
        "text",
        "wide_end",
        "wide_start",
    )

    def __init__(self, text: Text, start: int, end: int, term, form: str, o_start=None, o_end=None):
        self.text = text
        self.start = start
        self.end = end
        self._o_start = o_start
        self._o_end = o_end
        self.term = term
        self.form = form
        self.alias: str | None = None  # another term this occurrence belongs to
        self.wide_start: int | None = None  # a modifier the finding takes in ("heroin users")
        self.wide_end: int | None = None  # a noun the finding takes in ("stoner roommate")
        self._sentence = self._sentence_words = self._sentence_sequence = None
        self._tokens_before = self._after_tokens = None
        self._low = self._high = -1
        # The words either side in one go: one translate, cut at the sentence's edges.
        # before: the words of the sentence before the candidate (64 characters at most),
        # nearest last; after: the words after it (52 characters at most), nearest first.
        norm = text.norm
        low = max(0, start - 64)
        marked = norm[low : end + 52].translate(_MARKED)
        head, mark, tail = marked[: start - low].rpartition(_MARK)
        while mark and _ends_in_abbreviation(head):
            head, mark, rest = head.rpartition(_MARK)
            tail = rest + " " + tail
        before = self.before = tail.split()
        self.previous = before[-1] if before else ""
        head, mark, tail = marked[end - low :].partition(_MARK)
        while mark and _ends_in_abbreviation(head):
            more, mark, tail = tail.partition(_MARK)
            head = head + " " + more
        after = self.after = head.split()
        self.following = after[0] if after else ""

    @property
    def o_start(self) -> int:
        """Where the candidate starts in the original text."""
        if self._o_start is None:
            self._o_start, self._o_end = self.text.folded.span(self.start, self.end)
        return self._o_start

    @property
    def o_end(self) -> int:
        if self._o_end is None:
            self._o_start, self._o_end = self.text.folded.span(self.start, self.end)
        return self._o_end

    @property
    def low(self) -> int:
        """Where the window before the candidate starts: 64 characters back, or the sentence."""
        if self._low < 0:
            low = max(0, self.start - 64)
            self._low = low + _cut_before(self.text.norm[low : self.start])
        return self._low

    @property
    def high(self) -> int:
        """Where the window after the candidate ends: 52 characters on, or the sentence's end."""
        if self._high < 0:
            self._high = self.end + _cut_after(self.text.norm[self.end : self.end + 52])
        return self._high

    @property
    def tokens_before(self) -> list[str]:
        """Words and punctuation of the sentence before the candidate, nearest last."""
        if self._tokens_before is None:
            self._tokens_before = TOKEN.findall(self.text.norm, self.low, self.start)
        return self._tokens_before

    @property
    def after_tokens(self) -> list[str]:
        if self._after_tokens is None:
            self._after_tokens = TOKEN.findall(self.text.norm, self.end, self.high)
        return self._after_tokens

    @property
    def norm(self) -> str:
        return self.text.norm

    @property
    def matched(self) -> str:
        return self.text.norm[self.start : self.end]

    @property
    def sentence(self) -> tuple[int, int]:
        if self._sentence is None:
            self._sentence = self.text.sentence(self.start, self.end)
        return self._sentence

    @property
    def sentence_text(self) -> str:
        """The folded text of the candidate's sentence."""
        start, end = self.sentence
        return self.text.norm[start:end]

    @property
    def sentence_sequence(self) -> list[str]:
        """The words of the candidate's sentence, in order."""
        if self._sentence_sequence is None:
            start, end = self.sentence
            self._sentence_sequence = WORD.findall(self.text.norm, start, end)
        return self._sentence_sequence

    @property
    def sentence_words(self) -> frozenset[str]:
        if self._sentence_words is None:
            self._sentence_words = frozenset(self.sentence_sequence)
        return self._sentence_words

    def char_after(self) -> str:
        norm = self.text.norm
        return norm[self.end] if self.end < len(norm) else ""

    def widen(self, words: int = 1, alias: str | None = None) -> None:
        """Take the `words` words just before the candidate into the finding ("heroin users")."""
        found = list(WORD.finditer(self.text.norm, max(0, self.start - 60), self.start))
        if len(found) >= words:
            self.wide_start = found[-words].start()
        if alias:
            self.alias = alias

    def original_span(self) -> tuple[int, int]:
        return self.o_start, self.o_end

    def original_words(self):
        """(words of the sentence in original case, index of the first candidate word, count)."""
        folded = self.text.folded
        start, end = self.sentence
        o_start, o_end = folded.start_of(start), folded.end_of(end)
        c_start, c_end = self.original_span()
        words, first, count = [], -1, 0
        for match in WORD.finditer(self.text.original, o_start, o_end):
            if match.start() >= c_start and match.end() <= c_end:
                if first < 0:
                    first = len(words)
                count += 1
            words.append(match.group())
        return words, first, count
