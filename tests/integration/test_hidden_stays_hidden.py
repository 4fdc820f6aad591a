"""Hidden stays hidden: words nobody may see never reach anyone, on any surface.

A world with every kind of post a viewer must not read: held for review,
hidden by a moderator, removed by its author, removed by a moderator, the
opening post of a thread that is not listed (held), and a reply in a thread
whose opening post was hidden. Each carries a word of its own. Visitors,
members and practitioners walk every id through every surface; none of those
words may appear, and an id they may not see answers exactly as a missing one.
"""

import re

import pytest
from django.test import Client

from forum import review, services
from forum.models import Category, Post, Thread
from moderation.models import Flag

MISSING = 10**9


@pytest.fixture
def hidden_world(db, make_member):
    author = make_member("writer_wren")
    moderator = make_member("mod_mo", role="moderator")
    follower = make_member("follower_fay")
    category = Category.objects.create(name="Stories", slug="stories")
    open_thread = services.create_thread(
        category=category, author=author, title="An open thread", body="Open words."
    )
    services.create_post(thread=open_thread, author=follower, body="Following along.")
    held = services.create_post(
        thread=open_thread, author=author, body="heldword, you junkie."
    )  # a slur: held for review
    hidden = services.create_post(thread=open_thread, author=author, body="hiddenword here.")
    review.hide_post(post=hidden, by=moderator)
    author_gone = services.create_post(thread=open_thread, author=author, body="authorgoneword.")
    services.remove_post_by_author(post=author_gone, user=author)
    mod_gone = services.create_post(thread=open_thread, author=author, body="modgoneword.")
    review.remove_post_by_moderator(post=mod_gone, by=moderator)
    unlisted = services.create_thread(
        category=category, author=author, title="unlistedtitleword junkies", body="unlistedbody."
    )
    soon_hidden = services.create_thread(
        category=category, author=author, title="hidetitleword", body="hideopeningword."
    )
    services.create_post(thread=soon_hidden, author=follower, body="hidereplyword.")
    review.hide_post(post=soon_hidden.posts.order_by("id").first(), by=moderator)
    assert not Thread.objects.get(pk=unlisted.pk).public
    assert not Thread.objects.get(pk=soon_hidden.pk).public
    return {
        "author": author,
        "moderator": moderator,
        "follower": follower,
        "open": open_thread,
        "posts": {
            "held": held,
            "hidden": hidden,
            "author_gone": author_gone,
            "mod_gone": mod_gone,
            "unlisted_opening": unlisted.posts.get(),
            "hidden_opening": soon_hidden.posts.order_by("id").first(),
            "reply_in_unlisted": soon_hidden.posts.order_by("id").last(),
        },
        "threads": {"unlisted": unlisted, "hidden_opening": soon_hidden},
    }


SECRET_WORDS = [
    "heldword",
    "hiddenword",
    "authorgoneword",
    "modgoneword",
    "unlistedtitleword",
    "unlistedbody",
    "hidetitleword",
    "hideopeningword",
    "hidereplyword",
]
UNSEEN = ["held", "hidden", "unlisted_opening", "hidden_opening", "reply_in_unlisted"]


def viewer_client(make_member, role):
    client = Client()
    if role != "visitor":
        client.force_login(make_member(role=role))
    return client


def assert_no_secret(text: str, where: str):
    for word in SECRET_WORDS:
        assert word not in text, f"{word!r} leaks through {where}"


def _page(response, url: str) -> bytes:
    """The answer with its own address (echoed in the sign-in link) and the
    per-response CSRF token taken out."""
    content = response.content.replace(url.encode(), b"<url>")
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def same_as_missing(client, method, url_for, pk, **data):
    """The answer for `pk` has the status and body of the answer for a missing id."""
    call = getattr(client, method)
    got = call(url_for(pk), data)
    missing = call(url_for(MISSING), data)
    assert got.status_code == missing.status_code, url_for(pk)
    assert _page(got, url_for(pk)) == _page(missing, url_for(MISSING)), url_for(pk)
    return got


ROLES = ["visitor", "member", "practitioner"]


@pytest.mark.parametrize("role", ROLES)
def test_pages_and_lists_never_show_hidden_words(hidden_world, make_member, role):
    client = viewer_client(make_member, role)
    pages = [
        "/",
        "/c/stories/",
        hidden_world["open"].get_absolute_url(),
        hidden_world["open"].get_absolute_url() + "?page=last",
        "/members/writer_wren/",
        "/prompts/",
    ]
    # Searched by the first letters (search matches prefixes), so the page's
    # own echo of the query is not mistaken for a leak.
    pages += [f"/search/?q={word[:-2]}" for word in SECRET_WORDS]
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_no_secret(response.content.decode(), url)


@pytest.mark.parametrize("role", ROLES)
def test_an_unseen_post_answers_like_a_missing_one_everywhere(hidden_world, make_member, role):
    client = viewer_client(make_member, role)
    for name in UNSEEN:
        pk = hidden_world["posts"][name].pk
        for method, url_for, data in [
            ("get", lambda n: f"/posts/{n}/", {}),
            ("get", lambda n: f"/moderation/posts/{n}/flag/", {}),
            ("post", lambda n: f"/moderation/posts/{n}/flag/", {"reason": "spam"}),
            ("get", lambda n: f"/posts/{n}/edit/", {}),
            ("get", lambda n: f"/posts/{n}/history/", {}),
            ("post", lambda n: f"/posts/{n}/react/", {"kind": "thanks"}),
            ("post", lambda n: f"/moderation/posts/{n}/reveal/", {}),
        ]:
            response = same_as_missing(client, method, url_for, pk, **data)
            assert_no_secret(response.content.decode(), f"{method} {url_for(pk)} ({name})")
    assert not Flag.objects.filter(reporter__isnull=False).exists()


@pytest.mark.parametrize("role", ROLES)
def test_threads_that_are_not_listed_answer_like_missing_ones(hidden_world, make_member, role):
    client = viewer_client(make_member, role)
    for thread in hidden_world["threads"].values():
        same_as_missing(client, "get", lambda n: f"/threads/{n}/", thread.pk)
        same_as_missing(client, "post", lambda n: f"/threads/{n}/follow/", thread.pk)
        same_as_missing(client, "post", lambda n: f"/threads/{n}/", thread.pk, body="Hello")
    assert not Post.objects.filter(body="Hello").exists()


@pytest.mark.parametrize("role", ["member", "practitioner"])
def test_removed_posts_keep_their_note_but_not_their_words(hidden_world, make_member, role):
    client = viewer_client(make_member, role)
    for name in ("author_gone", "mod_gone"):
        pk = hidden_world["posts"][name].pk
        # Its place in the thread is shown, as a note; nothing can be done with it.
        page = client.get(f"/posts/{pk}/", follow=True).content.decode()
        assert f'id="post-{pk}"' in page and "This post was removed by" in page
        assert_no_secret(page, "a removed post's place")
        assert client.get(f"/moderation/posts/{pk}/flag/").status_code == 404
        assert client.get(f"/posts/{pk}/history/").status_code == 404  # earlier words too
        assert client.post(f"/posts/{pk}/react/", {"kind": "thanks"}).status_code == 404


def test_the_author_sees_their_held_post_and_moderators_see_everything(hidden_world):
    author = Client()
    author.force_login(hidden_world["author"])
    held = hidden_world["posts"]["held"]
    assert "heldword" in author.get(f"/posts/{held.pk}/", follow=True).content.decode()
    moderator = Client()
    moderator.force_login(hidden_world["moderator"])
    for name in UNSEEN:
        post = hidden_world["posts"][name]
        assert moderator.get(f"/posts/{post.pk}/", follow=True).status_code == 200


def test_followers_hear_nothing_of_replies_they_may_not_read(hidden_world, make_member):
    follower = hidden_world["follower"]
    before = follower.notifications.count()
    thread = hidden_world["threads"]["hidden_opening"]
    services.create_post(thread=thread, author=hidden_world["author"], body="Still here.")
    assert follower.notifications.count() == before
    page = Client()
    page.force_login(follower)
    assert_no_secret(page.get("/members/notifications/").content.decode(), "notifications")


def test_a_note_about_a_post_hidden_since_no_longer_shows_it(hidden_world):
    follower, moderator = hidden_world["follower"], hidden_world["moderator"]
    thread = hidden_world["open"]
    later = services.create_post(
        thread=thread, author=hidden_world["author"], body="laterword, said then taken down."
    )
    review.hide_post(post=later, by=moderator)
    client = Client()
    client.force_login(follower)
    page = client.get("/members/notifications/").content.decode()
    assert "laterword" not in page and "no longer here" in page
