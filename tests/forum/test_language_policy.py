"""The language policy as members meet it: through the pages they post from."""

import json

import pytest
from django.test import Client

from forum.models import Post, Thread
from moderation.models import Flag


@pytest.fixture
def author_client(client, member):
    client.force_login(member)
    return client


@pytest.mark.django_db
def test_a_slur_holds_the_reply_tells_the_author_why_and_keeps_the_text(
    author_client, thread, make_member
):
    text = "Those junkies by the station should be moved on."

    response = author_client.post(thread.get_absolute_url(), {"body": text}, follow=True)

    post = Post.objects.get(body=text)
    assert post.status == Post.Status.PENDING
    html = response.content.decode()
    assert "waiting for a moderator" in html
    assert "“junkies”" in html
    assert text in html  # the author still sees their words
    assert "person who uses drugs" in html  # and what they could say instead
    thread.refresh_from_db()
    assert thread.reply_count == 0
    flag = Flag.objects.get(post=post)
    assert flag.automatic and flag.reason == Flag.Reason.STIGMA
    assert flag.findings[0]["term"] == "junkie"

    # Nobody else sees the held post.
    for viewer in (Client(), None):
        other = viewer or Client()
        if viewer is None:
            other.force_login(make_member("another_member"))
        assert text not in other.get(thread.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_changing_the_words_publishes_a_held_post(author_client, thread):
    author_client.post(thread.get_absolute_url(), {"body": "What a junkie move."}, follow=True)
    post = Post.objects.latest("id")

    response = author_client.post(
        f"/posts/{post.pk}/edit/", {"body": "What a thoughtless move."}, follow=True
    )

    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == Post.Status.VISIBLE
    assert thread.reply_count == 1 and thread.last_post == post
    assert Flag.objects.get(post=post).state == Flag.State.RESOLVED
    assert "waiting for a moderator" not in response.content.decode()
    assert "What a thoughtless move." in Client().get(thread.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_adding_a_slur_in_an_edit_holds_the_post_again(author_client, thread):
    author_client.post(thread.get_absolute_url(), {"body": "A kind reply."})
    post = Post.objects.latest("id")

    author_client.post(f"/posts/{post.pk}/edit/", {"body": "A kind reply, junkie."})

    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.status == Post.Status.PENDING
    assert thread.reply_count == 0
    assert "A kind reply" not in Client().get(thread.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_thread_with_a_slur_in_its_title_waits_unlisted(author_client, category, member):
    response = author_client.post(
        f"/c/{category.slug}/new/", {"title": "Crackheads in my street", "body": "What to do?"}
    )

    thread = Thread.objects.get()
    assert not thread.public
    assert response["Location"] == thread.get_absolute_url()
    assert "waiting for a moderator" in author_client.get(response["Location"]).content.decode()
    visitor = Client()
    assert visitor.get(thread.get_absolute_url()).status_code == 404
    assert "Crackheads" not in visitor.get(category.get_absolute_url()).content.decode()
    assert "0 threads" in visitor.get("/").content.decode()


@pytest.mark.django_db
def test_a_label_publishes_nudges_and_flags_by_default(author_client, thread):
    response = author_client.post(
        thread.get_absolute_url(), {"body": "My brother is an addict."}, follow=True
    )

    post = Post.objects.latest("id")
    html = response.content.decode()
    assert post.status == Post.Status.VISIBLE
    assert "You wrote “addict”. Many people here prefer: “person who uses drugs”" in html
    assert Flag.objects.filter(post=post, automatic=True, state=Flag.State.OPEN).count() == 1


@pytest.mark.django_db
def test_a_label_only_nudges_when_the_deployment_says_so(author_client, thread, settings):
    settings.MODERATION_MEDIUM_ACTION = "nudge"
    response = author_client.post(
        thread.get_absolute_url(), {"body": "My brother is an addict."}, follow=True
    )
    assert "You wrote “addict”" in response.content.decode()
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_a_debated_word_only_nudges_gently(author_client, thread):
    response = author_client.post(
        thread.get_absolute_url(), {"body": "I relapsed last week."}, follow=True
    )
    assert "You wrote “relapsed”" in response.content.decode()
    assert Post.objects.latest("id").status == Post.Status.VISIBLE
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_harm_reduction_talk_posts_with_nothing_said(author_client, thread):
    response = author_client.post(
        thread.get_absolute_url(),
        {"body": "Always use clean works, never share dirty needles."},
        follow=True,
    )
    html = response.content.decode()
    assert "You wrote" not in html and "waiting for a moderator" not in html
    assert not Flag.objects.exists()


# -- the composer's check endpoint ---------------------------------------------


def check(client, text):
    return client.post("/moderation/language/check/", {"text": text})


@pytest.mark.django_db
def test_check_endpoint_gives_findings_and_ready_edits(client):
    response = check(client, "My brother is an addict.")

    assert response.status_code == 200
    [finding] = response.json()["findings"]
    assert finding["term"] == "addict" and finding["severity"] == "medium"
    assert (finding["start"], finding["end"]) == (17, 23)
    assert finding["edits"][0] == {
        "label": "person who uses drugs",
        "start": 14,
        "end": 23,
        "text": "a person who uses drugs",
    }


@pytest.mark.django_db
def test_check_endpoint_counts_offsets_as_browsers_do(client):
    # An emoji is one character in Python and two in JavaScript.
    text = "🙂🙂 he's a junkie"
    [finding] = check(client, text).json()["findings"]
    assert (finding["start"], finding["end"]) == (12, 18)
    utf16 = text.encode("utf-16-le")
    assert utf16[finding["start"] * 2 : finding["end"] * 2].decode("utf-16-le") == "junkie"


@pytest.mark.django_db
def test_check_endpoint_refuses_text_longer_than_a_post(client, settings):
    settings.FORUM_POST_MAX_LENGTH = 10
    response = check(client, "x" * 11)
    assert response.status_code == 413
    assert "longer than a post can be" in response.json()["error"]


@pytest.mark.django_db
def test_check_endpoint_needs_post_and_a_csrf_token():
    strict = Client(enforce_csrf_checks=True)
    assert strict.get("/moderation/language/check/?text=junkie").status_code == 405
    assert strict.post("/moderation/language/check/", {"text": "junkie"}).status_code == 403


@pytest.mark.django_db
def test_composer_textareas_ask_the_check_endpoint(client, thread):
    html = client.get(thread.get_absolute_url()).content.decode()
    assert 'data-language-check="/moderation/language/check/"' in html
    assert 'src="/static/js/composer.js"' in html
    assert json.dumps("Words to look at again")[1:-1] in html
