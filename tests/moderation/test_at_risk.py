"""Words that suggest someone is in danger now: help is shown, moderators are told first."""

import pytest
from django.test import Client

from forum import services
from forum.models import Post
from moderation.at_risk import is_at_risk
from moderation.models import Flag, SupportPanel


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He's not breathing and his lips are blue", True),
        ("She w0n't wake up", True),
        ("I want to end it all tonight", True),
        ("I can't go on", True),
        ("Naloxone reversed his overdose last year.", False),
        ("Suicide prevention week starts Monday.", False),
        ("Good morning, everyone.", False),
    ],
)
def test_the_at_risk_list(text, expected):
    assert is_at_risk(text) is expected


@pytest.mark.django_db
def test_an_at_risk_post_is_published_with_help_and_tops_the_queue(
    client, thread, member, make_member
):
    calm = services.create_post(thread=thread, author=member, body="My brother is an addict.")
    urgent = services.create_post(thread=thread, author=member, body="He's not breathing, help")

    assert urgent.status == Post.Status.VISIBLE and urgent.at_risk
    page = Client().get(thread.get_absolute_url()).content.decode()
    after_post = page.split(f'id="post-{urgent.pk}"')[1]
    assert "In an opioid overdose:" in after_post.split("</article>")[0]
    assert "naloxone" in after_post.split("</article>")[0]
    assert Flag.objects.get(post=urgent).reason == Flag.Reason.AT_RISK
    client.force_login(make_member(role="moderator"))
    queue = client.get("/moderation/queue/").content.decode()
    assert queue.index("not breathing") < queue.index("an addict")
    assert calm.pk


@pytest.mark.django_db
def test_the_composer_hears_of_it_too(client):
    data = client.post("/moderation/language/check/", {"text": "I want to die"}).json()
    assert data["at_risk"] is True
    assert client.post("/moderation/language/check/", {"text": "Hello"}).json()["at_risk"] is False


@pytest.mark.parametrize("who", ["visitor", "member", "practitioner", "moderator"])
@pytest.mark.django_db
def test_only_moderators_set_the_support_panel(client, make_member, thread, who):
    if who != "visitor":
        client.force_login(make_member(role=who))
    response = client.post(
        "/moderation/support/",
        {
            "emergency": "Call 000 (Australia).",
            "overdose": "Give naloxone.",
            "helplines": "Lifeline 13 11 14",
        },
    )
    panel = SupportPanel.objects.first()
    if who == "moderator":
        assert response.status_code == 302 and panel.emergency == "Call 000 (Australia)."
        services.create_post(thread=thread, author=thread.author, body="I want to die")
        assert "Call 000 (Australia)." in Client().get(thread.get_absolute_url()).content.decode()
    else:
        assert response.status_code in (302, 403) and panel is None
