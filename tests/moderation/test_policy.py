"""The language policy: slurs hold, labels nudge and flag, debated words nudge."""

import pytest

from moderation.language import analyze
from moderation.policy import NUDGE_AND_FLAG, NUDGE_ONLY, decide
from moderation.sourcing import assess


@pytest.mark.parametrize(
    ("text", "medium_action", "hold", "flag"),
    [
        ("He's a junkie.", NUDGE_AND_FLAG, True, False),
        ("He's a junkie and an addict.", NUDGE_AND_FLAG, True, False),
        ("My brother is an addict.", NUDGE_AND_FLAG, False, True),
        ("My brother is an addict.", NUDGE_ONLY, False, False),
        ("I relapsed last week.", NUDGE_AND_FLAG, False, False),
        ("I'm an addict and proud of how far I've come.", NUDGE_AND_FLAG, False, False),
        ("Always use clean works.", NUDGE_AND_FLAG, False, False),
    ],
)
def test_decide(text, medium_action, hold, flag):
    decision = decide(analyze(text), medium_action=medium_action)
    assert (decision.hold, decision.flag) == (hold, flag)


def test_held_and_nudged_findings_are_told_apart():
    decision = decide(analyze("He's a junkie and an addict."))
    assert [f.term for f in decision.holding] == ["junkie"]
    assert [f.term for f in decision.nudges] == ["addict"]


def test_unknown_medium_action_is_refused():
    with pytest.raises(ValueError, match="medium_action"):
        decide([], medium_action="ban")


def _watched(text, action):
    from moderation.language import Finding

    severity = {"hold": "high", "block": "high", "flag": "medium", "replace": "low"}[action]
    return Finding(0, len(text), text, text, f"watched:{action}", severity, ())


@pytest.mark.parametrize(
    ("findings", "sourcing", "reasons"),
    [
        (lambda: analyze("He's a junkie."), (), ("slur",)),
        (lambda: [_watched("grass", "hold")], (), ("watched",)),
        (lambda: [_watched("grass", "block")], (), ("watched",)),
        (lambda: [], lambda: assess("Selling 2g of ket"), ("sourcing",)),
        (
            lambda: [*analyze("He's a junkie."), _watched("grass", "hold")],
            lambda: assess("anyone selling xanax?"),
            ("slur", "watched", "sourcing"),
        ),
        (lambda: analyze("My brother is an addict."), (), ()),
        (lambda: [_watched("snitch", "flag")], (), ()),
    ],
)
def test_a_held_decision_says_why(findings, sourcing, reasons):
    found = findings()
    offers = sourcing() if callable(sourcing) else sourcing

    decision = decide(found, medium_action=NUDGE_AND_FLAG, sourcing=offers)

    assert decision.reasons == reasons
    assert decision.hold is bool(reasons)
    assert decision.sourcing == tuple(offers)


def test_sourcing_holds_even_when_labels_would_only_nudge():
    text = "My brother is an addict. Selling 2g of ket, dm me."

    decision = decide(analyze(text), medium_action=NUDGE_ONLY, sourcing=assess(text))

    assert decision.hold and not decision.flag and decision.reasons == ("sourcing",)
    # The label is still mentioned to the author; nothing the lexicon found holds it.
    assert [f.term for f in decision.nudges] == ["addict"] and decision.holding == ()
