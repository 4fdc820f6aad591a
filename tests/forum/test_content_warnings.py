"""Content warnings: words folded behind their labels until the reader opens them."""

import re

import pytest
from django.test import Client

from forum import services
from forum.models import Thread


@pytest.mark.django_db
def test_a_reply_with_warnings_is_folded_for_readers(client, member, thread):
    client.force_login(member)
    client.post(
        thread.get_absolute_url(),
        {"body": "The night I lost my friend.", "content_warnings": ["grief", "overdose"]},
    )

    page = Client().get(thread.get_absolute_url()).content.decode()

    folded = re.search(r'<details class="content-warning">\s*<summary>(.*?)</summary>', page, re.S)
    assert folded and "Overdose, Death and grief" in folded.group(1)
    assert page.index("Overdose, Death and grief") < page.index("The night I lost my friend.")


@pytest.mark.django_db
def test_a_thread_with_warnings_shows_them_in_the_listing(client, member, category):
    client.force_login(member)
    client.post(
        f"/c/{category.slug}/new/",
        {"title": "Losing Sam", "body": "Two years today.", "content_warnings": ["grief"]},
    )
    thread = Thread.objects.get()
    assert thread.content_warnings == ["grief"]
    assert "CW: Death and grief" in Client().get(category.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_member_may_always_unfold_some_labels(client, member, thread, make_member):
    services.create_post(
        thread=thread, author=make_member(), body="About relapse.", content_warnings=["relapse"]
    )
    services.create_post(
        thread=thread, author=make_member(), body="About grief.", content_warnings=["grief"]
    )
    client.force_login(member)
    client.post("/members/settings/", {"handle": "river", "unfold_warnings": ["relapse"]})

    page = client.get(thread.get_absolute_url()).content.decode()

    assert re.search(r'<details class="content-warning" open>\s*<summary>[^<]*Relapse', page)
    assert re.search(r'<details class="content-warning">\s*<summary>[^<]*Death and grief', page)


@pytest.mark.django_db
def test_unknown_warnings_are_refused_and_the_text_kept(client, member, thread):
    client.force_login(member)
    response = client.post(
        thread.get_absolute_url(), {"body": "Keep this.", "content_warnings": ["spiders"]}
    )
    assert response.status_code == 400
    assert "Keep this." in response.content.decode()


@pytest.mark.django_db
def test_home_never_shows_warned_answers_unfolded(client, member, make_member):
    from forum import prompts
    from forum.models import Category

    category = Category.objects.create(name="Grief", slug="grief")
    prompt = prompts.create_prompt(by=None, question="Who?", framing="Tell us.", category=category)
    prompts.feature_now(prompt=prompt, by=None)
    services.create_post(
        thread=prompt.thread, author=member, body="My friend Jo.", content_warnings=["grief"]
    )
    home = client.get("/").content.decode()
    assert "My friend Jo." not in home and "Content warning: Death and grief" in home
