"""Someone may be at risk: the right help is shown, nothing is held, moderators hear first."""

import pytest
from django.test import Client

from forum import services
from forum.models import Post
from moderation.models import Flag, ModerationAction, SupportPanel
from moderation.risk import assess, is_at_risk

OVERDOSE_NOW = "He's not breathing and his lips are going blue, what do I do"
SUICIDE_PLAN = "I've written my note. Tonight when the house is empty I'm taking all of them."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He's not breathing and his lips are blue", True),
        ("She w0n't wake up", True),
        ("I want to end it all tonight", True),
        ("Naloxone reversed his overdose last year.", False),
        ("Suicide prevention week starts Monday.", False),
        ("Good morning, everyone.", False),
    ],
)
def test_the_model_hears_danger_now_and_not_talk_about_it(text, expected):
    assert is_at_risk(text) is expected


# Repairs after blind9, by class: each way of saying it, and the everyday words it
# must not take for a crisis.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("doubled up twice on my methadone and now im nodding hard", "overdose"),
        ("my heart wont slow down, i did way too much coke", "overdose"),
        (
            "mate said it was ket but its hitting completely different and he cant stand up",
            "overdose",
        ),
        ("the pills taste wrong and im burning up and shaking", "overdose"),
        ("shes on the floor and i cant wake her", "overdose"),
        ("im so close to just doing it", "suicide"),
        ("sorry everyone, i couldnt keep fighting", "suicide"),
        ("everyone would be happier if i wasnt in it anymore", "suicide"),
        ("the only way this pain stops is if im dead", "suicide"),
        (
            "ive written everything down for my partner, so nothing is left for her to sort",
            "suicide",
        ),
        ("hoping the tumour comes back and finishes me off", "suicide"),
        ("ive left letters for my kids on the kitchen table", "suicide"),
        ("my brother is sitting in his car with a rope and said hes had enough", "suicide"),
        ("cant wake my son up for school, every single morning", None),
        ("my sister cant wake up without three coffees", None),
        ("the dog wont come round when i call him", None),
        ("goodbye to my old job, starting the new one on monday", None),
        ("sorry i couldnt keep going with the project, work got crazy", None),
        ("wont be online again after tonight until monday, going camping", None),
        ("hoping the cancer doesnt come back, scan on friday", None),
        ("grandad sat in the shed with his shotgun cleaning it like every sunday", None),
        ("my friend said shes had enough of london and is moving to leeds", None),
        ("my mum keeps saying shes had enough of my dad's snoring", None),
        ("headaches can be a sign of dehydration", None),
        ("i keep thinking about not waking up early for the gym", None),
        ("someone who is dehydrated may have a headache and dark urine", None),
        ("my fic has a scene where the brother finds her unresponsive on the floor", None),
    ],
)
def test_the_blind9_classes_are_heard_and_their_look_alikes_are_not(text, expected):
    assert assess(text).kind == expected


def article(page: str, post) -> str:
    return page.split(f'id="post-{post.pk}"')[1].split("</article>")[0]


@pytest.mark.django_db
def test_each_kind_of_danger_gets_its_own_help_and_nothing_is_held(client, thread, member):
    overdose = services.create_post(thread=thread, author=member, body=OVERDOSE_NOW)
    crisis = services.create_post(thread=thread, author=member, body=SUICIDE_PLAN)

    assert overdose.status == crisis.status == Post.Status.VISIBLE
    assert (overdose.risk_kind, crisis.risk_kind) == ("overdose", "suicide")
    page = Client().get(thread.get_absolute_url()).content.decode()
    assert "In an opioid overdose:" in article(page, overdose)
    assert "116 123" not in article(page, overdose)
    assert "116 123" in article(page, crisis) and "You can tell us here" in article(page, crisis)
    assert "naloxone" not in article(page, crisis)


@pytest.mark.django_db
def test_at_risk_items_top_the_queue_with_their_reason_and_age(client, thread, member, make_member):
    calm = services.create_post(thread=thread, author=member, body="My brother is an addict.")
    urgent = services.create_post(thread=thread, author=member, body=SUICIDE_PLAN)
    assert Flag.objects.get(post=urgent).reason == Flag.Reason.AT_RISK
    client.force_login(make_member(role="moderator"))

    queue = client.get("/moderation/queue/").content.decode()

    assert queue.index(f'id="queue-{urgent.pk}"') < queue.index(f'id="queue-{calm.pk}"')
    item = queue.split(f'id="queue-{urgent.pk}"')[1].split("</li>")[0]
    assert "Someone may be at risk:" in item and "a plan with a time" in item
    assert "ago" in item


@pytest.mark.parametrize(
    ("action", "state"), [("reached_out", "resolved"), ("not_a_crisis", "dismissed")]
)
@pytest.mark.django_db
def test_moderators_answer_an_at_risk_item_and_it_is_logged(
    client, thread, member, make_member, action, state
):
    urgent = services.create_post(thread=thread, author=member, body=OVERDOSE_NOW)
    moderator = make_member(role="moderator")
    client.force_login(moderator)

    client.post(
        f"/moderation/posts/{urgent.pk}/act/", {"action": action, "reason": "Spoke to them"}
    )

    flag = Flag.objects.get(post=urgent, reason=Flag.Reason.AT_RISK)
    assert flag.state == state
    row = ModerationAction.objects.get(action=action)
    assert row.actor == moderator and row.post == urgent and row.reason == "Spoke to them"
    assert f'id="queue-{urgent.pk}"' not in client.get("/moderation/queue/").content.decode()
    urgent.refresh_from_db()
    assert urgent.status == Post.Status.VISIBLE and urgent.risk_kind == "overdose"


@pytest.mark.django_db
def test_the_composer_hears_which_kind_too(client):
    check = "/moderation/language/check/"
    assert client.post(check, {"text": SUICIDE_PLAN}).json()["at_risk"] == "suicide"
    assert client.post(check, {"text": OVERDOSE_NOW}).json()["at_risk"] == "overdose"
    assert client.post(check, {"text": "Hello"}).json()["at_risk"] is None


@pytest.mark.parametrize("who", ["visitor", "member", "practitioner", "moderator"])
@pytest.mark.django_db
def test_only_moderators_set_the_support_panels(client, make_member, thread, who):
    if who != "visitor":
        client.force_login(make_member(role=who))
    response = client.post(
        "/moderation/support/",
        {
            "emergency": "Call 000 (Australia).",
            "overdose": "Give naloxone.",
            "helplines": "Lifeline 13 11 14",
            "talking": "Tell us here.",
        },
    )
    panel = SupportPanel.objects.first()
    if who == "moderator":
        assert response.status_code == 302 and panel.emergency == "Call 000 (Australia)."
        services.create_post(thread=thread, author=thread.author, body=SUICIDE_PLAN)
        services.create_post(thread=thread, author=thread.author, body=OVERDOSE_NOW)
        page = Client().get(thread.get_absolute_url()).content.decode()
        assert "Lifeline 13 11 14" in page and "Call 000 (Australia)." in page
    else:
        assert response.status_code in (302, 403) and panel is None
