"""Watched words: moderators' own list, applied at once in every process."""

import pytest
from django.test import Client

from forum.models import Post
from moderation import actions, screening, watched
from moderation.models import Flag, ModerationAction, WatchedWord


@pytest.fixture
def moderator(make_member):
    return make_member("mod_alex", role="moderator")


def add(client, term, action, **extra):
    return client.post(
        "/moderation/watched/", {"add": "1", "term": term, "action": action, **extra}
    )


@pytest.mark.django_db
def test_each_action_applies_to_new_posts(client, moderator, member, thread):
    client.force_login(moderator)
    add(client, "scumbag", "block")
    add(client, "grass", "hold")
    add(client, "snitch", "flag")
    add(client, "the man", "replace", replacement="the police")
    author = Client()
    author.force_login(member)

    blocked = author.post(thread.get_absolute_url(), {"body": "What a s.c.u.m.b.a.g."})
    assert blocked.status_code == 400
    assert "can&#x27;t be posted here because of “s.c.u.m.b.a.g”" in blocked.content.decode()
    assert "What a s.c.u.m.b.a.g." in blocked.content.decode()  # the text is kept

    author.post(thread.get_absolute_url(), {"body": "He is a grass."})
    assert Post.objects.get(body="He is a grass.").status == Post.Status.PENDING
    # The author sees which words held it, as with the built-in list.
    assert "<strong>“grass”</strong>" in author.get(thread.get_absolute_url()).content.decode()
    author.post(thread.get_absolute_url(), {"body": "Don't be a snitch."})
    flagged = Post.objects.get(body="Don't be a snitch.")
    assert flagged.status == Post.Status.VISIBLE
    assert Flag.objects.get(post=flagged).automatic
    author.post(thread.get_absolute_url(), {"body": "Watch out for the man."})
    assert Post.objects.filter(body="Watch out for the police.").exists()


@pytest.mark.django_db
def test_patterns_and_the_test_box(client, moderator):
    client.force_login(moderator)
    assert add(client, "[unclosed", "flag", is_pattern="on").status_code == 400
    add(client, r"\bsell(ing)? pills\b", "hold", is_pattern="on")

    page = client.get("/moderation/watched/", {"sample": "I'm selling pills cheap"})

    html = page.content.decode()
    assert "“selling pills”" in html and "hold" in html
    assert WatchedWord.objects.count() == 1


@pytest.mark.django_db
def test_a_new_word_applies_without_a_restart(moderator):
    # The version is read from the database on every screening, so another
    # process's addition is seen by this one on its next post.
    assert not screening.screen("you scumbag").hold
    version_before = watched.current_version()

    WatchedWord.objects.create(term="scumbag", action="hold", created_by=moderator)

    assert watched.current_version() != version_before
    assert screening.screen("you scumbag").hold
    WatchedWord.objects.all().delete()
    assert not screening.screen("you scumbag").hold


@pytest.mark.django_db
def test_transparency_page_counts_without_names(client, moderator, member, thread):
    actions.act_on_member(member=member, by=moderator, action="warn", reason="Be kind")
    Flag.objects.create(post=thread.posts.get(), reporter=member, reason="spam")

    html = Client().get("/moderation/transparency/").content.decode()

    assert "Warned a member: 1" in html and "Spam: 1" in html
    assert "mod_alex" not in html and "river" not in html


@pytest.mark.django_db
def test_the_admin_cannot_change_or_delete_the_log(client, member, moderator, make_member):
    actions.act_on_member(member=member, by=moderator, action="warn", reason="Be kind")
    row = ModerationAction.objects.get()
    admin = make_member("site_admin", is_staff=True, is_superuser=True)
    client.force_login(admin)

    assert client.get("/admin/moderation/moderationaction/").status_code == 200
    change = client.post(
        f"/admin/moderation/moderationaction/{row.pk}/change/", {"reason": "rewritten"}
    )
    delete = client.post(f"/admin/moderation/moderationaction/{row.pk}/delete/", {"post": "yes"})

    assert change.status_code == 403 and delete.status_code == 403
    row.refresh_from_db()
    assert row.reason == "Be kind"


@pytest.mark.parametrize("who", ["visitor", "member", "practitioner"])
@pytest.mark.django_db
def test_only_moderators_manage_watched_words(client, make_member, who):
    if who != "visitor":
        client.force_login(make_member(role=who))
    assert client.get("/moderation/watched/").status_code in (302, 403)
    add(client, "x-word", "block")
    assert not WatchedWord.objects.exists()
