"""A member's own account: handle, defaults, their data, leaving; and the logged reveal."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from accounts.models import User
from forum import prompts, review, services
from forum.models import Post, Revision
from moderation.models import Flag, ModerationAction

PASSWORD = "a-long-passphrase"


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.mark.django_db
def test_member_changes_handle_and_signed_posts_follow(signed_in, member, thread):
    response = signed_in.post(
        "/members/settings/", {"handle": "river_runs", "anonymous_by_default": ""}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.handle == "river_runs"
    assert "river_runs" in Client().get(thread.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("SAM", "already taken"),
        ("Anonymous", "can&#x27;t be used here"),
        ("two words", "without spaces"),
        ("ab", "at least 3 characters"),
    ],
)
@pytest.mark.django_db
def test_handle_change_is_refused_with_a_reason(signed_in, member, make_member, handle, message):
    make_member("sam")
    response = signed_in.post("/members/settings/", {"handle": handle})
    assert response.status_code == 400
    assert message in response.content.decode()
    member.refresh_from_db()
    assert member.handle == "river"


@pytest.mark.django_db
def test_anonymous_by_default_ticks_the_box(signed_in, member, thread):
    signed_in.post("/members/settings/", {"handle": "river", "anonymous_by_default": "on"})
    page = signed_in.get(thread.get_absolute_url()).content.decode()
    assert re.search(r'<input[^>]*name="anonymous"[^>]*checked', page)


@pytest.mark.django_db
def test_export_holds_my_data_and_nobody_elses(signed_in, member, make_member, thread):
    other = make_member("someone_else")
    services.create_post(thread=thread, author=other, body="Not mine.")
    services.create_post(thread=thread, author=member, body="Mine, quietly.", anonymous=True)
    Flag.objects.create(post=thread.posts.first(), reporter=member, reason="spam", note="test")
    prompts.suggest_prompt(member=member, question="What helps on a bad day?")

    response = signed_in.get("/members/settings/export/")

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["handle"] == "river"
    texts = [post["text"] for post in data["posts"]]
    assert "Mine, quietly." in texts and "Any tips?" in texts
    assert "Not mine." not in texts
    assert data["flags_made"][0]["note"] == "test"
    assert data["prompt_suggestions"][0]["question"] == "What helps on a bad day?"
    assert "someone_else" not in response.content.decode()


@pytest.mark.django_db
def test_closing_an_account_and_keeping_posts(signed_in, member, thread, make_member):
    reply = services.create_post(thread=thread, author=make_member(), body="A reply.")
    hidden = services.create_post(thread=thread, author=member, body="Quiet one.", anonymous=True)

    response = signed_in.post("/members/settings/delete/", {"posts": "keep", "password": PASSWORD})

    assert response.status_code == 302
    assert not User.objects.filter(handle="river").exists()
    page = Client().get(thread.get_absolute_url()).content.decode()
    assert "Any tips?" in page and "Deleted member" in page
    assert "Quiet one." in page and "Anonymous" in page
    assert "river" not in page
    assert Post.objects.get(pk=hidden.pk).author is None
    assert Post.objects.get(pk=reply.pk).status == Post.Status.VISIBLE
    assert "Sign out" not in signed_in.get("/").content.decode()


@pytest.mark.django_db
def test_closing_an_account_and_removing_posts(signed_in, member, thread):
    post = thread.posts.get()
    services.edit_post(post=post, editor=member, body="Edited words.")

    signed_in.post("/members/settings/delete/", {"posts": "remove", "password": PASSWORD})

    post.refresh_from_db()
    assert post.status == Post.Status.REMOVED and post.body == "" and post.body_html == ""
    assert not Revision.objects.filter(post=post).exists()
    page = Client().get(thread.get_absolute_url()).content.decode()
    assert "removed by its author" in page
    assert "Edited words." not in page and "Any tips?" not in page


@pytest.mark.django_db
def test_closing_an_account_needs_the_password(signed_in, member):
    response = signed_in.post("/members/settings/delete/", {"posts": "keep", "password": "nope"})
    assert response.status_code == 400
    assert "doesn&#x27;t match" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


# -- a moderator's look behind "Anonymous" --------------------------------------------


@pytest.mark.django_db
def test_only_moderators_see_who_wrote_an_anonymous_post_and_each_look_is_logged(
    client, thread, make_member
):
    author = make_member("quiet_quinn")
    post = services.create_post(thread=thread, author=author, body="Hard day.", anonymous=True)
    moderator = make_member("mod_alex", role="moderator")
    url = f"/moderation/posts/{post.pk}/reveal/"

    assert client.post(url)["Location"].startswith("/accounts/login/")
    for role in ("member", "practitioner"):
        client.force_login(make_member(role=role))
        assert client.post(url).status_code == 403
    client.force_login(moderator)
    thread_page = client.get(thread.get_absolute_url()).content.decode()
    assert "quiet_quinn" not in thread_page  # not until asked
    assert client.get(url).status_code == 405  # a followed link reveals nothing

    response = client.post(url)

    assert "quiet_quinn" in response.content.decode()
    row = ModerationAction.objects.get()
    assert (row.actor, row.action, row.post, row.member) == (moderator, "reveal", post, author)


@pytest.mark.django_db
def test_the_moderation_log_cannot_be_changed_or_deleted(thread, make_member):
    moderator = make_member("mod_alex", role="moderator")
    review.hide_post(post=thread.posts.get(), by=moderator)
    row = ModerationAction.objects.get()

    row.reason = "rewriting history"
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()
    with pytest.raises(PermissionDenied):
        ModerationAction.objects.update(reason="x")
    with pytest.raises(PermissionDenied):
        ModerationAction.objects.all().delete()
    assert ModerationAction.objects.get().reason == ""
