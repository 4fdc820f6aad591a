"""Normalising text for matching, with a map back to the original offsets.

Pure Python, no Django. The language engine and the other detectors (at-risk,
sourcing) share it so that "n0t breathing", full-width letters and "junk\u200bie" read
the same everywhere:

    folded = fold("What a junk1e!")   # or in full-width letters, or with "junk\u200bie"
    folded.text      # "what a junk1e!"   NFKD, accents dropped, case folded
    folded.swapped   # "what a junkie!"   the same length, letter swaps applied
    folded.span(7, 13)  # (7, 13): where text[7:13] came from in the original

`text` and `swapped` always have the same length, so an offset found in one is
an offset in the other. Invisible characters (zero-width, soft hyphen) are
dropped, curly quotes and dashes become plain ones. ASCII text, the common
case, is only lower-cased and maps one to one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

INVISIBLE = frozenset(
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

# Letters people swap in to dodge a filter; applied inside words only by the
# matcher (the context rules read `text`, where "4 years" is still a number).
LETTER_SWAPS = str.maketrans({"1": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s"})
SEPARATORS = re.compile(r"[\s\-_.]+")


def _fold_char(char: str) -> str:
    folded = _folded_chars.get(char)
    if folded is None:
        if char in INVISIBLE:
            folded = ""
        elif char in _PLAIN:
            folded = _PLAIN[char]
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
            folded = "".join(_PLAIN.get(c, c) for c in folded if c not in INVISIBLE)
        _folded_chars[char] = folded
    return folded


class Folded:
    """Normalised text, and where each of its characters came from in `original`."""

    __slots__ = ("_identity", "_seg_norm", "_seg_orig", "_swapped", "original", "text")

    def __init__(self, original: str):
        self.original = original
        self._swapped = None
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

    @property
    def swapped(self) -> str:
        """`text` with letter swaps applied (1→i, 3→e, 0→o, 4→a, @→a, $→s); same length."""
        if self._swapped is None:
            self._swapped = self.text.translate(LETTER_SWAPS)
        return self._swapped

    def start_of(self, index: int) -> int:
        """The original offset of the character that made text[index]."""
        if self._seg_norm is None:
            return index
        segment = bisect_right(self._seg_norm, index) - 1
        if segment < 0:
            return 0
        if self._identity[segment]:
            return self._seg_orig[segment] + index - self._seg_norm[segment]
        return self._seg_orig[segment]

    def end_of(self, end: int) -> int:
        """The original offset just past the character that made text[end - 1]."""
        if self._seg_norm is None:
            return end
        if end <= 0:
            return 0
        return self.start_of(end - 1) + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of text[start:end]."""
        return self.start_of(start), self.end_of(end)


def fold(text: str) -> Folded:
    """`text` normalised for matching, keeping the way back to the original offsets."""
    return Folded(text)


def squeeze(word: str) -> str:
    """Collapse repeated letters: "juuunkie" -> "junkie", "addict" -> "adict"."""
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=4096)
def matched_key(matched: str) -> str:
    """The lookup key of matched text that is already folded and swapped."""
    return squeeze(SEPARATORS.sub("", matched))


def form_key(form: str) -> str:
    """The lookup key of a lexicon form: folded, swapped, no separators, no repeats."""
    return matched_key(Folded(form).swapped)


def plain_form(form: str) -> str:
    """A lexicon form folded and swapped, its words separated by single spaces."""
    return " ".join(Folded(form).swapped.replace("-", " ").split())


__all__ = ["LETTER_SWAPS", "Folded", "fold", "form_key", "matched_key", "plain_form", "squeeze"]
