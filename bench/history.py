"""Speed of the edit-history diff (forum/history.py).

Run: .venv/bin/python bench/history.py

Prints the median time of one `diff_html` for posts of 200, 2,000 and 20,000
characters (the longest post allowed), each in three shapes: a few words
changed, a paragraph added, and the whole text rewritten; with the text in
paragraphs, and as one long paragraph (the slow case: no line to hold on to).
A history page shows up to 20 such diffs.
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forum.history import diff_html

SENTENCES = (
    "naloxone reverses an opioid overdose and the exchange gives out new works "
    "recovery means many things and nobody should be judged for where they are "
    "I went to the clinic today and the nurse was kind to me about my methadone "
    "people who use drugs know what keeps them safe so ask them first please"
)
WORDS = SENTENCES.split(" ")


def prose(chars: int, rng: random.Random, paragraphs: bool) -> str:
    words, length = [], 0
    while length < chars:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
        if paragraphs and rng.random() < 0.02:
            words.append("\n\n")
    text = " ".join(words)[:chars]
    return text.replace(" \n\n ", "\n\n")


def few_words(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for index in rng.sample(range(len(words)), min(5, len(words))):
        words[index] = "changed"
    return " ".join(words)


def median_ms(before: str, after: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        diff_html(before, after, removed_label="removed:", added_label="added:")
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    rng = random.Random(16)
    print(f"{'chars':>6}  {'layout':<14} {'few words':>10} {'paragraph+':>11} {'rewritten':>10}")
    for chars in (200, 2_000, 20_000):
        for paragraphs in (True, False):
            before = prose(chars, rng, paragraphs)
            shapes = [
                few_words(before, rng),
                before + "\n\nA new paragraph at the end, with thanks.",
                prose(chars, rng, paragraphs),
            ]
            repeat = 5 if chars == 20_000 else 20
            figures = [median_ms(before, after, repeat) for after in shapes]
            layout = "paragraphs" if paragraphs else "one paragraph"
            print(f"{chars:>6}  {layout:<14} " + " ".join(f"{ms:>9.2f}ms" for ms in figures))


if __name__ == "__main__":
    main()
