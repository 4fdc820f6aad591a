"""Watched words: moderators' own list, applied at once in every process."""

import time

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
    page = blocked.content.decode()
    assert "“s.c.u.m.b.a.g” is blocked by this forum&#x27;s moderators" in page
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


# -- patterns run on a linear-time engine (RE2) --------------------------------------


@pytest.mark.django_db
def test_a_catastrophic_pattern_cannot_stall_a_check_or_a_page(client, moderator, thread):
    client.force_login(moderator)
    assert add(client, "(a+)+$", "hold", is_pattern="on").status_code == 302
    visitor = Client()

    started = time.perf_counter()
    miss = visitor.post("/moderation/language/check/", {"text": "a" * 30 + "!"})
    long_miss = visitor.post("/moderation/language/check/", {"text": "a" * 19_999 + "!"})
    hit = visitor.post("/moderation/language/check/", {"text": "a" * 30})
    page = visitor.get(thread.get_absolute_url())
    elapsed = time.perf_counter() - started

    assert miss.status_code == long_miss.status_code == page.status_code == 200
    assert miss.json()["findings"] == [] and long_miss.json()["findings"] == []
    assert [f["text"] for f in hit.json()["findings"]] == ["a" * 30]
    assert hit.json()["findings"][0]["category"] == "watched:hold"
    # Backtracking engines take seconds on the first text and years on the second.
    assert elapsed < 2


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(\w)\1", "Back-references"),
        (r"(?P<x>a)(?P=x)", "Back-references"),
        (r"pills(?= for sale)", "Look-ahead and look-behind"),
        (r"(?<!no )deal", "Look-ahead and look-behind"),
        (r"(?:\p{L}{1,100}){1,10}", "too big to check quickly"),
        (r"x{1,5000}", "too big to check quickly"),
        (r"a++", "a feature watched patterns can&#x27;t run"),
        ("[unclosed", "can&#x27;t be read"),
    ],
)
@pytest.mark.django_db
def test_patterns_re2_cannot_run_are_refused_with_a_reason(client, moderator, pattern, reason):
    client.force_login(moderator)

    response = add(client, pattern, "hold", is_pattern="on")

    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not WatchedWord.objects.exists()


@pytest.mark.django_db
def test_a_pattern_saved_before_re2_is_skipped_not_fatal(moderator, caplog):
    WatchedWord.objects.create(term=r"(\w)\1", is_pattern=True, action="hold")
    WatchedWord.objects.create(term=r"\bsell(ing)? pills\b", is_pattern=True, action="hold")

    decision = screening.screen("Selling pills, and a good book.")

    assert decision.hold
    assert [f.text for f in decision.findings] == ["Selling pills"]
    assert "cannot run on RE2" in caplog.text


# -- watched words take precedence over the built-in lexicon -------------------------


@pytest.mark.django_db
def test_a_replace_word_the_lexicon_also_knows_is_replaced_not_held(
    client, moderator, member, thread
):
    client.force_login(moderator)
    add(client, "junkie", "replace", replacement="person who uses drugs")
    assert screening.screen("He's a junkie.").hold is False
    author = Client()
    author.force_login(member)

    author.post(thread.get_absolute_url(), {"body": "He's a junkie. Junkies deserve care."})

    post = Post.objects.latest("id")
    assert post.body == "He's a person who uses drugs. People who use drugs deserve care."
    assert post.status == Post.Status.VISIBLE
    assert not Flag.objects.filter(post=post).exists()


@pytest.mark.django_db
def test_a_watched_word_replaces_the_lexicon_finding_it_overlaps(moderator):
    WatchedWord.objects.create(term="addict", action="flag", created_by=moderator)

    findings = watched.analyze("My brother is an addict, not a junkie.")

    # One finding per word: the moderators' for "addict", the lexicon's for the rest.
    assert [(f.text, f.category) for f in findings] == [
        ("addict", "watched:flag"),
        ("junkie", "slur"),
    ]


@pytest.mark.django_db
def test_block_message_names_the_words_and_the_moderators(moderator):
    WatchedWord.objects.create(term="scumbag", action="block", created_by=moderator)
    WatchedWord.objects.create(term="grass", action="block", created_by=moderator)

    one = watched.blocked_message(watched.analyze("What a s.c.u.m.b.a.g and a junkie"))
    two = watched.blocked_message(watched.analyze("scumbag, grass, scumbag"))

    assert one == (
        "This can't be posted here: “s.c.u.m.b.a.g” is blocked by this forum's moderators. "
        "Please change that word; the rest of your text is kept."
    )
    assert "“scumbag”, “grass” are blocked by this forum's moderators" in two
    assert "slur" not in one + two
