"""Speed of the stigmatising-language engine.

Run: make bench-language   (or: .venv/bin/python bench/language.py)

Prints, in one run:
- throughput in MB/s over a 1 MB mixed corpus (forum-like sentences, one in
  four carrying a term, with curly quotes, full-width letters and spelled-out
  evasions among them);
- the median time per post of 200, 2,000 and 20,000 characters, and the ratio
  of the 20,000 to the 2,000 figure (10.0 is exactly linear);
- the same corpus through a naive baseline: one regular expression per term,
  applied in turn, with no normalisation and no context rules.

Times are CPU time of this process (time.process_time), so other work on the
machine does not skew them; the wall-clock throughput is printed beside.

--against REV (for instance 9cf800b, the engine before issue 17's rebuild) also
loads that commit's moderation/language.py and its lexicon from git into a
temporary directory and times both engines in the same run, interleaved, on the
same corpus, and prints the ratio of their throughputs.
"""

import argparse
import importlib.util
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from moderation.language import analyze, default_engine, load_lexicon

ROOT = Path(__file__).resolve().parent.parent

TERM_SENTENCES = [
    "He's just another junkie looking for a handout.",
    "My brother is an addict and I don't know how to help.",
    "She's been clean for two years now.",
    "His test came back dirty again.",
    "Substance abuse is ruining this town.",
    "The news called them fentanyl zombies.",
    "What a j.u.n.k.i.e, honestly.",
    "Being called a “junkie” by a nurse stayed with me for years.",
    "I'm an addict and I'm proud of how far I've come.",
    "Many drug users avoid services because of judgement.",
    "Total junk1e move, and \uff4a\uff55\uff4e\uff4b\uff49\uff45 (full width) again.",
    "Her heroin habit got worse over the winter.",
]
PLAIN_SENTENCES = [
    "Naloxone reversed his overdose in under three minutes.",
    "Always use clean works and never share.",
    "The needle exchange gives out clean needles and swabs.",
    "Methadone kept me housed, alive and stable.",
    "People who use drugs deserve dignity and a say in the services they use.",
    "I went to Alcoholics Anonymous for a while and it helped.",
    "Addiction is a treatable condition, and recovery looks different for everyone.",
    "Wash your hands and keep the injection site clean.",
    "The outreach van comes on Tuesdays; the nurse there is lovely.",
    "We need more drug checking services, not fewer.",
    "Write clean code and tests, my colleague says, and I agree.",
    "Nicotine is highly addictive, which nobody tells you at fourteen.",
]


def corpus(size: int) -> str:
    parts, length, n = [], 0, 0
    while length < size:
        if n % 4 == 0:
            sentence = TERM_SENTENCES[(n // 4) % len(TERM_SENTENCES)]
        else:
            sentence = PLAIN_SENTENCES[n % len(PLAIN_SENTENCES)]
        parts.append(sentence)
        length += len(sentence) + 1
        n += 1
    return " ".join(parts)[:size]


def best_of(func, repeat: int, clock=time.process_time) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        func()
        times.append(clock() - start)
    return min(times)


def median_of(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return statistics.median(times)


def naive_baseline():
    patterns = [
        re.compile(
            r"\b(?:" + "|".join(re.escape(form) for form in term.forms) + r")\b", re.IGNORECASE
        )
        for term in load_lexicon().terms
    ]

    def run(text):
        found = []
        for pattern in patterns:
            found.extend(pattern.finditer(text))
        return found

    return run


def engine_at(revision: str, directory: Path):
    """That commit's moderation/language.py (self-contained then) and its lexicon, loaded."""
    package = directory / "old_language"
    (package / "lexicon").mkdir(parents=True)
    for name in ("language.py", "lexicon/terms.json", "lexicon/context.json"):
        shown = subprocess.run(
            [shutil.which("git") or "git", "show", f"{revision}:moderation/{name}"],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        if shown.returncode == 0:
            (package / name).write_bytes(shown.stdout)
    spec = importlib.util.spec_from_file_location("old_language", package / "language.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_language"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def compare(revision: str, rounds: int = 15) -> None:
    """Both engines on the same 1 MB, interleaved round by round; best CPU time of each."""
    text = corpus(1_000_000)
    megabytes = len(text.encode("utf-8")) / 1e6
    with tempfile.TemporaryDirectory() as directory:
        old = engine_at(revision, Path(directory))
        old.analyze("warm up")
        default_engine()
        best_old = best_new = float("inf")
        for _ in range(rounds):
            best_old = min(best_old, best_of(lambda: old.analyze(text), 1))
            best_new = min(best_new, best_of(lambda: analyze(text), 1))
        print(
            f"\n{revision} engine:  {megabytes / best_old:6.2f} MB/s ({best_old * 1000:.1f} ms CPU)"
        )
        print(f"this engine:     {megabytes / best_new:6.2f} MB/s ({best_new * 1000:.1f} ms CPU)")
        print(
            f"throughput, this / {revision}: {best_old / best_new:.2f}"
            f" (within 20% means >= 0.80), best of {rounds} interleaved rounds"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="also time this commit's engine")
    args = parser.parse_args(argv)
    default_engine()  # compile once, outside the timings
    text = corpus(1_000_000)
    megabytes = len(text.encode("utf-8")) / 1e6
    findings = analyze(text)
    seconds = best_of(lambda: analyze(text), 5)
    wall = best_of(lambda: analyze(text), 3, clock=time.perf_counter)
    print(f"corpus: {len(text):,} characters ({megabytes:.2f} MB), {len(findings):,} findings")
    print(
        f"engine throughput: {megabytes / seconds:6.2f} MB/s  ({seconds * 1000:.1f} ms CPU;"
        f" {megabytes / wall:.2f} MB/s wall clock)"
    )

    naive = naive_baseline()
    naive_seconds = best_of(lambda: naive(text), 5)
    print(
        f"naive baseline:    {megabytes / naive_seconds:6.2f} MB/s  ({naive_seconds * 1000:.1f} ms"
        f", {len(naive(text)):,} raw matches, no context)"
    )
    print(f"engine / naive time: {seconds / naive_seconds:.2f}x")

    per_post = {}
    for size in (200, 2_000, 20_000):
        post = corpus(size)
        repeat = {200: 2000, 2_000: 500, 20_000: 100}[size]
        per_post[size] = median_of(lambda post=post: analyze(post), repeat)
        print(f"post of {size:>6,} characters: {per_post[size] * 1000:8.3f} ms (median)")
    ratio = per_post[20_000] / per_post[2_000]
    print(f"20,000 / 2,000 ratio: {ratio:.2f} (linear is 10.00; within 1.5x means <= 15.00)")
    if args.against:
        compare(args.against)


if __name__ == "__main__":
    main()
