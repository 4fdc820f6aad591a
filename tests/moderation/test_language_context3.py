"""The language engine, classes the unseen1 and unseen2 blind sets showed, both ways.

Sentences of our own (none is in the corpus or a blind set). Each states what a member would see:
nothing held or flagged (a quiet note at most), or the finding a moderator needs.
"""

import pytest

from moderation.language import analyze


def flagged(text):
    """What the posting policy acts on: high (hold) and medium (flag) findings."""
    return {(f.term, f.severity) for f in analyze(text) if f.severity != "low"}


def found(text):
    return {(f.term, f.severity) for f in analyze(text)}


@pytest.mark.parametrize(
    "text",
    [
        # the pub, from where it is and what it pours (R17)
        "Stopped for a half in a boozer by the canal, lovely spot.",
        "Proper boozer opposite the station, no music, open fire.",
        "Boozers round here want six quid for a lager now.",
        "We ended up in a tiny boozer with a jukebox from 1985.",
        # a drink that is alcoholic, asked about or said (R12)
        "Is the mulled wine alcoholic or is it the kids' one?",
        "Are these ciders alcoholic? Asking for my designated driver.",
        # software named, then something else in the same sentence (R16)
        "Winaero Tweaker fixed my taskbar and the rest of the settings.",
        # a prohibition needs its verb: "stop" here is a bus stop; "calling a patient" is anyone
        "Stop calling a patient non-compliant because they missed a bus.",
        "Labelling a person an addict tells you nothing about them.",
        # misusing a medicine: the word the reference recommends (4.3)
        "Taking more than prescribed is misusing your tramadol, the leaflet says.",
        "Misuse of prescription painkillers is falling in the county.",
        # clean off things, not drugs
        "Clean off the worktop with a hot cloth before you start.",
        # "high", "fix", "users" in their everyday senses are no talk of drugs (R14)
        "The high school drama club did a zombie musical this year.",
        "After the party the kids were zombies, high on fizzy sweets.",
        "Fix your costume before the zombie run starts.",
        "Our app users turned into zombies after the update.",
        # a band's name, with other names around it (R5)
        "The Cowboy Junkies played the Roundhouse in March.",
        # someone's words, named after them
        "Big Pharma's opioid zombies, as the campaigners put it, are people.",
        "He's a serious tweaker of settings and themes.",
        # a generic object with its relative clause (R3)
        "It's the bit calling anyone who injects a junkie that I'd cut.",
        "Stop calling people who drink every day alcoholics.",
        # a title with a subtitle, and a work named (R5)
        "Junkie Nation: Inside the Opioid Years is the documentary everyone's sharing.",
        # the pub, even with "pub" or "some" in the sentence (R17)
        "Lovely old pub, a proper boozer, cask ales and a real fire.",
        "After the pub crawl we ended up in some dingy boozer by the docks.",
        # a headline names only with a proper institution after the term (R5): none here, so
        # see test_still_found; the name itself is still a name
        "The Substance Abuse Treatment Centre opens on Monday.",
        # clean, the verb
        "Do you clean your spoon with boiled water or just a swab?",
        "Clean the whole kit after every use.",
    ],
)
def test_nothing_held_or_flagged(text):
    assert flagged(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer, in a group ("us lot", "most of us in ...") or left out of a later clause
        ("Us lot at the Thursday meeting are all junkies, and we know it.", {("junkie", "low")}),
        ("Most of us on this forum were addicts at some point.", {("addict", "low")}),
        (
            "I left my job, moved to Hull and have been clean since the spring.",
            {("clean", "low")},
        ),
        ("I'm two months clean off gabapentin and sleeping again.", {("clean", "low")}),
        (
            "No landlord would take an ex-junkie, so I slept on sofas for a year.",
            {("junkie", "low")},
        ),
    ],
)
def test_the_writer_gets_a_quiet_note_at_most(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person, even with a pub nearby
        ("My grandad was a boozer and the pub knew him by name.", {("boozer", "medium")}),
        ("A heavy boozer at the bar kept starting on people.", {("boozer", "medium")}),
        # software in one clause, a person in the other (R16)
        (
            "The registry tweaker app is fine, but the guy upstairs is a tweaker.",
            {("tweaker", "high")},
        ),
        # a naming verb about specific third people is use (R3), even where "stop" is a noun
        ("The kids at the bus stop call him a crackhead.", {("crackhead", "high")}),
        ("My nephew gets called a junkie by the whole estate.", {("junkie", "high")}),
        ("She called a lad a smackhead in front of everyone.", {("smackhead", "high")}),
        # off a drug, of another person
        ("He's been clean off heroin a year, his mum says.", {("clean", "medium")}),
        # clean in a later clause whose own subject is someone else
        ("I think she moved out, got a job and has stayed clean.", {("clean", "medium")}),
        # high on a drug, a fix, a place after the slur
        ("People high on spice walk about like zombies.", {("zombie", "high")}),
        ("He was so high he was like a zombie all night.", {("zombie", "high")}),
        ("She needs her fix and shuffles round like a zombie.", {("zombie", "high")}),
        ("The Junkies on Station Road are at it again.", {("junkie", "high")}),
        # the writer, without an apostrophe, or with the subject left out at the start
        ("im a junkie and proud of getting through it", None),
        ("ive been clean 18 mths and the cravings are fading", None),
        ("Been clean since March and I finally sleep.", None),
        ("As a wino of ten years, take it from me: get help early.", None),
        ("Back then we were all just smackheads to the council.", None),
        # a person, not a pub; a noun, not "drunk driver"; a character, not the word
        ("Why is your dad such a boozer, honestly?", {("boozer", "medium")}),
        ("Everyone knew he was a drunk long before the divorce.", {("drunk", "medium")}),
        ("The film's crackhead neighbour is a tired cliche.", {("crackhead", "high")}),
        # a title word at a sentence's start with no title after it
        ("Junkies: they are everywhere round here and nobody cares.", {("junkie", "high")}),
        ("They were all just junkies to me.", {("junkie", "high")}),
        # the writer's job is not their label; a verb in -ing is no copula chain (R4)
        ("As a pharmacist I'm tired of junkies shouting at my staff.", {("junkie", "high")}),
        ("They say we're just feeding addicts at the van.", {("addict", "medium")}),
        ("We were raging alcoholics in those days.", None),
        # a dry drunk is a noun whatever follows (R13)
        ("Classic dry drunk behaviour from my uncle again.", {("drunk", "medium")}),
        # someone else's tests; a generic subject who must be clean (R7)
        ("The court wants four clean drops from her before contact.", {("clean", "medium")}),
        ("You shouldn't have to be clean to get a bed for the night.", {("clean", "medium")}),
        # a weak institution word after the term is no name in a headline (R5)
        ("Why Drug Abuse Treatment Keeps Failing Young Men", {("substance abuse", "medium")}),
        # a subject and an object before the term: no reduced passive (R3)
        ("My aunt called the new neighbours crack fiends.", {("dope fiend", "high")}),
        # abuse in a relative clause without "that" (R10)
        ("The pills these lads abuse come from home.", {("substance abuse", "medium")}),
        # clean, the state, before a time or after a test verb
        ("She stayed clean the whole winter.", {("clean", "medium")}),
        ("His drug test came back clean this week.", {("clean", "medium")}),
        # abuse of a medicine is still abuse framing (R10)
        ("He keeps abusing his mum's diazepam.", {("substance abuse", "medium")}),
    ],
)
def test_still_found(text, expected):
    """`expected` None: the writer's own words, a quiet note at most."""
    if expected is None:
        assert flagged(text) == set() and found(text)
    else:
        assert flagged(text) == expected
