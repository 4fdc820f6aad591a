"""Repairs after blind10, by class: fresh ways of saying each class, and their look-alikes.

None of these sentences is in the blind set: each is another way of saying what a blind10
miss said (a word family or a frame), so the repair is checked for its class, not its example.
"""

import pytest

from moderation.risk import assess


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "went way too hard on the ket and now i keep zoning out and cant feel my legs",
            "overdose",
        ),
        (
            "caned the pills harder than i meant to, my chest is tight and im sweating buckets",
            "overdose",
        ),
        (
            "upped my dose twice in an hour and now my heart is pounding and my face has gone numb",
            "overdose",
        ),
        ("necked my whole week of tablets and i keep drifting away", "overdose"),
        (
            "a lad at the rave gave me something and now im having a fit on the floor, "
            "my mate is filming for the ambulance",
            "overdose",
        ),
        (
            "the powder isnt what the dealer said, im boiling and seeing bugs everywhere",
            "overdose",
        ),
        ("going to check out for good this weekend, ive had enough", "suicide"),
        ("gonna make sure i never have to wake up again", "suicide"),
        ("im going to end my life before the month is out", "suicide"),
        ("honestly i think theyd all be better off if i just stopped breathing", "suicide"),
        ("the only way out i can see is not being alive anymore", "suicide"),
        (
            "im like a millstone round my mums neck, it would be easier for her if i disappeared",
            "suicide",
        ),
        ("wish someone would just switch me off for good", "suicide"),
        ("i keep praying for a stroke so it can finally stop", "suicide"),
        ("id happily not exist, nothing left for me", "suicide"),
        ("ive rigged the belt to the banister, just waiting now", "suicide"),
        (
            "my uncles rifle is in the safe and i know the code. when they go to bed tonight",
            "suicide",
        ),
        ("i'll be gone by morning, please dont blame yourselves", "suicide"),
        ("please tell my dad it wasnt his fault, none of it was", "suicide"),
        ("sorry its ending this way, you were all so kind", "suicide"),
        ("last post from me, thank you for everything", "suicide"),
        ("left letters where my sisters will find them after", "suicide"),
        ("theres nothing for my kids to sort out afterwards, ive done it all", "suicide"),
        ("i wont need any of my things soon, gave most of it to my cousin", "suicide"),
        ("my brother said not to follow him and went off with the rope", "suicide"),
        ("my wife went out with her pills and said we wont see her again", "suicide"),
        ("kms for real this time, not kidding", "suicide"),
        ("been planning it since last spring and tonight is the night", "suicide"),
    ],
)
def test_the_blind10_classes_are_heard_in_other_words(text, kind):
    assert assess(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "went too hard at the gym and now i cant feel my legs lol",
        "caned it at football, harder than i meant to, knees are wrecked",
        "my gp upped my dose of sertraline last month and im sleeping better",
        "a lad at work gave me his old bike, so kind",
        "the sofa isnt what the listing said, returning it",
        "checking out of the hotel for good, never staying there again",
        "make sure i never have to wake up at 5 again, new job starts at 10",
        "i'd happily not go to work on a day like this",
        "kms this homework is impossible lol",
        "praying for a snow day so school shuts",
        "hoping the bus doesnt stop at every stop on the way in",
        "tied the rope to the tree for the kids swing",
        "my dad keeps his rifle in the safe and i know the code for when we go shooting",
        "ill be gone by morning, early train to leeds",
        "please tell my mum it wasnt her fault the cake burned",
        "see you on the other side of the exams lads",
        "sorry its ending this way, the last season was a let down",
        "last post from me on this thread, moving to the new one",
        "left the spare keys where my sister will find them after work",
        "put the parcel on the table for whoever comes to collect it",
        "gave away the kids outgrown clothes, anyone want the pushchair",
        "i wont need my winter coat where im moving, its sunny there",
        "my funeral plan is sorted with the co-op, my nan made me do it haha",
        "she said not to follow her on tiktok",
        "we scattered dads ashes at the football ground, he'd have loved it",
        "talked about finding my brother at the support group tonight",
        "in 2018 i was going to end my life, today i run a peer group",
        "back in 2020 i necked a whole week of tablets, im three years well now",
        "my sister took an overdose last year, shes doing well now",
        (
            "Signs someone may be planning: giving things away,"
            " saying they won't need anything, writing letters."
        ),
        "went too hard on the leg press today and now i can barely walk lol",
        "someone gave me a lift home from the party, so grateful",
        "my mate swore it was just a cold but now hes got flu",
        "the new album is nothing like anything ive had on repeat before",
        "caned it at the gym, harder than planned, legs are dead",
        "kept zoning out in the lecture, so boring",
        "the charger isnt what the listing said, total scam",
        "upped my dose of vitamin d like the doctor said",
        "went too hard on the revision and now im knackered",
        "the sandwich shop guy gave me a free cookie",
        "i'd happily not be at work on a sunny day like this",
        "see you on the other side of exams lads",
        "off to glastonbury tomorrow, see you on the other side",
        "tell my mum its not her fault the cake sank lol",
        "it was never anyones fault, the match was just unlucky",
        "ill be gone before sunrise, early flight to spain",
        "everythings ready now for the party tomorrow",
        "picked the dress i want to be buried in haha my mum thinks im morbid",
        "giving away my winter coats before i move to spain, i wont need any of them there",
        "were selling the car and giving away the cat's old bed, anyone want it",
        (
            "my nan wants to be buried in her favourite c"
            "ardigan, shes 92 and sorted her funeral plans"
        ),
        "we wont hear from him again till he gets back from his trip",
        "she said not to follow her on instagram lol",
        "he went out with the dog and the rope lead",
        "this is my final update on the kitchen renovation",
        "sorry its ending like this, the series finale was rubbish",
        "the only way out of this contract is to pay the fee",
        "im a weight round my own neck with all these hobbies lol",
        "better for him if i just leave the party early honestly",
        "taking myself out of the picture so they can be together, i'll find someone else",
        "praying for a snow day so school is cancelled",
        "hoping the train doesnt stop at every station today",
        "kms this traffic is insane",
        "kms not joking this exam was horrific lol",
        "i'm taking them all to the vet in 20 minutes",
        "that was back in 2019, i'm doing well now",
        "my phone is on its way out, the battery lasts an hour",
        "we scattered grandads ashes at the allotment he loved",
        "support group tonight for parents whose kids overdosed, sharing my story",
        "the units for the kitchen arrived, going to fit them tonight before bed",
        (
            "my husband keeps the shotgun in the cabinet and "
            "i know where the key is for when he shoots clays"
        ),
        "lyrics: i'll be gone before the morning light, don't you cry for me tonight",
        "in the film he ties the rope to the banister and the screen goes black",
        "the novel ends with her leaving letters where her sons will find them after",
        "that poem about checking out permanently from a life of grey offices is so good",
        (
            "Warning signs include saying things like 'you'd be better off if I wasn't "
            "breathing' or giving things away."
        ),
        (
            "A guide for friends: if they say they won't need their things anymore, ask them "
            "directly about suicide."
        ),
        (
            "News: a man who went out with a rope and told his family not to follow him was "
            "found safe by police."
        ),
        (
            "The report found 1 in 8 callers had taken their whole month of medication "
            "before ringing."
        ),
        (
            "two years ago i tied a rope to the loft hatch. my brother found me in time and "
            "im doing so much better now"
        ),
        (
            "in 2021 i was going to check out permanently. therapy and my dog got me "
            "through, im ok now"
        ),
        (
            "since my dad took his own life i keep his letters where my kids will find them "
            "after i'm gone one day, so they know him"
        ),
        "my grandad always said he wanted to be buried in his lodge suit, and he was",
        (
            "grief group tonight was hard, we talked about how he went too hard on the gear "
            "that night"
        ),
        "last year i upped my dose and ended up in a&e, im fine now and off it completely",
        "im not suicidal, just knackered, wish someone would switch off my alarm forever lol",
        "hoping the bus doesnt stop so i can sleep another ten minutes",
        "dark humour but if this meeting doesnt end i'm taking myself out of the picture lmao",
        "my mate says she's going to kill herself if she doesnt get tickets lol",
        (
            "what do i do if my friend says not to follow her and goes out with pills? "
            "asking for a training"
        ),
        (
            "watched that documentary about the nitazene deaths, two people who went too "
            "hard on fake bars"
        ),
        "honestly the only way out of this heatwave is not being alive lol",
        "i'd happily not exist on mondays haha",
        (
            "i've been wanting to quit my job since last year and tonight i finally handed "
            "in my notice"
        ),
        "my nan's funeral wishes are in the envelope on her desk, she's 90 and very organised",
        "everything's ready now for my daughters birthday party",
        (
            "been giving my stuff away all week before i move to australia, i wont need any "
            "of it there"
        ),
        "said goodbye to my old flat, final update from me on the move, thanks all",
        "we won't hear from him again till he's back from the army posting",
        "sorry it's ending like this, our book club is closing after ten years",
        "he caned it at the pub quiz, harder than anyone expected",
    ],
)
def test_their_look_alikes_are_not_alarms(text):
    assert assess(text).kind is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("going to end my life in 20 mins", "suicide"),
        ("im going to take all my pills in 20 minutes", "suicide"),
        ("been wanting to end it since last year and tonight i finally feel ready", "suicide"),
        ("ive wanted to die ever since i was 15 and tonight im doing it", "suicide"),
        ("I have been planning to end my life since 2021, the pills are ready", "suicide"),
        ("i took a load of pills and i cant feel my legs, first time since 2023", "overdose"),
        ("been wanting to die every day since 2019 and tonight im doing it", "suicide"),
        ("Back in 2019 I tried to end my life. Today I am doing ok.", None),
        ("in the 1990s i overdosed twice. clean for decades now", None),
        ("in 2019 i took an overdose and woke up in hospital", None),
        ("That was around 2015, I overdosed twice that year. Clean now.", None),
    ],
)
def test_a_year_is_any_year_and_since_is_never_the_past(text, kind):
    # "in 20 mins" is no year; a year is any year, never a list that goes stale; "since"
    # before a time keeps a crisis going ("since last year" is still now).
    assert assess(text).kind == kind
