"""The at-risk model hears a crisis in the words people use, not in words that only share them."""

import json
import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from moderation.risk import (
    OVERDOSE,
    REASONS,
    SUICIDE,
    Assessment,
    _assess,
    assess,
    is_at_risk,
)
from moderation.risk_rules import LEXICON_PATH, default_rules, load_rules

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "at_risk_cases.jsonl"
CASES = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
# Written by another engineer before reading the model; the model was then
# repaired for the classes it failed, so it now guards those classes.
BLIND = [
    json.loads(line)
    for line in (DATA / "at_risk_blind.jsonl").read_text(encoding="utf-8").splitlines()
    if line
]

# Each class both ways, in sentences that are not in the corpus: someone in
# danger now, and text that only shares the words.
BOTH_WAYS = [
    (
        "suicidal-plan",
        "ive got my pills counted out for tonight when everyone is asleep",
        "I've got my pills counted out in a dosette box for the week.",
    ),
    (
        "goodbye",
        "this is my last post, thank you all, look after each other",
        "This is my last post before the holidays, see you all in January!",
    ),
    (
        "suicidal-intent",
        "i dont want to be alive anymore",
        "There was a time I didn't want to be alive anymore, but that was years ago.",
    ),
    (
        "overdose-now",
        "i took way more than i usually do and now i cant stay awake",
        "Took way more notes than I usually do at the training today.",
    ),
    (
        "mixing",
        "drank on top of my pills and my breathing feels slow",
        "Never drink on top of your pills, it can slow your breathing.",
    ),
    (
        "new-substance",
        "first time with these and my heart is racing, is this normal",
        "It was my first time at the group and my heart was racing, but it went well.",
    ),
    (
        "unresponsive",
        "hes not responding when i shake him",
        "If someone is not responding when you shake them, call 999.",
    ),
    (
        "instruction",
        "what do i do hes not breathing",
        "Should a person stop breathing, call 999 and give naloxone.",
    ),
    (
        "quoted-guide",
        "i wont be around much longer, i mean it this time",
        "People in crisis may say things like 'I won't be around much longer'.",
    ),
    (
        "past-narrative",
        "i just took the whole pack and im starting to feel really sick",
        "Years ago I took the whole pack and woke up in hospital.",
    ),
    (
        "news-stats",
        "theres a man unresponsive in the stairwell of my building what do i do",
        "Police said a man was found unresponsive in a stairwell on Friday.",
    ),
    (
        "fiction-lyrics",
        "found him on the floor not breathing, help",
        "In the film she finds him on the floor, not breathing.",
    ),
    ("idiom", "im going to kill myself tonight", "this queue is killing me"),
    ("idiom", "my boyfriend wont wake up", "my laptop wont wake up again"),
    (
        "grief",
        "shes gone grey and wont wake up please help",
        "It's been eight months since she died of an overdose and I miss her every day.",
    ),
]


@pytest.mark.parametrize(("name", "crisis", "calm"), BOTH_WAYS)
def test_each_class_is_heard_one_way_and_not_the_other(name, crisis, calm):
    assert assess(crisis).at_risk, f"{name}: {crisis!r} should be heard"
    assert not assess(calm).at_risk, f"{name}: {calm!r} only shares the words"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("If a person stops responding, call 999 and give naloxone.", "instruction"),
        ("Listen out for phrases such as 'I can't go on'.", "quote"),
        ("Five years ago I took the whole pack and woke up in hospital.", "past"),
        ("Police said the woman was found unresponsive in a car park.", "news"),
        ("In the novel the hero writes a goodbye note before dawn.", "fiction"),
        ("my feet are killing me after that shift lol, want to die", "idiom"),
        ("We lost my brother to an overdose last spring, he wasn't breathing.", "grief"),
        ("the wifi is not responding again", "thing"),
    ],
)
def test_what_only_shares_the_words_is_set_aside_with_why(text, why):
    result = assess(text)
    assert not result.at_risk
    assert why in {reason for _cue, reasons in result.set_aside for reason in reasons}


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("hes not responding when i shake him", OVERDOSE, "unresponsive"),
        ("his breathing sounds wrong and i cant rouse him", OVERDOSE, "breathing"),
        ("she's gone grey", OVERDOSE, "colour"),
        ("took the whole pack 20 mins ago and my chest is tight", OVERDOSE, "took-more"),
        ("had 6 beers then 2 xanax and im so drowsy", OVERDOSE, "mixed"),
        ("i'm going to take all my pills at midnight", SUICIDE, "plan-time"),
        ("bought a rope and im doing it tonight", SUICIDE, "means-time"),
        ("this is my last post, goodbye everyone", SUICIDE, "goodbye"),
        ("left a note for my mum. i'm sorry for everything", SUICIDE, "note"),
        ("i want to kill myself", SUICIDE, "intent"),
        # Poisoning already under way is an emergency first, whatever the intent.
        ("ive swallowed all my tablets, goodbye everyone", OVERDOSE, "took-more"),
        # Someone else in danger now is heard too.
        ("my mate just texted that hes going to kill himself tonight", SUICIDE, "plan-time"),
    ],
)
def test_the_kind_of_help_and_the_reason_a_moderator_reads(text, kind, code):
    result = assess(text)
    assert (result.kind, result.reason_code) == (kind, code)
    assert result.reason == REASONS[code]
    assert result.score >= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "hes n0t br3athing",  # letter swaps
        "shes not breeeeathing pls",  # stretched letters
        "she w o n t  w a k e up",  # letters spaced out
        "\uff48\uff45\u2019\uff53 \uff4e\uff4f\uff54 "  # full-width letters
        "\uff42\uff52\uff45\uff41\uff54\uff48\uff49\uff4e\uff47",
        "hes not bre\u200bathing",  # an invisible character inside a word
        "HE'S NOT BREATHING",
        "hes not breathng an i dnt have narcan",  # misspelt, no punctuation
        "im gonna k1ll mys3lf 2nite",
    ],
)
def test_evasions_and_misspellings_are_heard(text):
    assert assess(text).at_risk


def test_every_alarm_on_the_corpus_has_a_reason_and_evidence_in_the_text():
    for case in CASES:
        result = assess(case["text"])
        if not result.at_risk:
            continue
        assert result.reason == REASONS[result.reason_code], case["text"]
        assert any(cue.kind == result.kind for cue in result.evidence), case["text"]
        for cue in result.evidence:
            assert case["text"][cue.start : cue.end] == cue.text


def test_offsets_point_into_the_original_text_past_non_ascii_letters():
    text = "Ça va pas: \uff48\uff45\u2019\uff53 not breathing"
    cue = next(c for c in assess(text).evidence if c.kind == OVERDOSE)
    assert text[cue.start : cue.end] == cue.text == "not breathing"


@pytest.mark.parametrize("split", ["dev", "holdout", "blind"])
def test_the_corpus_figures_hold(split):
    cases = [case for case in CASES + BLIND if case["split"] == split]
    heard = [case for case in cases if assess(case["text"]).at_risk]
    crises = [case for case in cases if case["expect"]]
    caught = [case for case in heard if case["expect"]]
    right_panel = [case for case in caught if assess(case["text"]).kind == case["expect"]]
    assert len(caught) / len(crises) >= 0.95
    assert len(caught) / len(heard) >= 0.8
    assert len(right_panel) / len(caught) >= 0.9


def test_the_corpus_is_as_the_issue_asks():
    assert len(CASES) >= 200
    calm = [case for case in CASES if case["expect"] is None]
    assert len(calm) >= 80
    assert {case["class"] for case in calm} >= {
        "instruction",
        "quoted-guide",
        "past-narrative",
        "news-stats",
        "fiction-lyrics",
        "idiom",
        "grief",
    }
    holdout = sum(case["split"] == "holdout" for case in CASES) / len(CASES)
    assert 0.25 <= holdout <= 0.35
    assert all(case["expect"] in (None, OVERDOSE, SUICIDE) for case in CASES)


@pytest.mark.parametrize(
    "text",
    [
        "hes not breathing and his lips are blue, i took way more than usual. ",
        "If a person stops responding, call 999. Listen for 'I can't go on'. ",
        "not not not wont wont cant ",
        "help help please help what do i do ",
        "bye bye goodbye everyone bye all ",
        "a" * 300 + " ",
        "k i l l m y s e l f ",
        "\u00e9\u00e8\u00ea \uff48\uff45 ",
    ],
)
def test_work_grows_in_step_with_the_text(text):
    rules = default_rules()
    once = _assess(text * 10, rules)[1]
    twenty = _assess(text * 200, rules)[1]
    assert twenty <= 21 * once, (once, twenty)


def test_the_old_call_still_answers():
    assert is_at_risk("He's not breathing and his lips are blue") is True
    assert is_at_risk("Good morning, everyone.") is False
    assert is_at_risk("") is False


def test_an_assessment_is_a_frozen_value():
    result = assess("hes not breathing")
    assert isinstance(result, Assessment)
    with pytest.raises(FrozenInstanceError):
        result.kind = None


def test_the_model_loads_without_django():
    script = (
        "import sys; import moderation.risk as risk; risk.assess('hes not breathing'); "
        "sys.exit(any(name.split('.')[0] == 'django' for name in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", script], cwd=root, check=True)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "...and not wake up" is an intent; someone who "won't wake" is an emergency.
        ("im going to go to bed and not wake up", SUICIDE),
        ("he wont wake up", OVERDOSE),
        ("i want to go to sleep and never wake up", SUICIDE),
        # A plan to overdose is suicidal intent; an overdose under way is an emergency.
        ("im planning to overdose this weekend", SUICIDE),
        ("i think im overdosing", OVERDOSE),
        # Words that only look alike.
        ("I've decided to stop drinking for good", None),
        ("i'm not suicidal, just tired of the benefits system", None),
        ("What do I do if my friend starts nodding out at a party?", None),
        ("I'm going to end it with him tonight, wish me luck", None),
        ("i dont know what to do my boyfriend has stopped breathing", OVERDOSE),
    ],
)
def test_words_both_readings_share_go_to_the_right_one(text, kind):
    assert assess(text).kind == kind


def test_the_lexicon_refuses_a_list_inside_a_bare_alternative(tmp_path):
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    data["cues"][0]["patterns"] = ["not <HE>|she breathing"]  # meant: (<HE>|she)
    broken = tmp_path / "risk.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="write lists and phrases"):
        load_rules(broken)


# When, told how: the same words, now and not now (none of these is in a corpus).
NOW_AND_NOT_NOW = [
    (
        "a past event with a time, and no word of now",
        "my friend overdosed and hes not breathing",
        "My friend overdosed last night.",
    ),
    (
        "last night, and care has come",
        "took way too much last night and i still cant stay awake",
        "My friend overdosed last night and is in hospital now, she's stable.",
    ),
    (
        "a story framed by 'the night'",
        "my brother just collapsed and wont wake up",
        "The day my brother collapsed at the party, nobody knew what to do.",
    ),
    (
        "the danger has passed",
        "i think ive taken too much, my lips are tingling and im alone",
        "Thought I'd taken too much but it wore off after an hour and I'm ok now.",
    ),
    (
        "a word of now ends the past told before it",
        "Years ago I overdosed and survived. Tonight I've taken everything I have.",
        "Tonight I'm sharing how years ago I overdosed and survived.",
    ),
    (
        "a generic person, described",
        "hes asleep on the sofa and wont respond when i shout",
        "A person who has overdosed may look like they're asleep but won't respond to pain.",
    ),
    (
        "a quote of what someone might post",
        "ive taken all my pills and i want someone to know",
        'Someone posting "I\'ve taken all my pills" needs an ambulance, not a lecture.',
    ),
    (
        "fiction framed after the quote",
        "i wont be around much longer, ive made my peace",
        "'I won't be around much longer,' the old man said. Lovely ending to the film.",
    ),
    (
        "a safety question",
        "took gabapentin with my methadone and now i cant keep my eyes open",
        "Is it safe to take gabapentin with my methadone? My GP wasn't sure.",
    ),
    (
        "overdosed on something that is not a drug",
        "i overdosed on my meds and im scared",
        "I overdosed on chocolate over Christmas, never again",
    ),
    (
        "a racing heart with a reason",
        "first time trying these pills and my heart is racing",
        "first time trying the flat white and my heart is racing, too much caffeine",
    ),
    (
        "a note, and notes for an exam",
        "I've written my note.",
        "I've written my notes for the exam.",
    ),
    (
        "a plan, and a safety plan made together",
        "I've made a plan and I'm doing it tonight",
        "My flatmate and I made a plan: if either of us isn't answering after using, we check.",
    ),
]


@pytest.mark.parametrize(("name", "crisis", "calm"), NOW_AND_NOT_NOW)
def test_when_and_how_it_is_told(name, crisis, calm):
    assert assess(crisis).at_risk, f"{name}: {crisis!r} should be heard"
    assert not assess(calm).at_risk, f"{name}: {calm!r} is not now"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("idk why im writing this but im gonna kms tonight", SUICIDE),
        ("sat in the car in the garage with the engine running", SUICIDE),
        ("the note is in the drawer and ive got my dads gun in my room", SUICIDE),
        ("once ive posted this im going to swallow the lot", SUICIDE),
        ("i dont think ill be around much longer honestly", SUICIDE),
        ("bridge or pills, haven't decided, but it's happening this week", SUICIDE),
        (
            "my brother is on the floor and isnt answering me, his eyes are open but hes not there",
            OVERDOSE,
        ),
        ("she keeps going in and out and now she wont answer at all", OVERDOSE),
        ("why cant i stay awake, i had my usual plus a couple of bars and some wine", OVERDOSE),
        # Having the means at hand is intent; having taken them is an emergency.
        ("ive got a bottle of vodka and all my pills and the house is empty till monday", SUICIDE),
        ("drank a bottle of vodka with all my pills and now i cant stay awake", OVERDOSE),
        # Someone far away who stops answering after saying they will end their life.
        ("my mate texted that hes going to kill himself tonight and now he wont answer", SUICIDE),
        ("the server's not responding again, can someone restart it", None),
        ("my mum's not answering her phone, probably at bingo again", None),
    ],
)
def test_more_ways_of_saying_it(text, kind):
    assert assess(text).kind == kind


def test_a_block_names_why_and_a_past_event_says_when():
    result = assess("My friend overdosed last night and is in hospital now")
    assert not result.at_risk
    reasons = {reason for _cue, why in result.set_aside for reason in why}
    assert {"earlier", "resolved"} <= reasons


# The semantic layer for suicidal intent (issue 18, third round): each category
# clinicians and peer workers use, heard in words of its family that no corpus
# holds, and a look-alike of the same words that is not a crisis.
SEMANTIC_BOTH_WAYS = [
    (
        "wish to be dead",
        "some nights i pray i just wont wake up",
        "i hope i dont wake up late tomorrow, big day",
    ),
    (
        "wish to be dead, asleep",
        "wish i could go to sleep and never have to deal with any of it again",
        "I wish I could sleep forever on a Sunday lol",
    ),
    (
        "active thoughts",
        "honestly dont want to be alive anymore",
        "I don't want to go on that trip, it sounds dull",
    ),
    (
        "tired of living",
        "so tired of existing",
        "tired of living out of a suitcase for work",
    ),
    (
        "researching how",
        "been looking up how many of my sleeping tablets it would take",
        "I looked up how much it would cost to fix my boiler",
    ),
    (
        "preparation",
        "found a home for my cat and sorted who gets my stuff. nothing left to do now",
        "Found a new home for my rabbit because my landlord says no pets",
    ),
    (
        "burden",
        "my family would honestly be so much happier with me gone",
        "my family would be fine without me for the weekend",
    ),
    (
        "no reason to live",
        "there is no reason left for me to stay alive",
        "no reason to stay up late, the match is off",
    ),
    (
        "death as the only way out",
        "feels like dying is the only way out of this",
        "the only way out of this contract is to pay the fee",
    ),
    (
        "unbearable",
        "i cant bear another day of being me",
        "I can't take another minute of this hold music",
    ),
    (
        "im done",
        "im done. with all of it. with living",
        "im done with this diet, pass the chocolate",
    ),
    (
        "absence",
        "dont think ill see christmas to be honest",
        "I won't be around this weekend, it's my sister's wedding",
    ),
    (
        "goodbye",
        "kissed the kids goodnight for the last time",
        "Logging off for the night, thanks for the chat everyone",
    ),
    (
        "someone present",
        "my sister says shes going to end it tonight",
        "my sister says shes going to end it with her boyfriend tonight",
    ),
    (
        "the writer, death and willing it, in other words",
        "every part of me is tempted by death lately",
        "When I die I want my ashes scattered at the beach",
    ),
]


@pytest.mark.parametrize(("name", "crisis", "calm"), SEMANTIC_BOTH_WAYS)
def test_the_semantic_layer_hears_each_category_one_way_and_not_the_other(name, crisis, calm):
    assert assess(crisis).kind == SUICIDE, f"{name}: {crisis!r} should be heard"
    assert not assess(calm).at_risk, f"{name}: {calm!r} only shares the words"


@pytest.mark.parametrize(
    "text",
    [
        "kms fr i cant do this",
        "keep telling myself to kys and tonight im going to listen",
        "thinking of unaliving myself",
        "wanna die so bad rn",
        "dont wanna be here no more",
        "cant take it anymore i want out of this life",
        "i just want it all to stop",
        "this is my way out and im taking it",
        "i wont be a problem for anyone much longer",
        "everyone would be better off without me",
    ],
)
def test_text_speak_and_the_warning_signs_of_public_guidance_are_heard(text):
    assert assess(text).kind == SUICIDE


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("this queue is killing me lol, i want to die", "idiom"),
        ("If someone says 'I want to die', ask them directly and listen.", "instruction"),
        ("Warning signs include saying 'everyone would be better off without me'.", "quote"),
        (
            "Two years ago I wanted to kill myself daily. Today I'm clean and cook for my kids.",
            "past",
        ),
        ("In the novel she writes that she wants to die and walks into the sea.", "fiction"),
        (
            "Have you wished you were dead or wished you could go to sleep and not wake up?",
            "instruction",
        ),
    ],
)
def test_the_semantic_layer_sets_aside_what_only_shares_its_words(text, why):
    result = assess(text)
    assert not result.at_risk
    assert why in {reason for _cue, reasons in result.set_aside for reason in reasons}


def test_a_past_told_across_sentences_is_set_aside_until_a_word_of_now():
    story = (
        "Two years ago I was done with life. I had no reason to live. "
        "Today I'm 18 months clean and I volunteer here."
    )
    assert not assess(story).at_risk
    relapse = "Two years ago I was done with life. Tonight I want to die again."
    assert assess(relapse).kind == SUICIDE


def test_a_first_person_sentence_that_hesitates_leans_to_crisis():
    # A warning sign alone weighs 0.6; said of oneself, now, it is heard.
    assert assess("i cant cope with the thoughts anymore").kind == SUICIDE
    assert assess("i feel like such a burden").kind == SUICIDE
    # The same sign about a thing, or with no one in it, is not.
    assert not assess("I can't do this anymore, this software keeps crashing").at_risk
    assert not assess("no point in anything anymore").at_risk


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("i keep praying i wont wake up", "wish-dead"),
        ("gave my dog to my mum and sorted who gets my stuff", "preparing"),
    ],
)
def test_the_new_reasons_a_moderator_reads(text, code):
    result = assess(text)
    assert (result.kind, result.reason_code) == (SUICIDE, code)
    assert result.reason == REASONS[code]


def test_fields_heard_across_two_sentences_and_shown_in_the_text():
    text = "feel like a ghost already. might as well make it official"
    result = assess(text)
    assert result.kind == SUICIDE
    for cue in result.evidence:
        assert text[cue.start : cue.end] == cue.text


@pytest.mark.parametrize("split", ["blind5", "blind6", "blind7", "blind9", "blind10"])
def test_the_later_blind_sets_hold_after_their_repairs(split):
    # Each was written fresh and run once (first looks in the report of issue 18);
    # the model was then repaired by class, so they now guard those classes.
    cases = [
        json.loads(line)
        for line in (DATA / f"at_risk_{split}.jsonl").read_text(encoding="utf-8").splitlines()
        if line
    ]
    heard = [case for case in cases if assess(case["text"]).at_risk]
    crises = [case for case in cases if case["expect"]]
    caught = [case for case in heard if case["expect"]]
    assert len(caught) / len(crises) >= 0.95
    assert len(caught) / len(heard) >= 0.8
    assert all(assess(case["text"]).kind == case["expect"] for case in caught)


def test_semantic_work_grows_in_step_with_the_text():
    text = (
        "i wish i could sleep forever. nobody would notice if i was gone. "
        "im done with living and i want it all to stop. feel like a ghost. "
    )
    rules = default_rules()
    once = _assess(text * 10, rules)[1]
    twenty = _assess(text * 200, rules)[1]
    assert twenty <= 21 * once, (once, twenty)
