"""Sourcing: offers to buy or sell, dealers and their contacts wait for a moderator;
harm-reduction talk about prices, testing, naloxone and services is left alone."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation import sourcing
from moderation.language import analyze
from moderation.policy import SOURCING, decide

CASES_PATH = Path(__file__).parent / "data" / "sourcing_cases.jsonl"
CASES = [json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines()]


def test_the_labelled_corpus_is_big_enough_and_labelled():
    assert len(CASES) >= 80
    assert sum(1 for case in CASES if not case["hold"]) >= 35
    assert all(case["kind"] and isinstance(case["hold"], bool) for case in CASES)
    assert all(case.get("code") in sourcing.REASONS for case in CASES if case["hold"])
    assert len({case["text"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[f"{n}-{'hold' if c['hold'] else 'pass'}-{c['kind']}" for n, c in enumerate(CASES)],
)
def test_labelled_case(case):
    findings = sourcing.assess(case["text"])

    assert bool(findings) == case["hold"], [(f.code, f.text) for f in findings]
    if case["hold"]:
        assert case["code"] in [f.code for f in findings]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ｓｅｌｌｉｎｇ ２ｇ ｏｆ ｋｅｔ", "offer"),  # full-width letters
        ("S E L L I N G coke, cheap", "offer"),  # spelled out
        ("s3ll1ng c0ke and k3t, dm m3", "offer"),  # swapped letters
        ("anyone s-e-l-l-i-n-g mdma?", "request"),
        ("“DM me” for prices 😀 and t.me/plug_uk", "contact"),
        ("Wickr ID: north_supplies", "app_contact"),
        ("hit my line 07911 123456", "contact"),
        ("+44 7911 123456 for the menu", "phone"),
    ],
)
def test_disguised_offers_are_still_found(text, code):
    assert code in sourcing.codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Fentanyl test strips are £2 each, 10 for £15 at the exchange.",
        "How much does naloxone cost at the pharmacy? It was £18 last time.",
        "My plug-in air freshener and the plug socket both died.",
        "call 999, then 111 if you're unsure, and Samaritans on 116 123",
        "FRANK: 0300 123 6600. The clinic: 0161 496 0000.",
        "I was selling to fund my habit. I'm not any more.",
        "A dealer sold him pills pressed with nitazenes; the police are warning people.",
        "DM me if you want to talk about cutting down your coke use.",
        "Where can I get my MDMA tested before the festival?",
        "Is there anywhere I can buy naloxone without a prescription?",
    ],
)
def test_harm_reduction_talk_is_left_alone(text):
    assert sourcing.assess(text) == []


def test_findings_point_into_the_original_text():
    text = "“Ｈｅｌｌｏ” 😀 — anyone selling ｘａｎａｘ? text 07911 123456, or wickr: dan_22"

    findings = sourcing.assess(text)

    assert [f.code for f in findings] == ["request", "phone", "app_contact"]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.reason == sourcing.REASONS[finding.code]
        assert finding.as_dict()["category"] == f"sourcing:{finding.code}"
    assert findings[1].text == "07911 123456"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("sellingket dm@me 0791123456£$.g:\n")), max_size=300))
def test_any_text_gives_findings_inside_it(text):
    for finding in sourcing.assess(text):
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text


def test_sourcing_holds_the_post_and_says_why():
    text = "Lovely people here. Selling 2g of ket, dm me."

    decision = decide(analyze(text), sourcing=sourcing.assess(text))

    assert decision.hold and not decision.flag
    assert decision.reasons == (SOURCING,)
    assert [f.code for f in decision.sourcing] == ["offer", "contact"]


def test_a_price_of_naloxone_question_publishes():
    text = "How much does naloxone cost at the pharmacy?"

    decision = decide(analyze(text), sourcing=sourcing.assess(text))

    assert not decision.hold and decision.reasons == ()


def test_sourcing_imports_no_django():
    code = (
        "import sys, moderation.sourcing as s; s.assess('selling 2g, text 07911 123456'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
