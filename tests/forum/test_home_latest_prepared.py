"""The home page's latest threads come from a query compiled once (forum.prepared):
its rows must be what the queryset itself gives, and a change shows at once."""

import pytest

from forum import rows, selectors, services


@pytest.mark.django_db
def test_the_prepared_query_gives_what_the_queryset_gives(make_thread, make_member):
    author = make_member(handle="river")
    first = make_thread(author=author, title="First", content_warnings=["overdose"])
    make_thread(author=author, title="Second", anonymous=True)
    services.create_post(thread=first, author=make_member(), body="A reply.")

    expected = list(selectors.latest_threads(None).values_list(*rows._ROW_KEY_FIELDS))
    assert rows._latest.rows() == expected
    # Types too: times stay times, warnings a list, flags booleans.
    by_id = {row[0]: row for row in rows._latest.rows()}
    assert by_id[first.pk][5] == ["overdose"]
    assert by_id[first.pk][7] == first.__class__.objects.get(pk=first.pk).last_activity_at


@pytest.mark.django_db
def test_home_shows_a_renamed_author_and_a_new_title_at_once(client, make_thread, make_member):
    author = make_member(handle="river")
    thread = make_thread(author=author, title="Where to get naloxone?")
    assert "river" in client.get("/").content.decode()

    author.handle = "brook"
    author.save()
    thread.title = "Naloxone near the station"
    thread.save()
    page = client.get("/").content.decode()
    assert "brook" in page and "Naloxone near the station" in page
    assert "river" not in page


@pytest.mark.django_db
def test_a_hidden_thread_leaves_the_home_page_at_once(client, make_thread):
    thread = make_thread(title="Soon unlisted")
    assert "Soon unlisted" in client.get("/").content.decode()
    thread.public = False
    thread.save()
    assert "Soon unlisted" not in client.get("/").content.decode()
