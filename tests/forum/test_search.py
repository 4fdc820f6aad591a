"""Search: the same expectations on SQLite (FTS5) and PostgreSQL (full-text search)."""

import pytest
from django.test import Client

from forum import review, services
from forum.models import Post, Thread


@pytest.fixture
def corpus(category, make_member, member):
    author = make_member("writer_wren")
    moderator = make_member("mod_alex", role="moderator")
    naloxone = services.create_thread(
        category=category, author=author, title="Naloxone kits at the pharmacy", body="Free here."
    )
    other = services.create_thread(
        category=category, author=author, title="Housing support", body="Who can help?"
    )
    reply = services.create_post(
        thread=other, author=author, body="Ask the outreach team; they carry naloxone too."
    )
    quiet = services.create_post(
        thread=other,
        author=make_member("quiet_quinn"),
        body="I keep naloxone at home.",
        anonymous=True,
    )
    held = services.create_post(thread=other, author=author, body="Naloxone is for junkies.")
    hidden = services.create_post(thread=other, author=author, body="Naloxone resale, DM me.")
    review.hide_post(post=hidden, by=moderator)
    removed = services.create_post(thread=other, author=author, body="Naloxone, removed later.")
    services.remove_post_by_author(post=removed, user=author)
    unlisted = services.create_thread(
        category=category, author=member, title="Naloxone crackheads", body="Held thread."
    )
    return {
        "naloxone": naloxone,
        "reply": reply,
        "quiet": quiet,
        "held": held,
        "hidden": hidden,
        "removed": removed,
        "unlisted": unlisted,
    }


def search(client, query, page=None):
    params = {"q": query} | ({"page": page} if page else {})
    return client.get("/search/", params).content.decode()


@pytest.mark.django_db
def test_titles_first_then_visible_posts_with_the_word_highlighted(client, corpus):
    html = search(client, "naloxone")

    assert html.index("Naloxone kits at the pharmacy") < html.index("outreach team")
    assert "<mark>Naloxone</mark> kits" in html
    assert "carry <mark>naloxone</mark> too" in html
    assert "I keep <mark>naloxone</mark> at home." in html
    for word in ("for junkies", "resale", "removed later", "Held thread", "crackheads"):
        assert word not in html


@pytest.mark.django_db
def test_anonymous_results_never_show_their_author(client, corpus):
    html = search(client, "keep naloxone")
    assert "Anonymous" in html and "quiet_quinn" not in html


@pytest.mark.django_db
def test_word_forms_and_several_words(client, corpus):
    assert "outreach team" in search(client, "carrying")  # stemming: carry/carrying
    assert "<mark>outreach</mark> team" in search(client, "outreach naloxone")
    assert "Nothing found" in search(client, "outreach kittens")  # every word must match
    assert "Nothing found" in search(client, "zebras")


@pytest.mark.django_db
def test_results_are_paginated_and_edits_are_found(client, category, make_member):
    author = make_member()
    thread = services.create_thread(category=category, author=author, title="Tips", body="Hi")
    posts = [
        services.create_post(thread=thread, author=author, body=f"methadone tip {n}")
        for n in range(25)
    ]
    first, second = search(client, "methadone"), search(client, "methadone", page=2)
    assert first.count("<mark>methadone</mark>") == 20
    assert second.count("<mark>methadone</mark>") == 5

    services.edit_post(post=posts[0], editor=author, body="buprenorphine instead")
    assert "<mark>buprenorphine</mark> instead" in search(client, "buprenorphine")
    assert Post.objects.count() == 26 and Thread.objects.count() == 1


@pytest.mark.django_db
def test_odd_input_is_harmless(client, corpus):
    for query in ('"', "*", "AND OR NOT", "naloxone)(", "'; DROP TABLE forum_post; --", "   "):
        response = Client().get("/search/", {"q": query})
        assert response.status_code == 200
    assert "Naloxone kits" in search(client, "naloxone)(")
