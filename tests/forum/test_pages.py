"""Home, category and thread pages: what a reader sees, and what it costs."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum import services
from forum.models import Post, Thread


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_home_lists_categories_with_thread_counts_and_last_activity(
    client, make_category, make_thread
):
    quiet = make_category("Grief and support")
    busy = make_category("Recovery in all its forms")
    make_thread(category=busy, title="First")
    make_thread(category=busy, title="Second")

    html = client.get("/").content.decode()

    assert "Grief and support" in html
    assert "Recovery in all its forms" in html
    busy_card = html.split("Recovery in all its forms")[1].split("</li>")[0]
    quiet_card = html.split("Grief and support")[1].split("</li>")[0]
    assert "2 threads" in busy_card
    assert "last activity" in busy_card
    assert "0 threads" in quiet_card
    assert "last activity" not in quiet_card
    assert quiet.get_absolute_url() in html


@pytest.mark.django_db
def test_category_lists_pinned_first_then_most_recent_activity(
    client, category, make_thread, make_member
):
    old = make_thread(title="Old but pinned")
    Thread.objects.filter(pk=old.pk).update(
        pinned=True, last_activity_at=timezone.now() - timedelta(days=30)
    )
    quiet = make_thread(title="Quiet thread")
    lively = make_thread(title="Lively thread")
    Thread.objects.filter(pk=lively.pk).update(last_activity_at=timezone.now() - timedelta(days=2))
    Thread.objects.filter(pk=quiet.pk).update(last_activity_at=timezone.now() - timedelta(days=3))
    services.create_post(thread=lively, author=make_member(), body="A new reply")

    html = client.get(category.get_absolute_url()).content.decode()

    assert html.index("Old but pinned") < html.index("Lively thread") < html.index("Quiet thread")
    assert "Pinned" in html


@pytest.mark.django_db
def test_category_page_is_paginated(client, category, make_thread, settings):
    settings.FORUM_THREADS_PER_PAGE = 5
    for n in range(7):
        make_thread(title=f"Thread number {n}")

    first = client.get(category.get_absolute_url()).content.decode()
    second = client.get(category.get_absolute_url() + "?page=2").content.decode()

    assert first.count('class="thread-row ') == 5
    assert second.count('class="thread-row ') == 2
    assert "Page 1 of 2" in first
    # The newest thread is first on page one; the oldest is on page two.
    assert "Thread number 6" in first and "Thread number 0" in second


@pytest.mark.django_db
def test_thread_shows_posts_oldest_first_with_reply_form(client, thread, make_member):
    services.create_post(thread=thread, author=make_member(), body="First reply")
    services.create_post(thread=thread, author=make_member(), body="Second reply")

    html = client.get(thread.get_absolute_url()).content.decode()

    assert html.index("Any tips?") < html.index("First reply") < html.index("Second reply")
    assert html.index("Second reply") < html.index('id="reply"')
    assert 'name="body"' in html


@pytest.mark.django_db
def test_thread_page_is_paginated_and_permalinks_find_the_page(
    client, thread, make_member, settings
):
    settings.FORUM_POSTS_PER_PAGE = 3
    author = make_member()
    replies = [
        services.create_post(thread=thread, author=author, body=f"Reply {n}") for n in range(5)
    ]

    second_page = client.get(thread.get_absolute_url() + "?page=2").content.decode()
    assert "Reply 2" in second_page and "Reply 4" in second_page
    assert "Reply 1" not in second_page

    response = client.get(replies[3].get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{replies[3].pk}"


@pytest.mark.django_db
def test_anonymous_thread_shows_anonymous_in_listing_and_thread(client, category, make_member):
    author = make_member("quiet_author")
    thread = services.create_thread(
        category=category, author=author, title="Hard week", body="Just venting.", anonymous=True
    )

    listing = client.get(category.get_absolute_url()).content.decode()
    page = client.get(thread.get_absolute_url()).content.decode()

    for html in (listing, page):
        assert "Anonymous" in html
        assert "quiet_author" not in html


def _fill_thread(thread, author, replies: int) -> None:
    now = timezone.now()
    Post.objects.bulk_create(
        Post(
            thread=thread,
            author=author,
            body=f"reply {n}",
            body_html=f"<p>reply {n}</p>",
            created_at=now + timedelta(seconds=n),
        )
        for n in range(replies)
    )


@pytest.mark.django_db
def test_thread_page_queries_do_not_grow_with_posts(client, make_thread, make_member):
    small, large = make_thread(title="Small"), make_thread(title="Large")
    _fill_thread(small, make_member(), 2)  # 3 posts with the opener
    _fill_thread(large, make_member(), 299)  # 300 posts
    client.force_login(make_member())

    small_count = count_queries(client, small.get_absolute_url())
    large_count = count_queries(client, large.get_absolute_url())
    last_page_count = count_queries(client, large.get_absolute_url() + "?page=last")

    assert small_count == large_count == last_page_count


@pytest.mark.django_db
def test_category_page_queries_do_not_grow_with_threads(
    client, make_category, make_member, make_thread
):
    few, many = make_category("Few"), make_category("Many")
    authors = [make_member() for _ in range(5)]
    for n in range(3):
        make_thread(category=few, author=authors[n % 5], title=f"few {n}")
    for n in range(300):
        thread = make_thread(category=many, author=authors[n % 5], title=f"many {n}")
        if n % 3 == 0:
            services.create_post(thread=thread, author=authors[(n + 1) % 5], body="reply")

    few_count = count_queries(client, few.get_absolute_url())
    many_count = count_queries(client, many.get_absolute_url())

    assert few_count == many_count


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_categories(client, make_category, make_thread):
    make_thread(category=make_category())
    # Rows not cached yet cost one more query (however many): both counts are cold.
    before = count_queries(client, "/")
    for _ in range(10):
        make_thread(category=make_category())
    assert count_queries(client, "/") == before


@pytest.mark.django_db
def test_unknown_thread_and_category_are_not_found(client):
    assert client.get("/threads/999/").status_code == 404
    assert client.get("/c/nothing-here/").status_code == 404
