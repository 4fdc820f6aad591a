"""A member's drafts, kept on the server: saved, shown again, discarded, forgotten, private."""

import json
import re

import pytest

from forum import drafts
from forum.models import Draft, Post
from forum.search import search

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def _draft_url(thread):
    return f"/threads/{thread.pk}/draft/"


def _textarea(page) -> str:
    return re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', page, re.S).group(1)


def test_a_saved_draft_is_in_the_reply_box_on_the_next_visit(client, thread, member):
    client.force_login(member)
    answer = client.post(_draft_url(thread), {"body": "Half a thought about methadone"}, **JSON)
    assert answer.json() == {"saved": True, "discarded": False}

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Half a thought about methadone" in _textarea(page)
    assert re.search(r"<button[^>]*data-draft-discard(?![^>]*hidden)", page)


def test_save_draft_button_works_without_javascript(client, thread, member):
    client.force_login(member)
    response = client.post(_draft_url(thread), {"body": "Kept by the button", "draft": "save"})
    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}#reply"
    page = client.get(response["Location"]).content.decode()
    assert "Your draft is saved. Only you can see it." in page
    assert "Kept by the button" in _textarea(page)


def test_discarding_empties_the_reply_box(client, thread, member):
    client.force_login(member)
    client.post(_draft_url(thread), {"body": "Never mind"}, **JSON)
    response = client.post(_draft_url(thread), {"draft": "discard"})
    page = client.get(response["Location"]).content.decode()
    assert "Your draft is discarded." in page
    assert _textarea(page).strip() == ""
    assert not Draft.objects.exists()


def test_posting_forgets_the_draft(client, thread, member):
    client.force_login(member)
    client.post(_draft_url(thread), {"body": "Thanks all"}, **JSON)
    client.post(thread.get_absolute_url(), {"body": "Thanks all"})
    assert Post.objects.filter(body="Thanks all").exists()
    assert not Draft.objects.exists()
    assert _textarea(client.get(thread.get_absolute_url()).content.decode()).strip() == ""


def test_starting_a_thread_forgets_its_draft(client, category, member):
    client.force_login(member)
    client.post(
        f"/c/{category.slug}/new/draft/", {"title": "Test strips", "body": "Where?"}, **JSON
    )
    page = client.get(f"/c/{category.slug}/new/").content.decode()
    assert 'value="Test strips"' in page and "Where?" in _textarea(page)
    client.post(f"/c/{category.slug}/new/", {"title": "Test strips", "body": "Where?"})
    assert not Draft.objects.exists()


def test_a_draft_keeps_who_it_replies_to(client, thread, member, make_member):
    from forum import services

    answered = services.create_post(thread=thread, author=make_member("kit"), body="Hello")
    client.force_login(member)
    client.post(_draft_url(thread), {"body": "Hi kit", "reply_to": answered.pk}, **JSON)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f'name="reply_to" value="{answered.pk}"' in page
    assert "Replying to kit" in page


def test_another_member_never_sees_nor_changes_my_draft(client, thread, member, make_member):
    client.force_login(member)
    client.post(_draft_url(thread), {"body": "Only mine"}, **JSON)

    client.force_login(make_member("nosy_neighbour"))
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Only mine" not in page
    client.post(_draft_url(thread), {"body": "Overwritten?"}, **JSON)
    client.post(_draft_url(thread), {"draft": "discard"}, **JSON)
    assert Draft.objects.get(member=member).body == "Only mine"

    client.logout()
    assert "Only mine" not in client.get(thread.get_absolute_url()).content.decode()
    assert list(search("mine", viewer=member)) == []


def test_visitors_have_no_server_drafts(client, thread):
    response = client.post(_draft_url(thread), {"body": "Visitor words"}, **JSON)
    assert response.status_code == 302  # to sign in
    assert not Draft.objects.exists()


def test_no_draft_for_a_thread_the_member_may_not_read(client, thread, member, make_member):
    from forum.models import Thread

    Thread.objects.filter(pk=thread.pk).update(public=False)
    client.force_login(make_member("outsider"))
    assert client.post(_draft_url(thread), {"body": "x"}, **JSON).status_code == 404
    assert not Draft.objects.exists()


def test_a_draft_is_length_capped_like_a_post(client, thread, member, settings):
    settings.FORUM_POST_MAX_LENGTH = 50
    client.force_login(member)
    answer = client.post(_draft_url(thread), {"body": "x" * 51}, **JSON)
    assert answer.status_code == 400
    assert "longer than a post can be" in answer.json()["message"]
    assert not Draft.objects.exists()

    # Without JavaScript, the words come back in the box rather than being lost.
    response = client.post(_draft_url(thread), {"body": "y" * 51, "draft": "save"})
    page = client.get(response["Location"]).content.decode()
    assert "y" * 51 in page


@pytest.mark.rate_limits
def test_drafts_are_saved_at_most_so_often(client, thread, member, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "draft": "2/m"}
    client.force_login(member)
    for n in range(2):
        assert client.post(_draft_url(thread), {"body": f"v{n}"}, **JSON).status_code == 200
    refused = client.post(_draft_url(thread), {"body": "v3"}, **JSON)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert Draft.objects.get().body == "v1"


def test_a_visitors_words_become_their_draft_after_joining(client, thread):
    client.post(thread.get_absolute_url(), {"body": "Written before joining"})
    client.post(
        f"/accounts/signup/?next={thread.get_absolute_url()}",
        {
            "username": "new_joiner",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
        },
    )
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Written before joining" in _textarea(page)
    assert Draft.objects.get(member__handle="new_joiner").body == "Written before joining"
    assert drafts.load(client.session, drafts.thread_key(thread.pk)) is None


def test_my_export_has_my_drafts_and_no_one_elses(client, thread, member, make_member):
    other = make_member("other_writer")
    drafts.keep(member=other, key=drafts.thread_key(thread.pk), body="Their words")
    client.force_login(member)
    client.post(_draft_url(thread), {"body": "My words"}, **JSON)
    data = json.loads(client.get("/members/settings/export/").content)
    assert [d["text"] for d in data["drafts"]] == ["My words"]
    assert "Their words" not in json.dumps(data)


def test_members_reply_box_offers_save_draft_and_a_visitors_does_not(client, thread, member):
    for _ in range(2):  # the second page comes from the composer kept in memory
        page = client.get(thread.get_absolute_url()).content.decode()
        assert "data-visitor" in page and "Save draft" not in page
        assert "__" not in re.search(r'<form[^>]*class="composer".*?</form>', page, re.S).group(0)
    client.force_login(member)
    for _ in range(2):
        page = client.get(thread.get_absolute_url()).content.decode()
        form = re.search(r'<form[^>]*class="composer".*?</form>', page, re.S).group(0)
        assert f'data-draft-url="/threads/{thread.pk}/draft/"' in form
        assert f'formaction="/threads/{thread.pk}/draft/"' in form
        assert f'href="{thread.get_absolute_url()}?reply_to=none#reply"' in form
        assert "Save draft" in form and "__" not in form


def test_a_visitors_reply_to_a_post_is_still_one_after_signing_in(client, thread, make_member):
    from forum import services

    answered = services.create_post(thread=thread, author=make_member("kit"), body="Hello")
    make_member("late_signer")
    client.post(thread.get_absolute_url(), {"body": "Hi kit", "reply_to": answered.pk})
    client.post(
        f"/accounts/login/?next={thread.get_absolute_url()}",
        {"login": "late_signer", "password": "a-long-passphrase"},
    )
    client.get(thread.get_absolute_url())  # the words become the member's draft
    assert Draft.objects.get(member__handle="late_signer").reply_to == answered
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Replying to kit" in page and "Hi kit" in _textarea(page)
