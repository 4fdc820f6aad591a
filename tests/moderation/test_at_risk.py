"""Someone may be at risk: the right help is shown, nothing is held, moderators hear first."""

import pytest
from django.test import Client

from forum import services
from forum.models import Post
from moderation.models import Flag, ModerationAction, SupportPanel
from moderation.risk import is_at_risk

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
