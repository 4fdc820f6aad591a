"""Live replies in real browsers: no reload needed, and nothing lost in a dropped connection."""

import pytest

from accounts.models import User
from forum import services
from forum.models import Category
from tests.e2e.helpers import sign_in, wait_until


@pytest.fixture
def thread_and_members(transactional_db):
    river = User.objects.create_user(handle="river", password="a-long-passphrase")
    sam = User.objects.create_user(handle="sam", password="a-long-passphrase")
    category = Category.objects.create(name="Recovery", slug="recovery")
    thread = services.create_thread(
        category=category, author=river, title="Small wins", body="Share one from today."
    )
    return thread, river, sam


def open_live(page, thread):
    page.goto(thread.get_absolute_url())
    # Live once the first reader count arrives.
    page.locator("[data-live-status]", has_text="reading").wait_for()
    page.evaluate("window.stillTheSamePage = true")


def test_a_reply_from_one_page_appears_on_the_other_without_reload(new_page, thread_and_members):
    thread, _, _ = thread_and_members
    writer, reader = new_page(), new_page(height=500)
    sign_in(writer, "sam")
    open_live(writer, thread)
    open_live(reader, thread)
    reader.evaluate("window.scrollTo(0, 150)")
    wait_until(reader, "window.scrollY === 150")

    writer.get_by_label("Your reply").fill("Made breakfast *and* ate it.")
    writer.get_by_role("button", name="Post reply").click()

    arrived = reader.locator("article.post", has_text="Made breakfast and ate it.")
    arrived.wait_for()
    assert arrived.locator("em").inner_text() == "and"
    assert reader.evaluate("window.stillTheSamePage") is True
    assert writer.evaluate("window.stillTheSamePage") is True
    # The reader stays where they were reading, and hears of the reply politely.
    assert reader.evaluate("window.scrollY") == 150
    announcer = reader.locator("[data-live-announce]")
    assert announcer.get_attribute("aria-live") == "polite"
    wait_until(
        reader, "document.querySelector('[data-live-announce]').textContent.includes('new reply')"
    )
    # The writer's box is empty again, and their reply shows once, with its edit link.
    assert writer.get_by_label("Your reply").input_value() == ""
    mine = writer.locator("article.post", has_text="Made breakfast")
    assert mine.count() == 1
    assert mine.get_by_role("link", name="Edit").count() == 1
    assert reader.locator("article.post").count() == 2


def test_a_reply_made_while_disconnected_appears_after_reconnecting(new_page, thread_and_members):
    thread, river, _ = thread_and_members
    reader = new_page()
    open_live(reader, thread)

    reader.evaluate("window.commonGroundLive.drop()")
    reader.locator("[data-live-status]", has_text="paused").wait_for()
    services.create_post(thread=thread, author=river, body="Posted while you were away.")

    missed = reader.locator("article.post", has_text="Posted while you were away.")
    missed.wait_for(timeout=15_000)
    reader.locator("[data-live-status]", has_text="reading").wait_for()
    assert "paused" not in reader.locator("[data-live-status]").inner_text()
    assert missed.count() == 1
    assert reader.evaluate("window.stillTheSamePage") is True


def test_someone_is_replying_shows_without_saying_who(new_page, thread_and_members):
    thread, _, _ = thread_and_members
    writer, reader = new_page(), new_page()
    sign_in(writer, "sam")
    open_live(writer, thread)
    open_live(reader, thread)

    writer.get_by_label("Your reply").press_sequentially("Thinking about")

    status = reader.locator("[data-live-status]", has_text="Someone is replying")
    status.wait_for()
    assert "sam" not in status.inner_text()
