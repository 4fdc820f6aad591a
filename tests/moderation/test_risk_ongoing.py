"""A year in a post is not always the past: "since 2021" is a crisis that is still going on.

The past-story block sets aside what happened "in 2019" or "around 2015"; it must never set aside
a plan or an overdose that has lasted "since" a year, or a first time "since" one.
"""

import pytest

from moderation.risk import assess


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I have been planning to end my life since 2021, the pills are ready", "suicide"),
        ("i took a load of pills and i cant feel my legs, first time since 2023", "overdose"),
        ("been wanting to die every day since 2019 and tonight im doing it", "suicide"),
    ],
)
def test_a_crisis_that_has_lasted_since_a_year_is_heard(text, kind):
    assert assess(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Back in 2019 I tried to end my life. Today I am doing ok.",
        "That was around 2015, I overdosed twice that year. Clean now.",
    ],
)
def test_a_crisis_told_as_a_year_gone_by_is_set_aside(text):
    assert assess(text).kind is None
