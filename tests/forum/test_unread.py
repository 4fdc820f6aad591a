"""Unread per thread: "n new" in lists, and going back to the first post not yet read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import review, services
from forum.models import ReadPosition
from moderation.models import WatchedWord


def row_of(html: str, thread) -> str:
    """The part of a list page that is `thread`'s row."""
    return html.split(f'id="thread-{thread.pk}"')[1].split("</li>")[0]


def reply(thread, author, body="A reply."):
    return services.create_post(thread=thread, author=author, body=body)


@pytest.fixture
def reader(client, make_member):
    """A member signed in on `client`."""
    member = make_member("reader_ash")
    client.force_login(member)
    return member


@pytest.fixture
def moderator(make_member):
    return make_member("mod_jo", role="moderator")


@pytest.mark.django_db
def test_a_member_sees_how_many_posts_are_new_since_they_read(
    client, reader, make_thread, make_member, category
):
    thread = make_thread(title="Sleep after stopping")
    client.get(thread.get_absolute_url())
    other = make_member()
    reply(thread, other)
    reply(thread, other, "Another one.")

    row = row_of(client.get(category.get_absolute_url()).content.decode(), thread)

    assert "2 new" in row
    assert "2 new posts since you last read this thread" in row
    assert f'href="/threads/{thread.pk}/unread/"' in row
    assert f'aria-describedby="unread-{thread.pk}"' in row


@pytest.mark.django_db
def test_one_new_post_is_said_in_the_singular(client, reader, make_thread, make_member, category):
    thread = make_thread()
    client.get(thread.get_absolute_url())
    reply(thread, make_member())

    row = row_of(client.get(category.get_absolute_url()).content.decode(), thread)

    assert "1 new post since you last read this thread" in row


@pytest.mark.django_db
def test_nothing_new_after_reading_it_all(client, reader, make_thread, make_member, category):
    thread = make_thread()
    reply(thread, make_member())
    client.get(thread.get_absolute_url())

    row = row_of(client.get(category.get_absolute_url()).content.decode(), thread)

    assert "tag--new" not in row
    assert f'href="{thread.get_absolute_url()}"' in row


@pytest.mark.django_db
def test_a_thread_never_opened_shows_no_count(client, reader, make_thread, make_member, category):
    thread = make_thread()
    reply(thread, make_member())

    row = row_of(client.get(category.get_absolute_url()).content.decode(), thread)

    assert "new" not in row.replace("thread-row", "")
    assert "<!--unread-->" not in row


@pytest.mark.django_db
def test_a_members_own_replies_are_not_new_to_them(client, reader, make_thread, category):
    thread = make_thread()
    client.get(thread.get_absolute_url())
    reply(thread, reader, "My own words.")
    services.create_post(thread=thread, author=reader, body="And anonymously.", anonymous=True)

    row = row_of(client.get(category.get_absolute_url()).content.decode(), thread)

    assert "tag--new" not in row


@pytest.mark.django_db
def test_held_and_hidden_posts_are_never_counted(
    client, reader, make_thread, make_member, moderator, category
):
    WatchedWord.objects.create(term="zzholdme", action="hold")
    thread = make_thread()
    other = make_member()
    for person in (reader, moderator):
        client.force_login(person)
        client.get(thread.get_absolute_url())
    reply(thread, other, "Waiting: zzholdme.")
    review.hide_post(post=reply(thread, other, "Soon hidden."), by=moderator)
    reply(thread, other, "Plain and visible.")

    for person in (reader, moderator):
        client.force_login(person)
        row = row_of(client.get(category.get_absolute_url()).content.decode(), thread)
        assert "1 new" in row, person.handle


@pytest.mark.django_db
def test_a_visitor_sees_no_counts(client, make_thread, make_member, category):
    thread = make_thread()
    reply(thread, make_member())

    html = client.get(category.get_absolute_url()).content.decode()

    assert "tag--new" not in html
    assert not ReadPosition.objects.exists()
    client.get(thread.get_absolute_url())
    assert not ReadPosition.objects.exists()


@pytest.mark.django_db
def test_reading_an_earlier_page_never_moves_the_place_back(
    client, reader, make_thread, make_member, category, settings
):
    settings.FORUM_POSTS_PER_PAGE = 2
    thread = make_thread()
    other = make_member()
    for n in range(3):
        reply(thread, other, f"Reply {n}.")  # 4 posts: two pages
    client.get(thread.get_absolute_url() + "?page=last")
    client.get(thread.get_absolute_url())  # page 1 again

    row = row_of(client.get(category.get_absolute_url()).content.decode(), thread)

    assert "tag--new" not in row
    last = thread.posts.order_by("-created_at", "-id").first()
    assert ReadPosition.objects.get(member=reader, thread=thread).last_post_id == last.pk


@pytest.mark.django_db
def test_reading_page_one_leaves_the_next_page_new(
    client, reader, make_thread, make_member, category, settings
):
    settings.FORUM_POSTS_PER_PAGE = 2
    thread = make_thread()
    other = make_member()
    for n in range(4):
        reply(thread, other, f"Reply {n}.")  # 5 posts, 2 on page one
    client.get(thread.get_absolute_url())

    row = row_of(client.get(category.get_absolute_url()).content.decode(), thread)

    assert "3 new" in row


@pytest.mark.django_db
def test_each_member_has_their_own_place(client, make_member, make_thread, category):
    early, late = make_member("early_bird"), make_member("late_owl")
    thread = make_thread()
    other = make_member()
    client.force_login(early)
    client.get(thread.get_absolute_url())
    reply(thread, other)
    client.force_login(late)
    client.get(thread.get_absolute_url())
    reply(thread, other, "Later still.")

    client.force_login(early)
    assert "2 new" in row_of(client.get(category.get_absolute_url()).content.decode(), thread)
    client.force_login(late)
    assert "1 new" in row_of(client.get(category.get_absolute_url()).content.decode(), thread)


@pytest.mark.django_db
def test_the_home_page_latest_shows_counts_too(client, reader, make_thread, make_member):
    thread = make_thread()
    client.get(thread.get_absolute_url())
    reply(thread, make_member())

    html = client.get("/").content.decode()

    assert "1 new" in row_of(html.split('id="latest-heading"')[1], thread)


def count_queries(client, url) -> int:
    # Warm: rows not cached yet cost one more query (however many), once.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_list_pages_cost_the_same_whatever_the_number_of_threads_with_news(
    client, reader, make_category, make_member, make_thread
):
    few, many = make_category("Few"), make_category("Many")
    other = make_member()
    for category, threads in ((few, 2), (many, 20)):
        for n in range(threads):
            thread = make_thread(category=category, author=other, title=f"{category} {n}")
            client.get(thread.get_absolute_url())
            reply(thread, other)

    few_count = count_queries(client, few.get_absolute_url())
    many_count = count_queries(client, many.get_absolute_url())
    assert few_count == many_count
    assert "1 new" in client.get(many.get_absolute_url()).content.decode()

    home = count_queries(client, "/")
    for n in range(10):
        thread = make_thread(category=few, author=other, title=f"more {n}")
        client.get(thread.get_absolute_url())
        reply(thread, other)
    assert count_queries(client, "/") == home


# -- going back to the first new post ------------------------------------------------------


@pytest.mark.django_db
def test_the_jump_lands_on_the_first_new_post_on_its_page(
    client, reader, make_thread, make_member, settings
):
    settings.FORUM_POSTS_PER_PAGE = 2
    thread = make_thread()
    other = make_member()
    reply(thread, other, "Read already.")
    client.get(thread.get_absolute_url())  # opening post and this reply
    first_new = reply(thread, other, "New one.")
    reply(thread, other, "Newer.")

    response = client.get(f"/threads/{thread.pk}/unread/")

    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{first_new.pk}"
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert f'id="post-{first_new.pk}"' in page


@pytest.mark.django_db
def test_the_jump_skips_the_members_own_posts(client, reader, make_thread, make_member):
    thread = make_thread()
    client.get(thread.get_absolute_url())
    reply(thread, reader, "Mine.")
    theirs = reply(thread, make_member(), "Theirs.")

    response = client.get(f"/threads/{thread.pk}/unread/")

    assert response["Location"].endswith(f"#post-{theirs.pk}")


@pytest.mark.django_db
def test_with_everything_read_the_jump_goes_to_the_last_post(
    client, reader, make_thread, make_member, settings
):
    settings.FORUM_POSTS_PER_PAGE = 2
    thread = make_thread()
    other = make_member()
    reply(thread, other)
    last = reply(thread, other, "The last word.")
    client.get(thread.get_absolute_url() + "?page=last")

    response = client.get(f"/threads/{thread.pk}/unread/")

    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{last.pk}"


@pytest.mark.django_db
def test_a_thread_never_opened_starts_at_the_top(client, reader, make_thread, make_member):
    thread = make_thread()
    reply(thread, make_member())

    response = client.get(f"/threads/{thread.pk}/unread/")

    assert response["Location"] == thread.get_absolute_url()


@pytest.mark.django_db
def test_a_visitor_following_the_link_starts_at_the_top(client, make_thread):
    thread = make_thread()

    response = client.get(f"/threads/{thread.pk}/unread/")

    assert response["Location"] == thread.get_absolute_url()


@pytest.mark.django_db
def test_the_jump_to_a_held_thread_is_not_found_for_others(client, reader, make_member, category):
    WatchedWord.objects.create(term="zzholdme", action="hold")
    held = services.create_thread(
        category=category, author=make_member(), title="Waiting", body="zzholdme"
    )

    assert client.get(f"/threads/{held.pk}/unread/").status_code == 404


# -- the home page's Latest --------------------------------------------------------------


@pytest.fixture
def forum_with_hidden_threads(make_thread, make_member, make_category, moderator, category):
    """Listed threads in two categories, one held for review and one whose opening was hidden."""
    WatchedWord.objects.create(term="zzholdme", action="hold")
    author = make_member("author_sky")
    elsewhere = make_category("Families")
    listed = [
        make_thread(title="Naloxone at the pharmacy", author=author),
        make_thread(title="Visiting my son", author=author, category=elsewhere),
    ]
    held = make_thread(title="Held thread zzholdme", author=author)
    hidden = make_thread(title="Hidden thread", author=author)
    review.hide_post(post=hidden.opening_post, by=moderator)
    return {"author": author, "listed": listed, "held": held, "hidden": hidden}


def latest_of(html: str) -> str:
    return html.split('id="latest-heading"')[1].split("</section>")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["visitor", "member", "author", "moderator"])
def test_latest_lists_only_threads_everyone_may_see(
    client, forum_with_hidden_threads, make_member, moderator, role
):
    people = {
        "member": make_member(),
        "author": forum_with_hidden_threads["author"],
        "moderator": moderator,
    }
    if role != "visitor":
        client.force_login(people[role])

    latest = latest_of(client.get("/").content.decode())

    assert "Naloxone at the pharmacy" in latest
    assert "Visiting my son" in latest
    assert "Held thread" not in latest
    assert "Hidden thread" not in latest


@pytest.mark.django_db
def test_latest_shows_the_ten_most_recently_active(client, make_thread, make_member):
    threads = [make_thread(title=f"Thread number {n:02}") for n in range(12)]
    reply(threads[0], make_member(), "Brings the oldest back to the top.")

    latest = latest_of(client.get("/").content.decode())

    assert latest.count('class="thread-row ') == 10
    assert latest.index("Thread number 00") < latest.index("Thread number 11")
    assert "Thread number 02" not in latest
    assert "Thread number 03" in latest


@pytest.mark.django_db
def test_latest_leaves_out_signed_threads_by_someone_muted(
    client, reader, make_thread, make_member
):
    from accounts.models import Mute

    muted = make_member("loud_one")
    make_thread(title="From someone muted", author=muted)
    make_thread(title="Muted but anonymous", author=muted, anonymous=True)
    Mute.objects.create(member=reader, muted=muted)

    latest = latest_of(client.get("/").content.decode())

    assert "From someone muted" not in latest
    assert "Muted but anonymous" in latest


@pytest.mark.django_db
def test_an_empty_forum_says_so_kindly(client):
    assert "Nothing has been posted yet" in client.get("/").content.decode()


@pytest.mark.django_db
def test_signed_posts_by_someone_muted_are_not_new_but_anonymous_ones_are(
    client, reader, make_thread, make_member, category
):
    from accounts.models import Mute

    thread = make_thread()
    loud = make_member("loud_one")
    Mute.objects.create(member=reader, muted=loud)
    client.get(thread.get_absolute_url())
    reply(thread, loud, "Signed.")
    services.create_post(thread=thread, author=loud, body="Unsigned.", anonymous=True)

    row = row_of(client.get(category.get_absolute_url()).content.decode(), thread)

    assert "1 new" in row
