"""The language engine on its own: no Django, just text in and findings out."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderation.language import (
    Engine,
    Term,
    analyze,
    apply_suggestions,
    default_engine,
    engine_for,
    load_lexicon,
    suggested_edit,
)

HERE = Path(__file__).resolve().parent
DEV_CASES = [
    json.loads(line) for line in (HERE / "stigma_dev_cases.jsonl").read_text().splitlines()
]


@pytest.mark.parametrize("case", DEV_CASES, ids=[case["note"] for case in DEV_CASES])
def test_dev_case(case):
    findings = analyze(case["text"])
    # The reference (section 8) compares sets: the same term twice may be reported once or twice.
    assert {(f.term, f.severity) for f in findings} == {
        (e["term"], e["severity"]) for e in case["expect"]
    }
    for finding in findings:
        assert case["text"][finding.start : finding.end] == finding.text


def test_dev_cases_are_all_here():
    assert len(DEV_CASES) == 72


def test_lexicon_is_data_with_everything_a_moderator_needs():
    lexicon = load_lexicon()
    assert len(lexicon.terms) >= 40
    for term in lexicon.terms:
        assert term.forms and term.category and term.source, term.term
        assert term.severity in {"low", "medium", "high"}
        assert term.not_stigmatising_when, term.term
    slurs = [t for t in lexicon.terms if t.severity == "high"]
    assert all(t.category == "slur" for t in slurs)
    # Every term but one offers a person-first alternative.
    assert [t.term for t in lexicon.terms if not t.suggestions] == ["crack whore"]


def test_engine_imports_no_django():
    code = (
        "import sys, moderation.language as l; l.analyze('junkie'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("text", "term", "severity"),
    [
        ("Those ADDICTS again", "addict", "medium"),
        ("What a ｊｕｎｋ１ｅ", "junkie", "high"),
        ("such a j-u-n-k-i-e", "junkie", "high"),
        ("a real jünkie", "junkie", "high"),
        ("crack-heads everywhere", "crackhead", "high"),
        ("Crack heads everywhere", "crackhead", "high"),
        ("that 4ddict", "addict", "medium"),
        ("my d@d is a wino", "wino", "high"),
        ("spice zombies in the park", "zombie", "high"),
        ("the drunks on the bench", "drunk", "medium"),
        ("We're all addicts here", "addict", "low"),
        ("Stay clean, friends", "clean", "medium"),
        ("clean and sober since May", "clean", "medium"),
        ("his urine was dirty", "dirty", "medium"),
        ("she's been relapsing", "relapse", "low"),
        ("injecting drug users are at risk", "drug user", "low"),
    ],
)
def test_more_forms_and_contexts(text, term, severity):
    assert [(f.term, f.severity) for f in analyze(text)] == [(term, severity)]


@pytest.mark.parametrize(
    "text",
    [
        "calling us junkies hurts",
        "He called me a junkie once.",
        "the word “addict”",
        "a drunk driver hit my car",
        "kick the habit of a lifetime",
        "abuse of power is the problem",
        "The Drug Users Union meets on Friday",
        "after her cancer relapse",
        "zombie apocalypse films",
        "a glass of alcoholic punch",
        "frequent flyer miles",
        "the room was clean and tidy",
        "clean needles for everyone",
        "junkiebund is a German users' group",
    ],
)
def test_no_finding_in_these(text):
    assert analyze(text) == []


# -- suggestions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He's a junkie.", "He's a person who uses drugs."),
        ("My brother is an addict.", "My brother is a person who uses drugs."),
        ("An alcoholic lives here.", "A person with alcohol use disorder lives here."),
        ("Addicts can't be trusted.", "People who use drugs can't be trusted."),
        ("Those JUNKIES again", "Those PEOPLE WHO USE DRUGS again"),
        ("His test came back dirty.", "His test came back positive."),
        ("She's been clean for two years.", "She's been in recovery for two years."),
        ("Substance abuse is rising", "Substance use is rising"),
    ],
)
def test_apply_suggestions_keeps_case_number_and_the_rest(text, expected):
    assert apply_suggestions(text, analyze(text)) == expected


def test_suggested_edit_reaches_back_for_the_article():
    text = "She is an addict"
    finding = analyze(text)[0]
    assert suggested_edit(text, finding, finding.suggestions[0]) == (
        7,
        16,
        "a person who uses drugs",
    )


# -- watched words and compiling once ------------------------------------------


def test_watched_words_merge_into_the_matcher_and_compile_once_per_version():
    watched = Term(
        term="scumbag",
        forms=("scumbag", "scumbags"),
        category="watched word",
        severity="high",
        suggestions=(),
    )
    assert analyze("what a scumbag") == []

    engine = engine_for("7", [watched])

    assert [f.term for f in engine.analyze("what a scumbag, and a junkie")] == ["scumbag", "junkie"]
    assert engine_for("7", [watched]) is engine
    assert engine_for("8", []) is not engine
    assert default_engine().analyze("what a scumbag") == []


# -- properties ---------------------------------------------------------------
# No deadlines: speed is measured by bench/language.py, never by a timed test.

SAFE_SENTENCES = [d["text"] for d in DEV_CASES if not d["expect"]] + [
    "Clean needles, clean works and a clean spoon, every time.",
    "The word 'junkie' hurts.",
    "I went to Narcotics Anonymous on Tuesday.",
    "User accounts and the user interface need work.",
]
SLURS = ["junkie", "crackhead", "druggie", "smackhead", "tweaker", "cokehead", "wino"]
LEET = str.maketrans({"i": "1", "e": "3", "o": "0", "a": "4"})


@st.composite
def disguised(draw, word):
    """`word` as someone might type it to slip past a filter."""
    style = draw(st.sampled_from(["plain", "upper", "title", "leet", "wide", "stretch", "zw"]))
    if style == "upper":
        return word.upper()
    if style == "title":
        return word.title()
    if style == "leet":
        return word.translate(LEET)
    if style == "wide":
        return "".join(chr(ord(c) + 0xFEE0) for c in word)
    if style == "stretch":
        i = draw(st.integers(0, len(word) - 1))
        return word[:i] + word[i] * draw(st.integers(2, 5)) + word[i + 1 :]
    if style == "zw":
        i = draw(st.integers(1, len(word) - 1))
        return word[:i] + draw(st.sampled_from(["\u200b", "\u00ad", "\u2060"])) + word[i:]
    return word


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_offsets_always_slice_the_original(text):
    findings = analyze(text)
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.start < finding.end
    assert [f.start for f in findings] == sorted(f.start for f in findings)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_disguised_slurs_are_found_where_they_are(data):
    slur = data.draw(st.sampled_from(SLURS))
    word = data.draw(disguised(slur))
    before = data.draw(st.sampled_from(["", "Honestly, ", "What a ", "Such a "]))
    after = data.draw(st.sampled_from(["", ".", " move.", ", that one."]))
    text = before + word + after

    findings = analyze(text)

    assert [(f.term, f.severity) for f in findings] == [(slur, "high")]
    assert findings[0].text == word
    assert findings[0].start == len(before)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SAFE_SENTENCES), min_size=1, max_size=6), st.data())
def test_text_made_only_of_safe_contexts_has_no_finding(sentences, data):
    joiner = data.draw(st.sampled_from([" ", "\n", "\n\n", " — "]))
    assert analyze(joiner.join(sentences)) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SAFE_SENTENCES + [d["text"] for d in DEV_CASES]), max_size=6))
def test_analysis_is_idempotent(sentences):
    text = " ".join(sentences)
    first = analyze(text)
    assert analyze(text) == first
    assert Engine(load_lexicon()).analyze(text) == first
    # Taking every suggestion leaves nothing to suggest, sentence by sentence
    # (across sentences, a changed word may change another's context: "junkies
    # everywhere" then "he called me a junkie" reads the first as a word thrown).
    for sentence in sentences:
        cleaned = apply_suggestions(sentence, analyze(sentence))
        assert [f for f in analyze(cleaned) if f.suggestions] == []
