"""Speed of the sourcing check (moderation/sourcing.py).

Run: .venv/bin/python bench/sourcing.py

Prints:
- throughput in MB/s over a 1 MB forum-like corpus (one sentence in four an
  offer, a request or a contact; prices, phone helplines and digits among the rest);
- the median time per post of 200, 2,000 and 20,000 characters, and the ratio of
  the 20,000 to the 2,000 figure (10.0 is exactly linear);
- the same for texts made to be slow: digit runs everywhere (phone candidates),
  "anyone" frames with no end, repeated spelled-out letters.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from moderation.sourcing import assess

SOURCING = [
    "Selling 2g of ket tonight, message me if interested.",
    "anyone selling xanax near Leeds?",
    "Telegram: dan_supplies22",
    "text 07911 123456 for a menu",
    "1g £50, 3.5g £150, 7g £280",
    "need a plug in Manchester, mine got locked up",
]
PLAIN = [
    "Fentanyl test strips are £2 each from the exchange on Mill Road.",
    "Call FRANK on 0300 123 6600, it's free and confidential.",
    "DM me if you ever need to talk, I've been where you are.",
    "I used to sell coke to pay for my own habit. Two years out now.",
    "Where can I get naloxone? Do pharmacies just hand it out?",
    "My plug-in air freshener finally died, and the spark plug too.",
    "Clean since 2019, my ref number is 12345678 and the clinic is on 0161 496 0000.",
    "Samaritans are on 116 123 any time, day or night.",
    "How much does naloxone cost at the pharmacy?",
]
SLOW = [
    "0770 0770 0770 0770 0770 0770 ",
    "anyone anyone anyone who who where can can ",
    "s.e.l.l.i.n.g k.e.t a.n.y.o.n.e ",
    "@x @y @z telegram snap wickr: ",
]


def corpus(size: int, sentences_a, sentences_b=()) -> str:
    parts, length, n = [], 0, 0
    while length < size:
        if sentences_b and n % 4:
            sentence = sentences_b[n % len(sentences_b)]
        else:
            sentence = sentences_a[n % len(sentences_a)]
        parts.append(sentence)
        length += len(sentence) + 1
        n += 1
    return " ".join(parts)[:size]


def median_time(text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        assess(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    assess("warm up: selling 2g, text 07911 123456")
    big = corpus(1_000_000, SOURCING, PLAIN)
    started = time.perf_counter()
    found = assess(big)
    elapsed = time.perf_counter() - started
    print(f"1 MB mixed corpus: {1 / elapsed:.2f} MB/s ({len(found)} findings)")
    plain = corpus(1_000_000, PLAIN)
    started = time.perf_counter()
    found = assess(plain)
    elapsed = time.perf_counter() - started
    print(f"1 MB of harm-reduction talk only: {1 / elapsed:.2f} MB/s ({len(found)} findings)")
    cases = {
        "forum-like": (SOURCING, PLAIN),
        "talk only": (PLAIN, ()),
        "made to be slow": (SLOW, ()),
    }
    for name, (a, b) in cases.items():
        figures = {}
        for size, runs in ((200, 200), (2_000, 50), (20_000, 10)):
            figures[size] = median_time(corpus(size, a, b), runs)
        print(
            f"{name}: 200 chars {figures[200] * 1e3:.2f} ms, 2,000 chars "
            f"{figures[2_000] * 1e3:.2f} ms, 20,000 chars {figures[20_000] * 1e3:.2f} ms; "
            f"20,000/2,000 ratio {figures[20_000] / figures[2_000]:.1f}"
        )


if __name__ == "__main__":
    main()
