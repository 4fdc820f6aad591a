"""The labelled corpus (data/stigma_cases.jsonl), the blind sets, and how the engine does.

Sentence level, as the reference's section 2 defines it: a sentence is flagged when it has
a high or medium finding, held when it has a high one. bench/language_quality.py prints the
same figures by class and split.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from moderation.language import analyze

CASES = [
    json.loads(line)
    for line in (Path(__file__).resolve().parent / "data" / "stigma_cases.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line
]
SEVERITIES = {"high", "medium", "low"}
CLASSES = {
    "label",
    "non-drug-sense",
    "name-title",
    "mention",
    "self",
    "missed-stigma",
    "equipment",
    "clean-dirty",
    "low-terms",
}


def _flag(pairs):
    return any(severity in ("high", "medium") for _, severity in pairs)


def _hold(pairs):
    return any(severity == "high" for _, severity in pairs)


def _expected(case):
    return {(item["term"], item["severity"]) for item in case["expect"]}


def _found(case):
    return {(f.term, f.severity) for f in analyze(case["text"])}


def test_the_corpus_is_big_enough_and_covers_every_class_both_ways():
    assert len(CASES) >= 300
    harmless = [case for case in CASES if not _flag(_expected(case))]
    assert len(harmless) >= 100
    assert {case["class"] for case in CASES} == CLASSES
    for name in CLASSES:
        in_class = [case for case in CASES if case["class"] == name]
        assert any(_flag(_expected(c)) for c in in_class) or name == "low-terms", name
        assert any(not _flag(_expected(c)) for c in in_class), name
    splits = Counter(case["split"] for case in CASES)
    assert set(splits) == {"dev", "holdout"} and splits["holdout"] >= 0.25 * len(CASES)


@pytest.mark.parametrize("case", CASES, ids=range(len(CASES)))
def test_every_line_is_well_formed(case):
    assert set(case) == {"text", "expect", "note", "kind", "class", "split"}
    assert case["text"].strip() and case["note"] and case["kind"]
    for item in case["expect"]:
        assert set(item) == {"term", "severity"} and item["severity"] in SEVERITIES


def test_no_text_is_written_twice():
    texts = [case["text"] for case in CASES]
    assert len(texts) == len(set(texts))


DEV = [case for case in CASES if case["split"] == "dev"]


@pytest.mark.parametrize("case", DEV, ids=[case["note"] for case in DEV])
def test_dev_split_sentence(case):
    assert _found(case) == _expected(case)


DATA = Path(__file__).resolve().parent / "data"
# The blind sets, each kept after its first look (README) and its repairs, stay repaired.
BLIND = sorted(DATA.glob("stigma_blind_*.jsonl"))


def _cases(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize(
    "path", [DATA / "stigma_cases.jsonl", *BLIND], ids=["corpus", *(p.stem for p in BLIND)]
)
def test_no_harmless_sentence_is_held_or_flagged_and_f1_is_at_least_095(path):
    tp = fp = fn = holds = 0
    for case in _cases(path):
        want, got = _expected(case), _found(case)
        tp += _flag(got) and _flag(want)
        fp += _flag(got) and not _flag(want)
        fn += _flag(want) and not _flag(got)
        holds += _hold(got) and not _hold(want)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= 0.95
    assert holds == 0
    assert fp == 0
