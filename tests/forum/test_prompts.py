"""Prompts: the featured question, its schedule, the archive, suggestions, and who may do what."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.test import Client

from forum import clock, prompts, services
from forum.models import Prompt, PromptSuggestion, Thread

JAN = datetime(2027, 1, 1, 9, 0, tzinfo=UTC)


def day(n: int) -> datetime:
    return JAN + timedelta(days=n - 1)


@pytest.fixture
def moderator(make_member):
    return make_member("mod_alex", role="moderator")


@pytest.fixture
def make_prompt(db, category):
    def make(question="What helps?", **fields):
        fields.setdefault("category", category)
        fields.setdefault("framing", "Tell us.")
        return prompts.create_prompt(by=None, question=question, **fields)

    return make


@pytest.fixture(autouse=True)
def _clock_runs_after_each_test():
    yield
    clock.set_time(None)


# -- the schedule ------------------------------------------------------------


@pytest.mark.django_db
def test_the_featured_prompt_follows_the_schedule(make_prompt):
    first = make_prompt("First?", starts_at=day(1), ends_at=day(7))
    second = make_prompt("Second?", starts_at=day(10), ends_at=day(12))
    make_prompt("Never scheduled?")

    assert prompts.featured_prompt(day(1) - timedelta(minutes=1)) is None
    assert prompts.featured_prompt(day(1)) == first
    assert prompts.featured_prompt(day(6)) == first
    # Between the two, nothing is scheduled: the last featured one stays.
    assert prompts.featured_prompt(day(8)) == first
    assert prompts.featured_prompt(day(10)) == second
    assert prompts.featured_prompt(day(30)) == second


@pytest.mark.django_db
def test_an_overlapping_schedule_features_the_newer_start(make_prompt):
    long_running = make_prompt("Long?", starts_at=day(1))
    special = make_prompt("Special day?", starts_at=day(5), ends_at=day(6))

    assert prompts.featured_prompt(day(5)) == special
    assert prompts.featured_prompt(day(6)) == long_running


@pytest.mark.django_db
def test_feature_now_and_retire(make_prompt, moderator):
    scheduled = make_prompt("Scheduled?", starts_at=day(1))
    waiting = make_prompt("Waiting?")
    with clock.frozen_at(day(3)):
        prompts.feature_now(prompt=waiting, by=moderator)
        assert prompts.featured_prompt() == waiting
        prompts.retire_prompt(prompt=waiting, by=moderator)
        assert prompts.featured_prompt() == scheduled


@pytest.mark.django_db
def test_the_thread_is_made_when_first_scheduled_or_featured(make_prompt, moderator, category):
    prompt = make_prompt("Later?")
    assert prompt.thread is None

    prompts.update_prompt(
        prompt=prompt,
        by=moderator,
        question="Later, then?",
        framing="Tell us.",
        category=category,
        starts_at=day(20),
        ends_at=None,
    )

    prompt.refresh_from_db()
    assert prompt.thread.title == "Later, then?"
    assert not prompt.thread.opens_with_post
    prompts.feature_now(prompt=prompt, by=moderator)
    assert Thread.objects.count() == 1


@pytest.mark.django_db
def test_schedule_must_end_after_it_starts(client, moderator, category):
    client.force_login(moderator)
    response = client.post(
        "/prompts/new/",
        {
            "question": "Backwards?",
            "framing": "Oops.",
            "category": category.pk,
            "starts_at": "2027-01-05T10:00",
            "ends_at": "2027-01-04T10:00",
        },
    )
    assert response.status_code == 400
    assert "The end needs to come after the start." in response.content.decode()
    assert not Prompt.objects.exists()


# -- the home page and answering ------------------------------------------------


@pytest.mark.django_db
def test_a_fresh_forum_leads_with_a_seeded_prompt_and_a_member_answers_in_two_clicks(
    client, member
):
    call_command("seed")
    client.force_login(member)

    home = client.get("/").content.decode()
    assert "What does recovery mean to you?" in home
    assert "There is no wrong answer." in home
    thread = Prompt.objects.get(question="What does recovery mean to you?").thread
    share = f'href="{thread.get_absolute_url()}#reply"'
    assert share in home

    # Click one: "Share your answer" opens the thread at the composer.
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Share your answer" in page and 'name="body"' in page
    # Click two: "Post reply".
    response = client.post(thread.get_absolute_url(), {"body": "Being alive and loved."})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.reply_count == 1
    home = client.get("/").content.decode()
    assert "1 answer so far" in home
    assert "Being alive and loved." in home


@pytest.mark.django_db
def test_a_visitor_is_sent_to_join_and_then_back_to_the_question(client):
    call_command("seed")
    thread = prompts.featured_prompt().thread
    home = client.get("/").content.decode()
    assert f"/accounts/signup/?next={thread.get_absolute_url()}%23reply" in home

    response = client.post(
        f"/accounts/signup/?next={thread.get_absolute_url()}%23reply",
        {
            "username": "newcomer",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
        },
    )
    # New recovery codes are shown first; "Continue" goes back to the question.
    codes_page = client.get(response["Location"]).content.decode()
    assert f'href="{thread.get_absolute_url()}#reply">Continue' in codes_page


@pytest.mark.django_db
def test_home_shows_the_latest_answers_and_keeps_anonymous_ones_anonymous(
    client, make_prompt, make_member
):
    prompt = make_prompt("What kept you safe?", starts_at=day(1))
    services.create_post(thread=prompt.thread, author=make_member("open_ola"), body="My sister.")
    services.create_post(
        thread=prompt.thread, author=make_member("hidden_hal"), body="A nurse.", anonymous=True
    )

    with clock.frozen_at(day(2)):
        html = client.get("/").content.decode()

    assert "My sister." in html and "open_ola" in html
    assert "A nurse." in html and "Anonymous" in html
    assert "hidden_hal" not in html
    assert "2 answers so far" in html


@pytest.mark.django_db
def test_the_prompt_thread_shows_question_and_framing_above_the_answers(
    client, make_prompt, member
):
    prompt = make_prompt("What does a good service look like?", starts_at=day(1))
    services.create_post(thread=prompt.thread, author=member, body="No judgement at the door.")

    html = client.get(prompt.thread.get_absolute_url()).content.decode()

    assert html.index("What does a good service look like?") < html.index("Tell us.")
    assert html.index("Tell us.") < html.index("No judgement at the door.")
    assert "1 answer" in html


# -- the archive ---------------------------------------------------------------


@pytest.mark.django_db
def test_archive_shows_current_and_past_to_all_and_upcoming_to_moderators(
    client, make_prompt, make_member, moderator
):
    make_prompt("Past question?", starts_at=day(1))
    make_prompt("Current question?", starts_at=day(5))
    make_prompt("Upcoming question?", starts_at=day(50))
    make_prompt("Unscheduled question?")

    with clock.frozen_at(day(6)):
        for viewer in (None, make_member()):
            browser = Client()
            if viewer:
                browser.force_login(viewer)
            html = browser.get("/prompts/").content.decode()
            assert "Current question?" in html and "Past question?" in html
            assert "Upcoming question?" not in html
            assert "Unscheduled question?" not in html
        client.force_login(moderator)
        html = client.get("/prompts/").content.decode()
    assert "Upcoming question?" in html and "Unscheduled question?" in html
    assert html.index("Current question?") < html.index("Past question?")


# -- suggestions ---------------------------------------------------------------


@pytest.mark.django_db
def test_members_suggest_a_few_a_day(client, member, settings):
    settings.PROMPT_SUGGESTIONS_PER_DAY = 2
    client.force_login(member)
    with clock.frozen_at(day(1)):
        for n in range(2):
            response = client.post("/prompts/suggest/", {"question": f"Idea {n}?"})
            assert response.status_code == 302
        response = client.post("/prompts/suggest/", {"question": "One more idea?"})
        html = response.content.decode()
        assert response.status_code == 400
        assert "You can suggest up to 2 prompts a day" in html
        assert "One more idea?" in html  # the text is kept
    with clock.frozen_at(day(2) + timedelta(minutes=1)):
        assert client.post("/prompts/suggest/", {"question": "One more idea?"}).status_code == 302
    assert PromptSuggestion.objects.count() == 3


@pytest.mark.django_db
def test_suggestion_outcomes_reach_the_member(client, member, moderator, category):
    keep = prompts.suggest_prompt(member=member, question="Whats kept you going?")
    drop = prompts.suggest_prompt(member=member, question="Best dealer in town?")
    moderation_client = Client()
    moderation_client.force_login(moderator)

    response = moderation_client.post(
        f"/prompts/suggestions/{keep.pk}/",
        {
            "action": "approve",
            "question": "What has kept you going?",
            "framing": "Big things or small.",
            "category": category.pk,
            "starts_at": "2027-01-01T09:00",
        },
    )
    assert response.status_code == 302
    response = moderation_client.post(f"/prompts/suggestions/{drop.pk}/", {"action": "decline"})
    assert response.status_code == 400
    assert "Please give a short reason" in response.content.decode()
    moderation_client.post(
        f"/prompts/suggestions/{drop.pk}/",
        {"action": "decline", "reason": "We don't help with buying or selling here."},
    )

    client.force_login(member)
    html = client.get("/prompts/suggestions/mine/").content.decode()
    assert "Approved" in html and "See the answers" in html
    assert "Declined" in html and "We don&#x27;t help with buying or selling here." in html
    prompt = Prompt.objects.get(question="What has kept you going?")
    assert prompt.thread is not None
    # Deciding twice is refused.
    response = moderation_client.post(
        f"/prompts/suggestions/{keep.pk}/", {"action": "decline", "reason": "Changed my mind"}
    )
    assert "already decided" in response.content.decode()


# -- who may do what -------------------------------------------------------------

MODERATOR_ACTIONS = [
    ("get", "/prompts/new/", None),
    (
        "post",
        "/prompts/new/",
        {"question": "Made by?", "framing": "x", "category": "{category}"},
    ),
    ("get", "/prompts/{prompt}/edit/", None),
    (
        "post",
        "/prompts/{prompt}/edit/",
        {"question": "Renamed?", "framing": "x", "category": "{category}", "starts_at": ""},
    ),
    ("post", "/prompts/{prompt}/feature/", {}),
    ("post", "/prompts/{prompt}/retire/", {}),
    ("get", "/prompts/suggestions/", None),
    ("get", "/prompts/suggestions/{suggestion}/", None),
    (
        "post",
        "/prompts/suggestions/{suggestion}/",
        {"action": "approve", "question": "Q?", "framing": "x", "category": "{category}"},
    ),
    ("post", "/prompts/suggestions/{suggestion}/", {"action": "decline", "reason": "No"}),
]


def _fill(value, ids):
    return value.format(**ids) if isinstance(value, str) else value


@pytest.mark.parametrize("who", ["visitor", "member", "moderator"])
@pytest.mark.parametrize(("method", "url", "data"), MODERATOR_ACTIONS)
@pytest.mark.django_db
def test_only_moderators_schedule_feature_and_decide(
    client, who, method, url, data, make_prompt, make_member, category
):
    prompt = make_prompt("Original?")
    suggestion = prompts.suggest_prompt(member=make_member(), question="Suggested?")
    ids = {"prompt": prompt.pk, "suggestion": suggestion.pk, "category": category.pk}
    if who != "visitor":
        client.force_login(make_member(role="moderator" if who == "moderator" else "member"))
    before = (
        list(Prompt.objects.values_list("question", "starts_at", "retired_at")),
        list(PromptSuggestion.objects.values_list("state")),
    )

    if method == "get":
        response = client.get(_fill(url, ids))
    else:
        response = client.post(_fill(url, ids), {k: _fill(v, ids) for k, v in data.items()})

    after = (
        list(Prompt.objects.values_list("question", "starts_at", "retired_at")),
        list(PromptSuggestion.objects.values_list("state")),
    )
    if who == "visitor":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert after == before
    elif who == "member":
        assert response.status_code == 403
        assert after == before
    else:
        assert response.status_code in (200, 302)
        if method == "post":
            assert after != before


@pytest.mark.django_db
def test_seeding_twice_creates_nothing_twice():
    call_command("seed")
    call_command("seed")
    assert Prompt.objects.count() >= 12
    assert Prompt.objects.values("question").distinct().count() == Prompt.objects.count()
    # Every seeded question has run (the first one is running), so each has its thread.
    assert Prompt.objects.filter(thread__isnull=False).count() == Prompt.objects.count()
    for question in (
        "What does recovery mean to you?",
        "Have you seen harm reduction make a difference?",
        "What needs to change?",
    ):
        assert Prompt.objects.filter(question=question).exists()
