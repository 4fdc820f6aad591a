"""Nobody floods the forum: one limiter for pages and sockets, per member.

These run with the forum's real limits (the `rate_limits` mark); other tests
get roomy ones so their fixtures can build many posts at once.
"""

import pytest
from django.test import Client

from forum import clock
from forum.models import Post, Thread

pytestmark = [pytest.mark.rate_limits, pytest.mark.django_db]


@pytest.fixture
def poster(make_member):
    """A member who is no longer new (new members have slower limits, below)."""
    client = Client()
    member = make_member("quick_quinn", established_at=clock.now())
    client.force_login(member)
    return client


def test_new_members_post_more_slowly(make_member, thread, settings):
    newcomer = Client()
    newcomer.force_login(make_member("just_joined"))
    for n in range(10):
        newcomer.post(thread.get_absolute_url(), {"body": f"Hello {n}"})
    limit = int(settings.FORUM_RATE_LIMITS["reply_new"].split("/")[0])
    assert Post.objects.filter(author__handle="just_joined").count() == limit
    assert limit < int(settings.FORUM_RATE_LIMITS["reply"].split("/")[0])


def test_thirty_fast_replies_are_not_all_created_and_the_text_is_kept(poster, thread, settings):
    answers = [
        poster.post(thread.get_absolute_url(), {"body": f"Reply number {n}"}) for n in range(30)
    ]

    created = Post.objects.filter(thread=thread, author__handle="quick_quinn").count()
    limit = int(settings.FORUM_RATE_LIMITS["reply"].split("/")[0])
    assert created == limit
    refused = answers[limit]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    page = refused.content.decode()
    assert f"Reply number {limit}" in page  # the words are still in the box
    assert "you can post again in" in page


def test_the_wait_passes_and_posting_opens_again(poster, thread, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": "2/m"}
    start = clock.now()
    with clock.frozen_at(start):
        for n in range(3):
            poster.post(thread.get_absolute_url(), {"body": f"Reply {n}"})
    assert Post.objects.filter(author__handle="quick_quinn").count() == 2
    from datetime import timedelta

    with clock.frozen_at(start + timedelta(minutes=2, seconds=1)):
        response = poster.post(thread.get_absolute_url(), {"body": "Later on"})
    assert response.status_code == 302
    assert Post.objects.filter(author__handle="quick_quinn").count() == 3


def test_starting_threads_is_limited_too(poster, category, settings):
    limit = int(settings.FORUM_RATE_LIMITS["thread"].split("/")[0])
    answers = [
        poster.post(f"/c/{category.slug}/new/", {"title": f"Topic {n}", "body": "Hello there"})
        for n in range(limit + 2)
    ]
    assert Thread.objects.filter(author__handle="quick_quinn").count() == limit
    assert answers[-1].status_code == 429
    assert f"Topic {limit + 1}" in answers[-1].content.decode()


def test_the_limit_is_per_member_not_per_browser(make_member, thread, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": "3/m"}
    member = make_member("two_tabs", established_at=clock.now())
    tabs = [Client(), Client()]
    for tab in tabs:
        tab.force_login(member)
    for n in range(6):
        tabs[n % 2].post(thread.get_absolute_url(), {"body": f"Tab reply {n}"})
    assert Post.objects.filter(author=member).count() == 3
    other = Client()
    other.force_login(make_member("someone_else"))
    assert other.post(thread.get_absolute_url(), {"body": "Mine"}).status_code == 302


def test_the_composer_check_is_limited_for_members_and_visitors(client, make_member, settings):
    settings.FORUM_RATE_LIMITS = {
        **settings.FORUM_RATE_LIMITS,
        "check": "5/m",
        "check_visitors": "8/m",
    }
    # A visitor with no session at all shares one allowance with every such visitor.
    answers = [client.post("/moderation/language/check/", {"text": "a junkie"}) for _ in range(9)]
    assert [a.status_code for a in answers].count(200) == 8
    assert answers[-1].status_code == 429 and "error" in answers[-1].json()

    member = Client()
    member.force_login(make_member())
    answers = [member.post("/moderation/language/check/", {"text": "hello"}) for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert int(answers[-1]["Retry-After"]) > 0


def test_a_long_text_is_refused_by_the_check_without_being_read(client, settings):
    response = client.post(
        "/moderation/language/check/", {"text": "x" * (settings.FORUM_POST_MAX_LENGTH + 1)}
    )
    assert response.status_code == 413
