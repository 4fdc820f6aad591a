"""Edit history: "edited" opens a readable diff for everyone who can see the post."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import history, review, services
from forum.models import Post

# -- the diff (pure) ---------------------------------------------------------------------------


def unlabelled(html):
    """Without the words only screen readers hear."""
    return re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)


def tags(html):
    return set(re.findall(r"</?([a-z0-9]+)", html))


def test_a_one_word_change_marks_only_that_word():
    html = history.diff_html(
        "I went to the clinic today.", "I went to the pharmacy today.", removed_label="removed:"
    )
    assert html.startswith("I went to the ")
    assert '<del><span class="visually-hidden">removed: </span>clinic </del>' in html
    assert "<ins>pharmacy </ins>" in html
    assert html.endswith("</ins>today.")


def test_everything_is_escaped_and_only_change_marks_are_added():
    before = '<script>alert("hi")</script> & <b>bold</b>'
    after = '<img src=x onerror="alert(1)"> & <a href="javascript:x">link</a>'
    html = history.diff_html(before, after, removed_label="<removed>", added_label='"added"')

    assert tags(html) <= {"ins", "del", "span", "br"}
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;" in html and "&gt;" in html and "&amp;" in html and "&quot;" in html
    assert "&lt;removed&gt;" in html and "&quot;added&quot;" in html


def test_added_and_removed_paragraphs_keep_their_lines():
    before = "First paragraph.\n\nSecond paragraph.\n"
    after = "First paragraph.\n\nA new middle.\n\nSecond paragraph.\n"
    html = history.diff_html(before, after)

    assert "<del>" not in html
    assert "<ins>A new middle.<br>" in html
    assert html.count("<br>") == after.count("\n")


def test_unchanged_text_has_no_marks():
    text = "Nothing changed here.\nAt all."
    assert history.diff_html(text, text) == "Nothing changed here.<br>At all."


def test_a_line_break_added_or_taken_away_is_visible():
    html = history.diff_html("one two", "one\ntwo")
    assert "<ins>¶<br>" in html
    assert "¶" in history.diff_html("one\ntwo", "one two")


def test_a_long_rewritten_post_still_shows_what_went_and_what_came():
    before = " ".join(f"old{n}" for n in range(3000))
    after = " ".join(f"new{n}" for n in range(3000))
    html = history.diff_html(before, after)
    assert "<del>" in html and "<ins>" in html
    assert "old2999" in html and "new2999" in html


def test_withheld_words_are_not_shown_at_all():
    html = history.diff_html(
        "Call me on 555 0100 any time.",
        "Call me on [removed] any time.",
        withheld_label="words taken out by a moderator",
    )
    assert "555" not in html and "0100" not in html
    assert "[words taken out by a moderator]" in html
    assert "<ins>[removed] </ins>" in html
    assert html.startswith("Call me on ") and html.endswith("any time.")


@pytest.mark.parametrize(
    ("editor_id", "author_id", "reason", "by"),
    [
        (1, 1, "", "author"),
        (1, 1, "tidying my own words", "author"),  # a moderator's own post stays the author's
        (2, 1, "", "moderator"),
        (2, 1, "Removed a phone number", "moderator"),
        (None, 1, "", "moderator"),  # the editor's account is gone, the author's is not
        (None, None, "Removed a name", "moderator"),
        (None, None, "", "author"),
    ],
)
def test_who_made_an_edit(editor_id, author_id, reason, by):
    assert history.edited_by(editor_id=editor_id, author_id=author_id, reason=reason) == by


# -- the page ----------------------------------------------------------------------------------


@pytest.fixture
def moderator(make_member):
    return make_member("mod_morgan", role="moderator")


@pytest.fixture
def client_as(client, make_member, member, moderator):
    def as_role(role):
        if role == "member":
            client.force_login(make_member("passer_by"))
        elif role == "author":
            client.force_login(member)
        elif role == "moderator":
            client.force_login(moderator)
        return client

    return as_role


@pytest.fixture
def edited(thread, member):
    post = thread.posts.get()
    services.edit_post(post=post, editor=member, body="Any tips? I live near the station.")
    return post


def history_of(client, post, **params):
    return client.get(f"/posts/{post.pk}/history/", params)


def main(response):
    """The page below the site header (which names the signed-in viewer)."""
    return response.content.decode().split('<main id="main"')[1]


def missing_page(client):
    response = client.get("/posts/999999/history/")
    assert response.status_code == 404
    return response


def same_page(one, other):
    def clean(response):
        html = response.content.decode()
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        return re.sub(r"/posts/\d+/history/", "/posts/N/history/", html)

    return clean(one) == clean(other)


def test_the_edited_mark_on_a_post_opens_its_history(client, edited):
    page = client.get(edited.thread.get_absolute_url()).content.decode()
    assert re.search(rf'<a class="post__edited" href="/posts/{edited.pk}/history/"', page)


@pytest.mark.parametrize("role", ["visitor", "member", "author", "moderator"])
def test_everyone_who_can_see_a_post_reads_what_changed(client_as, role, edited):
    response = history_of(client_as(role), edited)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Edit history" in html
    assert "Any tips?" in html
    assert re.search(
        r"Any tips\? <ins>(<span[^>]*>[^<]*</span>)?I live near the station\.</ins>", html
    )
    assert "Edited by river, the author" in html


@pytest.mark.parametrize(
    ("status", "role", "code"),
    [
        ("pending", "visitor", 404),
        ("pending", "member", 404),
        ("pending", "author", 200),
        ("pending", "moderator", 200),
        ("hidden", "visitor", 404),
        ("hidden", "member", 404),
        ("hidden", "author", 404),
        ("hidden", "moderator", 200),
        ("removed", "visitor", 404),
        ("removed", "member", 404),
        ("removed", "author", 404),
        ("removed", "moderator", 200),
    ],
)
def test_history_of_a_post_you_may_not_see_is_not_found(client_as, edited, status, role, code):
    Post.objects.filter(pk=edited.pk).update(status=status)
    client = client_as(role)

    response = history_of(client, edited)

    assert response.status_code == code
    if code == 404:
        assert "near the station" not in response.content.decode()
        assert same_page(response, missing_page(client))


def test_history_in_a_thread_waiting_for_review_is_not_found(client_as, edited, make_thread):
    held = make_thread(title="Waiting")
    reply = services.create_post(thread=held, author=held.author, body="A reply.")
    services.edit_post(post=reply, editor=held.author, body="A changed reply.")
    held.public = False
    held.save(update_fields=["public"])

    assert history_of(client_as("visitor"), reply).status_code == 404
    assert history_of(client_as("moderator"), reply).status_code == 200


def test_a_moderators_edit_shows_its_reason(client, edited, moderator):
    review.moderator_edit_post(
        post=edited, by=moderator, body="Any tips? I live nearby.", reason="Keeping you safe"
    )

    html = history_of(client, edited).content.decode()

    assert "Edited by a moderator" in html
    assert "Reason: Keeping you safe" in html
    assert "mod_morgan" not in html


@pytest.mark.parametrize(
    ("role", "sees_removed_words"),
    [("visitor", False), ("member", False), ("author", True), ("moderator", True)],
)
def test_words_a_moderator_took_out_stay_out_for_other_readers(
    client_as, thread, member, moderator, role, sees_removed_words
):
    post = thread.posts.get()
    services.edit_post(post=post, editor=member, body="Any tips? Text me on 07700 900123.")
    review.moderator_edit_post(
        post=post, by=moderator, body="Any tips? Text me here.", reason="No phone numbers"
    )
    services.edit_post(post=post, editor=member, body="Any tips? Message me here.")

    html = history_of(client_as(role), post).content.decode()

    assert ("07700" in html) is sees_removed_words
    assert "Reason: No phone numbers" in html
    assert "Message" in html  # the author's later edit is shown to everyone
    if not sees_removed_words:
        assert "[words taken out by a moderator]" in html
        assert "seen only by moderators and the post" in html


@pytest.mark.parametrize("role", ["visitor", "member", "author", "moderator"])
def test_an_anonymous_posts_history_never_names_anyone(client_as, make_thread, role, moderator):
    from accounts.models import User

    author = User.objects.create_user(handle="hidden_hal_7391", password="a-long-passphrase")
    thread = make_thread(author=author, anonymous=True, body="First words.")
    post = thread.posts.get()
    services.edit_post(post=post, editor=author, body="Second words.")
    review.moderator_edit_post(post=post, by=moderator, body="Third words.", reason="Tidy")
    if role == "author":
        client = client_as("visitor")
        client.force_login(author)
    else:
        client = client_as(role)

    html = main(history_of(client, post))

    assert "hidden_hal_7391" not in html
    assert f"/members/{author.handle}/" not in html
    assert "mod_morgan" not in html
    assert "Anonymous" in html
    assert "Edited by the author" in html and "Edited by a moderator" in html


def test_a_moderators_own_anonymous_post_edited_by_them_says_the_author(client, make_thread):
    from accounts.models import User

    mod = User.objects.create_user(
        handle="quiet_mod_5120", password="a-long-passphrase", role="moderator"
    )
    thread = make_thread(author=mod, anonymous=True, body="Speaking for myself.")
    post = thread.posts.get()
    review.moderator_edit_post(
        post=post, by=mod, body="Speaking only for myself.", reason="My own words"
    )

    html = history_of(client, post).content.decode()

    assert "Edited by the author" in html
    assert "a moderator" not in html.split("<main")[1]
    assert "My own words" not in html
    assert "quiet_mod_5120" not in html


def test_a_post_never_edited_says_so(client, thread):
    html = history_of(client, thread.posts.get()).content.decode()
    assert "been changed since it was posted" in html


def test_edits_are_listed_newest_first_and_pages_join_up(client, thread, member):
    post = thread.posts.get()
    for n in range(1, 26):
        services.edit_post(post=post, editor=member, body=f"Version {n}")

    first = unlabelled(history_of(client, post).content.decode())
    second = unlabelled(history_of(client, post, page=2).content.decode())

    # 25 edits: 20 on the first page (25 back to 6), 5 on the second (5 back to 1).
    assert first.count('class="revision"') == 20 and second.count('class="revision"') == 5
    assert first.index("<ins>25</ins>") < first.index("<ins>24</ins>")
    assert "<del>5</del><ins>6</ins>" in first
    assert "<del>4</del><ins>5</ins>" in second
    assert "<ins>Version 1</ins>" in second
    assert '<ol class="revisions" reversed start="25">' in first
    assert '<ol class="revisions" reversed start="5">' in second


def test_the_history_page_costs_the_same_queries_for_few_or_many_edits(client, make_thread):
    counts = []
    for edits in (3, 30):
        thread = make_thread(body="Start")
        post = thread.posts.get()
        for n in range(edits):
            services.edit_post(post=post, editor=thread.author, body=f"Edit number {n}")
        with CaptureQueriesContext(connection) as queries:
            assert history_of(client, post, page=2 if edits > 20 else 1).status_code == 200
        counts.append(len(queries))
    assert counts[0] + 1 >= counts[1]  # a later page reads one more row: the edit after it


def test_history_of_a_post_behind_a_content_warning_stays_folded(client, make_thread, member):
    thread = make_thread(author=member, body="Hard words.", content_warnings=["grief"])
    post = thread.posts.get()
    services.edit_post(post=post, editor=member, body="Hard words, said gently.")

    html = history_of(client, post).content.decode()

    assert '<details class="content-warning">' in html
    assert "Content warning: Death and grief" in html
