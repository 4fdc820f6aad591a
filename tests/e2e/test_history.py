"""Edit history in a real browser: "edited" opens what changed."""

import pytest

from accounts.models import User
from forum import services
from forum.models import Category
from tests.e2e.helpers import sign_in


@pytest.fixture
def anonymous_thread(transactional_db):
    author = User.objects.create_user(handle="hidden_hal_2207", password="a-long-passphrase")
    category = Category.objects.create(name="Harm reduction", slug="harm-reduction")
    thread = services.create_thread(
        category=category,
        author=author,
        title="Going to the exchange",
        body="I went to the clinic on Friday.",
        anonymous=True,
    )
    return thread


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_edited_opens_the_history_with_what_changed(new_page, anonymous_thread, javascript):
    author = new_page(javascript=javascript)
    sign_in(author, "hidden_hal_2207")
    author.goto(anonymous_thread.get_absolute_url())
    author.get_by_role("link", name="Edit").click()
    author.get_by_label("Your message").fill("I went to the pharmacy on Friday.")
    author.get_by_role("button", name="Save changes").click()
    author.get_by_text("Your changes are saved.").wait_for()

    # Anyone reading the thread follows "edited" to the changes.
    reader = new_page(javascript=javascript)
    reader.goto(anonymous_thread.get_absolute_url())
    reader.locator("article.post").get_by_role("link", name="edited").click()
    reader.get_by_role("heading", name="Edit history").wait_for()

    change = reader.locator(".revision").first
    assert " ".join(change.locator("del").text_content().split()) == "removed: clinic"
    assert " ".join(change.locator("ins").text_content().split()) == "added: pharmacy"
    assert "Edited by the author" in change.inner_text()
    main = reader.inner_text("main")
    assert "Anonymous" in main and "hidden_hal_2207" not in main
    # Struck through and underlined, not only coloured.
    assert "line-through" in change.locator("del").evaluate(
        "e => getComputedStyle(e).textDecorationLine"
    )
    assert "underline" in change.locator("ins").evaluate(
        "e => getComputedStyle(e).textDecorationLine"
    )

    reader.get_by_role("link", name="Back to the post").click()
    reader.locator("article.post").first.wait_for()
    assert "pharmacy" in reader.locator("article.post").first.inner_text()


def test_a_live_edit_brings_its_edited_link(new_page, anonymous_thread):
    reader = new_page()
    reader.goto(anonymous_thread.get_absolute_url())
    reader.locator("[data-live-status]", has_text="reading").wait_for()
    reader.evaluate("window.stillTheSamePage = true")

    # The reader's page is open when the author edits: the new version arrives live.
    author = new_page()
    sign_in(author, "hidden_hal_2207")
    author.goto(anonymous_thread.get_absolute_url())
    author.get_by_role("link", name="Edit").click()
    author.get_by_label("Your message").fill("I went to the exchange on Friday.")
    author.get_by_role("button", name="Save changes").click()
    author.get_by_text("Your changes are saved.").wait_for()

    edited = reader.locator("article.post", has_text="the exchange on Friday")
    edited.wait_for()
    assert reader.evaluate("window.stillTheSamePage") is True  # no reload: it came live
    edited.get_by_role("link", name="edited").click()
    reader.get_by_role("heading", name="Edit history").wait_for()
    assert "exchange" in reader.locator(".revision ins").first.text_content()
