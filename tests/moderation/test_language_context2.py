"""The language engine, classes the lang2 blind sets showed, both ways, in sentences of their own.

None of these sentences is in the labelled corpus or the blind sets; each states what a member
would see: nothing held or flagged (only a quiet note at most), or the finding a moderator needs.
"""

import pytest

from moderation.language import analyze


def flagged(text):
    """What the posting policy acts on: high (hold) and medium (flag) findings."""
    return {(f.term, f.severity) for f in analyze(text) if f.severity != "low"}


@pytest.mark.parametrize(
    "text",
    [
        # any pastime noun before junkie/addict, with nothing about drugs in the sentence
        "Ask any Premier League junkie about that penalty.",
        "She's a real Star Trek addict, conventions and all.",
        "My nan was a bridge-club junkie well into her nineties.",
        "Our kids are Roblox addicts and we've stopped arguing about it.",
        # the word reported, not used
        "When politicians say junkie, they mean people they have given up on.",
        "The so-called crackheads in the park are somebody's children.",
        "The tabloids branded him a junkie dad.",
        "Respondents said nurses had labelled them drug seekers.",
        "Druggies, they called us, as if that was all we were.",
        "Alkie. Waste of space. That's what my uncle called me.",
        "Crackhead, junkie, thief: names I was called for years.",
        "Try replacing addict with person in recovery.",
        "Old word | Better word\nalcoholic | person with alcohol use disorder",
        # the writer describing themselves
        "I was just another junkie to the doctors back then.",
        "Me and my brother were proper smackheads in the 90s.",
        "The old me was a druggie; the new me runs marathons.",
        "Those of us who were junkies know what that van means.",
        "Like a lot of crackheads, I thought I'd stop on my own.",
        "Speaking as a former pillhead, the new clinic is great.",
        "I knew what it was to be a junkie, because I was one.",
        "My dad said I'd die a junkie, and I nearly did.",
        # names and titles
        "Clean and Sober, the 1988 film, still makes me cry.",
        "The substance abuse and mental health services administration runs the helpline.",
    ],
)
def test_nothing_is_held_or_flagged(text):
    assert flagged(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The tranq junkies by the canal were nodding off again.", {("junkie", "high")}),
        ("I hate bingo junkies? No: I hate junkies, full stop.", {("junkie", "high")}),
        ("They call those lads junkies, and so do I.", {("junkie", "high")}),
        ("Calling them crackheads is fine by me.", {("crackhead", "high")}),
        ("My sister's boyfriend, who lives with us, is a total stoner.", {("stoner", "medium")}),
        ("Her son is abusing his gran's tramadol.", {("substance abuse", "medium")}),
        ("Our clinic's drug abuse team is tiny.", {("substance abuse", "medium")}),
        ("He hasn't been clean long enough to judge anyone.", {("clean", "medium")}),
        ("County Addicts Strain Emergency Rooms, Council Says", {("addict", "medium")}),
    ],
)
def test_still_found(text, expected):
    assert flagged(text) == expected
