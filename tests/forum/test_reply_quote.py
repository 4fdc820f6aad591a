"""Replying to a post and quoting it: the links, the filled-in composer, the "in reply to" line."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import services
from forum.models import Post
from forum.review import hide_post

pytestmark = pytest.mark.django_db

SECRET_HANDLE = "hidden_heron_7731"


@pytest.fixture
def anonymous_post(thread, make_member):
    author = make_member(SECRET_HANDLE)
    return services.create_post(
        thread=thread, author=author, body="I used alone last night.\nI'm OK now.", anonymous=True
    )


@pytest.fixture
def signed_post(thread, make_member):
    return services.create_post(
        thread=thread, author=make_member("sam_signed"), body="Naloxone is free at the pharmacy."
    )


def _page(client, thread, query=""):
    return client.get(f"{thread.get_absolute_url()}{query}").content.decode()


def _textarea(page) -> str:
    match = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', page, re.S)
    return match.group(1)


def test_members_see_reply_and_quote_links_and_visitors_do_not(client, thread, signed_post, member):
    assert f"?quote={signed_post.pk}#reply" not in _page(client, thread)
    client.force_login(member)
    page = _page(client, thread)
    assert f'href="{thread.get_absolute_url()}?reply_to={signed_post.pk}#reply"' in page
    assert f'href="{thread.get_absolute_url()}?quote={signed_post.pk}#reply"' in page


def test_quote_link_fills_the_composer_with_a_linked_quote(client, thread, signed_post, member):
    client.force_login(member)
    page = _page(client, thread, f"?quote={signed_post.pk}")
    body = _textarea(page)
    assert f"[sam_signed wrote](/posts/{signed_post.pk}/):" in body
    assert "&gt; Naloxone is free at the pharmacy." in body
    assert f'name="reply_to" value="{signed_post.pk}"' in page
    assert "Replying to sam_signed" in page


def test_a_quote_of_an_anonymous_post_says_anonymous_even_for_a_moderator(
    client, thread, anonymous_post, make_member
):
    client.force_login(make_member("mod_quinn", role="moderator"))
    page = _page(client, thread, f"?quote={anonymous_post.pk}")
    body = _textarea(page)
    assert f"[Anonymous wrote](/posts/{anonymous_post.pk}/):" in body
    assert "&gt; I used alone last night.\n&gt; I&#x27;m OK now." in body
    assert SECRET_HANDLE not in body
    assert "Replying to Anonymous" in page


def test_the_quote_endpoint_quotes_the_selected_words(client, thread, anonymous_post, member):
    client.force_login(member)
    answer = client.post(f"/posts/{anonymous_post.pk}/quote/", {"selection": "I'm OK now."}).json()
    assert answer == {
        "text": f"[Anonymous wrote](/posts/{anonymous_post.pk}/):\n\n> I'm OK now.\n\n",
        "reply_to": anonymous_post.pk,
    }


def test_a_post_the_member_may_not_see_is_neither_quoted_nor_answered(
    client, thread, signed_post, member
):
    set_status_hidden(signed_post)
    client.force_login(member)
    page = _page(client, thread, f"?quote={signed_post.pk}&reply_to={signed_post.pk}")
    assert "Naloxone is free" not in page
    assert "Replying to" not in re.sub(r'data-text-replying="[^"]*"', "", page)
    assert f'value="{signed_post.pk}"' not in page
    assert client.post(f"/posts/{signed_post.pk}/quote/").status_code == 404

    # Posting with that number anyway makes an ordinary reply.
    client.post(thread.get_absolute_url(), {"body": "Sending love", "reply_to": signed_post.pk})
    assert Post.objects.get(body="Sending love").reply_to is None


def set_status_hidden(post):
    from accounts.models import User

    moderator = User.objects.create_user(handle="mod_hides", password="x" * 12, role="moderator")
    hide_post(post=post, by=moderator)


def test_a_reply_shows_in_reply_to_its_author_as_members_see_them(
    client, thread, anonymous_post, member, make_member
):
    client.force_login(member)
    client.post(
        thread.get_absolute_url(), {"body": "Glad you're OK.", "reply_to": anonymous_post.pk}
    )
    reply = Post.objects.get(body="Glad you're OK.")
    assert reply.reply_to == anonymous_post

    for viewer in (None, member, make_member("mod_rae", role="moderator")):
        client.logout()
        if viewer:
            client.force_login(viewer)
        page = _page(client, thread)
        card = page[page.index(f'id="post-{reply.pk}"') :]
        assert f'<a href="/posts/{anonymous_post.pk}/"' in card
        assert "in reply to Anonymous" in card
        assert SECRET_HANDLE not in page


def test_the_reply_line_goes_neutral_once_the_post_answered_is_hidden(
    client, thread, signed_post, member
):
    reply = services.create_post(
        thread=thread, author=member, body="Thank you!", reply_to_id=signed_post.pk
    )
    assert "in reply to sam_signed" in _page(client, thread)  # cached now
    set_status_hidden(signed_post)
    page = _page(client, thread)
    card = page[page.index(f'id="post-{reply.pk}"') :]
    assert "in reply to a post that is no longer shown" in card
    assert "sam_signed" not in page


def test_a_live_frame_carries_the_reply_line(thread, signed_post, member):
    from forum import cards, live

    reply = services.create_post(
        thread=thread, author=member, body="Same here", reply_to_id=signed_post.pk
    )
    reply = Post.objects.select_related("author", "reply_to", "reply_to__author").get(pk=reply.pk)
    html = json.loads(
        live.post_frame(reply, "new", cards.html_for(reply, cards.audience("visitor")))
    )["html"]
    assert "in reply to sam_signed" in html


def test_a_reply_to_a_post_of_another_thread_is_an_ordinary_reply(
    thread, make_thread, signed_post, member
):
    elsewhere = make_thread(title="Another thread")
    post = services.create_post(
        thread=elsewhere, author=member, body="Wrong place", reply_to_id=signed_post.pk
    )
    assert post.reply_to is None


def test_a_thread_page_costs_the_same_with_many_replies_to_posts(
    client, thread, signed_post, member, make_member
):
    client.force_login(member)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(thread.get_absolute_url()).status_code == 200
        return len(queries)

    services.create_post(thread=thread, author=member, body="one", reply_to_id=signed_post.pk)
    few = count()
    for n in range(12):
        author = make_member()
        services.create_post(
            thread=thread, author=author, body=f"reply {n}", reply_to_id=signed_post.pk
        )
    assert count() <= few


def test_no_reply_or_quote_links_where_the_member_may_not_reply(
    client, thread, signed_post, member
):
    from forum.models import Thread

    Thread.objects.filter(pk=thread.pk).update(locked=True)
    client.force_login(member)
    page = _page(client, thread)
    assert "?reply_to=" not in page and "?quote=" not in page
