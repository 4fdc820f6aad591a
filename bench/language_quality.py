"""How right the language engine is, sentence by sentence.

Run: .venv/bin/python bench/language_quality.py        (or: make bench-language-quality)

Reads the labelled corpus (tests/moderation/data/stigma_cases.jsonl) and the
reference's dev cases (tests/moderation/stigma_dev_cases.jsonl) and prints, at
sentence level as the reference's section 2 defines it:

- "stigmatising": the sentence has at least one high or medium finding;
- "hold": it has a high one.

For each set: precision, recall and F1 of "stigmatising", false holds (held,
but no slur was labelled), false flags (flagged, but labelled harmless), and
how many sentences got exactly the labelled set of (term, severity) pairs;
then the same by class and by split (the corpus's "holdout" lines were never
used to tune the engine). The same figures follow for a plain word list, one
regular expression per term with no context, so the gain shows.

--errors prints the dev split's mistakes; --holdout-errors prints the held-out
ones too (reading them spoils the held-out figures for the next change).

--file PATH (repeatable) scores other labelled files of the same shape instead, such
as the blind sets (tests/moderation/data/stigma_blind_*.jsonl); --errors then lists
every mistake on them. Read a blind set's mistakes only after its first-look figures
are written down.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderation.language import analyze, load_lexicon  # noqa: E402

CORPUS = ROOT / "tests" / "moderation" / "data" / "stigma_cases.jsonl"
DEV_CASES = ROOT / "tests" / "moderation" / "stigma_dev_cases.jsonl"


def read_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def engine_pairs(text: str) -> set[tuple[str, str]]:
    return {(finding.term, finding.severity) for finding in analyze(text)}


def word_list():
    """One case-blind regular expression per term, over its listed forms, no context."""
    compiled = []
    for term in load_lexicon().terms:
        forms = sorted({re.escape(form).replace(r"\ ", r"[\s\-]?") for form in term.forms})
        pattern = re.compile(r"\b(?:" + "|".join(forms) + r")\b", re.IGNORECASE)
        compiled.append((pattern, term.term, term.severity))

    def pairs(text: str) -> set[tuple[str, str]]:
        return {(term, severity) for pattern, term, severity in compiled if pattern.search(text)}

    return pairs


def expected(case: dict) -> set[tuple[str, str]]:
    return {(item["term"], item["severity"]) for item in case["expect"]}


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = self.tn = 0
        self.false_holds = self.exact = self.total = self.harmless = 0

    def add(self, want: set, got: set) -> None:
        want_flag = any(sev in ("high", "medium") for _, sev in want)
        got_flag = any(sev in ("high", "medium") for _, sev in got)
        self.total += 1
        self.exact += want == got
        self.harmless += not want_flag
        if got_flag and want_flag:
            self.tp += 1
        elif got_flag:
            self.fp += 1
        elif want_flag:
            self.fn += 1
        else:
            self.tn += 1
        if any(sev == "high" for _, sev in got) and not any(sev == "high" for _, sev in want):
            self.false_holds += 1

    def row(self, name: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return (
            f"{name:<22}{self.total:>5}{self.harmless:>6}{precision:>7.3f}{recall:>7.3f}{f1:>7.3f}"
            f"{self.false_holds:>7}{self.fp:>7}{self.exact:>7}"
        )


HEADER = f"{'':<22}{'n':>5}{'clean':>6}" + "".join(
    f"{name:>7}" for name in ("prec", "recall", "F1", "holds", "flags", "exact")
)
LEGEND = (
    "clean = sentences labelled harmless (no high or medium); holds = false holds;"
    " flags = false flags (flagged, labelled harmless); exact = exact (term, severity) set"
)


def report(title: str, cases: list[dict], pairs, groups=("class", "split")) -> dict:
    overall = Score()
    by_group: dict[str, dict[str, Score]] = {g: defaultdict(Score) for g in groups}
    mistakes = []
    for case in cases:
        want, got = expected(case), pairs(case["text"])
        overall.add(want, got)
        for group in groups:
            if group in case:
                by_group[group][case[group]].add(want, got)
        if want != got:
            mistakes.append((case, want, got))
    print(f"\n{title}")
    print(HEADER)
    print(overall.row("all"))
    for group in groups:
        for name in sorted(by_group[group]):
            print(by_group[group][name].row(f"  {group}={name}"))
    return {"score": overall, "mistakes": mistakes}


def show(mistakes, *, holdout: bool) -> None:
    for case, want, got in mistakes:
        if case.get("split") == "holdout" and not holdout:
            continue
        print(f"- {case['text']!r}  ({case['note']})")
        print(f"    want {sorted(want)}\n    got  {sorted(got)}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the dev split's mistakes")
    parser.add_argument("--holdout-errors", action="store_true", help="list held-out mistakes too")
    parser.add_argument(
        "--file", action="append", type=Path, help="score this labelled file instead (repeatable)"
    )
    args = parser.parse_args(argv)
    plain = word_list()
    if args.file:
        print(LEGEND)
        for path in args.file:
            cases = read_cases(path)
            name = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
            engine = report(f"Engine on {name}", cases, engine_pairs, ("class", "kind"))
            report(f"Plain word list on {name}", cases, plain, ("class",))
            if args.errors:
                print(f"\nMistakes on {name}:")
                show(engine["mistakes"], holdout=True)
        return

    corpus, dev_cases = read_cases(CORPUS), read_cases(DEV_CASES)
    print(LEGEND)
    engine = report(f"Engine on the corpus ({CORPUS.relative_to(ROOT)})", corpus, engine_pairs)
    report("Plain word list on the corpus", corpus, plain)
    dev_title = f"Engine on the dev cases ({DEV_CASES.relative_to(ROOT)})"
    dev = report(dev_title, dev_cases, engine_pairs, ())
    report("Plain word list on the dev cases", dev_cases, plain, ())
    if args.errors or args.holdout_errors:
        print("\nMistakes on the corpus:")
        show(engine["mistakes"], holdout=args.holdout_errors)
        print("\nMistakes on the dev cases:")
        show(dev["mistakes"], holdout=True)


if __name__ == "__main__":
    main()
