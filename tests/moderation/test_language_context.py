"""The language engine reads context: each class of issue 17, both ways, in sentences of its own.

These sentences are not in the labelled corpus; each states what a member would see.
"""

import subprocess
import sys

import pytest

from moderation.language import Engine, Lexicon, Term, analyze, apply_suggestions
from moderation.normalize import fold


def pairs(text):
    return {(f.term, f.severity) for f in analyze(text)}


def flagged(text):
    """What the posting policy acts on: high (hold) and medium (flag) findings."""
    return {(f.term, f.severity) for f in analyze(text) if f.severity != "low"}


# -- non-drug senses ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "My dad is a proper golf junkie these days.",
        "Calling all board-game addicts: new café opens Friday.",
        "She's a self-described wellness junkie.",
        "Serving alcoholic and alcohol-free punch at the vigil.",
        "The shelter kitchen smells of alcoholic fermentation.",
        "Clean driving record, no points.",
        "Stack the dirty mugs by the sink.",
        "Install Winaero Tweaker to change the context menu.",
        "Zombie apocalypse night at the youth club.",
    ],
)
def test_everyday_senses_are_left_alone(text):
    assert flagged(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A smack junkie was asleep in the doorway.", {("junkie", "high")}),
        ("Two crack addicts were arrested on the estate.", {("addict", "medium")}),
        ("His alcoholic brother turned up at the funeral.", {("alcoholic", "medium")}),
    ],
)
def test_a_drug_or_a_person_keeps_the_label(text, expected):
    assert flagged(text) == expected


# -- names and titles ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ring the alcoholics anonymus helpline if you need to talk.",
        "He works for the Division of Alcoholism and Drug Abuse in the county.",
        "The national institute on drug abuse funds most of this research.",
        "A group called Sisters of Addicts meets upstairs.",
        "Burroughs's Junky is still the book people pass round.",
        "We watched the documentary Crackheads of the Rust Belt last night.",
    ],
)
def test_names_and_titles_are_not_findings(text):
    assert flagged(text) == set()


def test_a_title_case_headline_is_not_a_name():
    assert flagged("Town Council Blames Junkies For Litter") == {("junkie", "high")}


# -- mention, not use -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The word druggie still stings, twenty years on.",
        "„Junkie“ was painted on our door.",
        "Avoid labels like crackhead, junkie or alcoholic.",
        "Don't say clean; say not using.",
        "She was branded a junkie by the local paper.",
        "Language to avoid:\n- junkie\n- drug abuser\n- addict",
        "| Avoid | Say |\n|---|---|\n| crackhead | person who uses crack |",
        "junkie -> person who uses drugs",
    ],
)
def test_words_talked_about_as_words_are_not_findings(text):
    assert pairs(text) == set()


def test_a_naming_verb_about_specific_people_is_use():
    assert flagged("Round here they call them junkies.") == {("junkie", "high")}


# -- self-description -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("After my divorce I became a drunk, plain and simple.", "drunk"),
        ("Back in my crackhead years I'd walk miles for a rock.", "crackhead"),
        ("Me, a junkie, speaking at a conference. Who knew.", "junkie"),
        ("I've been clean since the spring.", "clean"),
        ("My coke habit ate my twenties.", "habit"),
    ],
)
def test_describing_oneself_is_low_never_a_hold_or_a_flag(text, term):
    assert pairs(text) == {(term, "low")}


def test_self_description_does_not_license_a_label_on_someone_else():
    assert pairs("I'm an addict too, but my cousin is a junkie.") == {
        ("addict", "low"),
        ("junkie", "high"),
    }


# -- missed stigma --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She sold her mum's rings to finance her habit.", {("habit", "medium")}),
        ("Those fentanyl users shuffle about like zombies.", {("zombie", "high")}),
        ("He keeps abusing his tramadol.", {("substance abuse", "medium")}),
        ("The abuse of ketamine at festivals worries medics.", {("substance abuse", "medium")}),
        ("My flatmate's a stoner and the whole place reeks.", {("stoner", "medium")}),
    ],
)
def test_stigma_without_an_obvious_slur_is_caught(text, expected):
    assert flagged(text) == expected


# -- equipment ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pick up clean fits and a sharps bin from the chemist.",
        "Never share stems; grab clean ones from outreach.",
        "Clean, new cookers every time.",
        "Dirty spoons spread infections.",
    ],
)
def test_equipment_talk_is_harm_reduction(text):
    assert pairs(text) == set()


# -- suggestions fit the grammar ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He relapsed in June.", "He returned to use in June."),
        ("Crack users sleep under the bridge.", "People who use crack sleep under the bridge."),
        ("Our junkie neighbours moved.", "Our neighbours who use drugs moved."),
        ("Babies born addicted to heroin.", "Babies born dependent on heroin."),
        ("She was abusing pills.", "She was using pills."),
    ],
)
def test_suggestions_fit_the_sentence(text, expected):
    assert apply_suggestions(text, analyze(text)) == expected


# -- what other detectors share ----------------------------------------------------


def test_fold_maps_normalised_offsets_back_to_the_original():
    text = "Ｈｅ’s a junk\u200bie"
    folded = fold(text)
    assert folded.text == "he's a junkie"
    start = folded.text.index("junkie")
    original_start, original_end = folded.span(start, start + len("junkie"))
    assert text[original_start:original_end] == "junk\u200bie"
    assert fold("n0t breathing").swapped == "not breathing"


def test_a_lexicon_without_context_rules_matches_inside_quotes_too():
    # Detectors such as the at-risk one must not lose "I can't breathe" to the mention rule.
    danger = Term(
        term="can't breathe", forms=("can't breathe",), category="at risk", severity="high"
    )
    engine = Engine(Lexicon(terms=(danger,)))
    found = engine.analyze('He texted me "I can\'t breathe" and then nothing.')
    assert [(f.term, f.text) for f in found] == [("can't breathe", "can't breathe")]


def test_the_new_modules_import_no_django():
    code = (
        "import sys; import moderation.language, moderation.normalize; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
