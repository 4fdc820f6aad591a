"""The confusable skeleton of a handle (Unicode TS #39's idea). Pure: no Django.

Two handles that look alike on a page ("modmo" and "rnodmo", "Anonymous" and
"Anonym0us.") have the same skeleton: each character replaced by the prototype
it can be confused with (the confusable-homoglyphs data), case folded, digits
read as the letters they stand for, and separators (. - _) dropped.
"""

import re
import unicodedata
from functools import lru_cache

# Capital I, small l, small i, 1 and | all stand for one letter here: in many
# fonts they can't be told apart, and "adm1n" is read as "admin" as often as
# "admln". (TS #39 keeps i apart; folding it too costs the odd "mail"/"mali" pair.)
_ONE_STROKE = str.maketrans({"I": "l", "|": "l", "1": "l", "i": "l", "!": "l"})
# Digits and signs read as letters: "Anonym0us", "5am".
_DIGITS = str.maketrans(
    {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "$": "s", "@": "a"}
)
# Letter pairs that read as one letter on a screen.
_PAIRS = (("rn", "m"), ("vv", "w"))
_NOT_LETTERS = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Each non-ASCII character that looks like one ASCII letter or digit, and that one."""
    from confusable_homoglyphs.confusables import confusables_data

    table = {}
    for char, glyphs in confusables_data.items():
        if char.isascii():
            continue
        candidates = [g["c"].replace("\u200e", "") for g in glyphs]
        ascii_ones = sorted(
            (c for c in candidates if len(c) == 1 and c.isascii() and c.isalnum()),
            key=lambda c: (not c.islower(), not c.isalpha(), c),
        )
        if ascii_ones:
            table[char] = ascii_ones[0]
    return table


def _prototype(char: str) -> str:
    if char.isascii():
        return char
    mapped = _prototypes().get(char)
    if mapped:
        return mapped
    # Accented letters read as the plain letter: "é" -> "e".
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def skeleton(handle: str) -> str:
    """The confusable skeleton of `handle`: "Rn0d.Mo" -> "modmo", "Anonym0us." -> "anonymous"."""
    text = unicodedata.normalize("NFKC", handle or "")
    text = "".join(_prototype(char) for char in text)
    text = text.translate(_ONE_STROKE).casefold().translate(_ONE_STROKE).translate(_DIGITS)
    text = _NOT_LETTERS.sub("", text)
    for pair, letter in _PAIRS:
        text = text.replace(pair, letter)
    return text
