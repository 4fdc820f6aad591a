"""The language policy: slurs hold, labels nudge and flag, debated words nudge."""

import pytest

from moderation.language import analyze
from moderation.policy import NUDGE_AND_FLAG, NUDGE_ONLY, decide


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
