""" "Remove my words" leaves no words: not on pages, in search, in the full-text
index, in others' notifications or in the moderation log. The log keeps what
happened (an edit was made, by whom, why), never the words themselves."""

import pytest
from django.db import connection
from django.test import Client

from accounts.models import User
from forum import services
from forum.models import Post, Revision, Thread
from moderation import actions
from moderation.models import Flag, ModerationAction

PASSWORD = "a-long-passphrase"
WORDS = ["zephyrword", "quillword", "ottertitle", "flagnoteword", "brambleword"]


@pytest.fixture
def leaving(db, make_member, category):
    member = make_member("leaving_lee", password=PASSWORD)
    other = make_member("staying_sam")
    moderator = make_member("mod_mo", role="moderator")
    thread = services.create_thread(
        category=category, author=member, title="ottertitle thoughts", body="zephyrword at first."
    )
    services.create_post(thread=thread, author=other, body="A reply by someone staying.")
    elsewhere = services.create_thread(category=category, author=other, title="Open", body="Hi")
    post = services.create_post(thread=elsewhere, author=member, body="quillword, @staying_sam")
    services.edit_post(post=post, editor=member, body="quillword edited, @staying_sam")
    # A moderator edits one of their posts: the log must not keep those words.
    edited = services.create_post(thread=elsewhere, author=member, body="brambleword addict")
    actions.act_on_post(post=edited, by=moderator, action="apply_wording")
    Flag.objects.create(
        post=elsewhere.posts.first(), reporter=member, reason="other", note="flagnoteword"
    )
    return {"member": member, "other": other, "moderator": moderator, "thread": thread}


def remove(member):
    client = Client()
    client.force_login(member)
    response = client.post("/members/settings/delete/", {"posts": "remove", "password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()


def everything_stored() -> str:
    """Every text column of every table, as one string."""
    tables = connection.introspection.table_names()
    out = []
    with connection.cursor() as cursor:
        for table in tables:
            if table.endswith(("_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")):
                continue
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            out += [str(value) for row in cursor.fetchall() for value in row]
    return "\n".join(out)


def full_text_matches(word: str) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT (SELECT count(*) FROM forum_post_fts WHERE forum_post_fts MATCH %s)"
                " + (SELECT count(*) FROM forum_thread_fts WHERE forum_thread_fts MATCH %s)",
                [word, word],
            )
        else:
            cursor.execute(
                "SELECT (SELECT count(*) FROM forum_post WHERE to_tsvector('english', body) "
                "@@ plainto_tsquery('english', %s)) + (SELECT count(*) FROM forum_thread "
                "WHERE to_tsvector('english', title) @@ plainto_tsquery('english', %s))",
                [word, word],
            )
        return cursor.fetchone()[0]


def test_every_word_is_gone_from_every_table_and_the_index(leaving):
    stored = everything_stored()
    assert all(word in stored for word in WORDS)  # the world really holds them
    assert all(full_text_matches(word) for word in ("zephyrword", "ottertitle"))

    remove(leaving["member"])

    stored = everything_stored()
    for word in WORDS:
        assert word not in stored, f"{word} is still stored"
        assert full_text_matches(word) == 0, f"{word} is still in the full-text index"


def test_pages_search_and_notifications_show_none_of_it(leaving, client):
    remove(leaving["member"])
    thread = Thread.objects.get(pk=leaving["thread"].pk)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "A reply by someone staying." in page  # others' words stay
    assert "removed by its author" in page
    sam = Client()
    sam.force_login(leaving["other"])
    for url in [
        "/",
        "/c/harm-reduction/",
        "/search/?q=ottert",
        "/search/?q=quillw",
        "/members/notifications/",
    ]:
        text = sam.get(url).content.decode()
        for word in WORDS:
            assert word not in text, f"{word} on {url}"


def test_the_log_keeps_what_happened_without_the_words(leaving):
    remove(leaving["member"])
    row = ModerationAction.objects.get(action="apply_wording")
    assert row.actor == leaving["moderator"] and row.revision is None
    assert (row.text_before, row.text_after) == ("", "")
    moderator = Client()
    moderator.force_login(leaving["moderator"])
    log = moderator.get("/moderation/log/").content.decode()
    assert "Applied suggested wording" in log and "removed their words" in log
    assert "brambleword" not in log
    assert not Revision.objects.filter(post__author__isnull=True, post__body__contains="word")
    assert Post.objects.filter(status="removed", body="").count() == 3
