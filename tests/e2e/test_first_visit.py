"""A newcomer's first visit, in a real browser: join, start a thread, reply."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from forum.models import Thread


@pytest.fixture
def seeded(transactional_db):
    call_command("seed")


def sign_up(page, handle):
    page.goto("/")
    page.get_by_role("link", name="Join").first.click()
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Password", exact=True).fill("a-long-passphrase")
    page.get_by_label("Password again").fill("a-long-passphrase")
    # Email is left empty: it is optional.
    page.get_by_role("button", name="Join").click()
    # New recovery codes are shown once, then the newcomer carries on.
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    page.get_by_role("link", name="Continue").click()
    page.get_by_role("button", name="Sign out").wait_for()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_join_without_email_start_a_thread_reply_and_see_both(new_page, seeded, javascript):
    page = new_page(javascript=javascript)
    sign_up(page, "river")

    page.get_by_role("link", name="Recovery in all its forms").click()
    page.get_by_role("link", name="Start a thread").click()
    page.get_by_label("Title").fill("What does a good day look like?")
    page.get_by_label("Your message").fill("For me: breakfast, a walk, calling my sister.")
    page.get_by_role("button", name="Start thread").click()

    page.get_by_role("heading", name="What does a good day look like?").wait_for()
    page.get_by_label("Your reply").fill("And *not* having to explain myself.")
    page.get_by_role("button", name="Post reply").click()

    posts = page.locator("article.post")
    posts.nth(1).wait_for()
    assert posts.count() == 2
    assert "breakfast, a walk" in posts.nth(0).inner_text()
    assert posts.nth(1).locator("em").inner_text() == "not"

    # A visitor, not signed in, reads the same two posts.
    visitor = new_page(javascript=javascript)
    thread = Thread.objects.get(title="What does a good day look like?")
    visitor.goto(thread.get_absolute_url())
    texts = visitor.locator("article.post").all_inner_texts()
    assert len(texts) == 2
    assert "river" in texts[0] and "calling my sister" in texts[0]
    assert "explain myself" in texts[1]


def test_a_rejected_post_keeps_what_was_typed(new_page, seeded):
    page = new_page()
    sign_up(page, "sam")
    page.goto("/c/introductions/new/")
    page.get_by_label("Your message").fill("Hello everyone, I'm new and a bit nervous.")
    page.get_by_role("button", name="Start thread").click()

    page.get_by_text("Please give your thread a title.").wait_for()
    assert page.get_by_label("Your message").input_value() == (
        "Hello everyone, I'm new and a bit nervous."
    )


def test_thread_page_fits_a_phone_screen(new_page, seeded):
    call_command("seed", "--demo")
    thread = Thread.objects.get(title="Where to get naloxone without a prescription?")
    desktop = new_page(width=1100, height=1000)
    phone = new_page(width=390, height=844)

    for page in (desktop, phone):
        page.goto(thread.get_absolute_url())
        page.locator("article.post").first.wait_for()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page is {overflow}px wider than the screen"

    # `make screenshots` saves these for the README.
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        desktop.screenshot(path=f"{folder}/thread.png", full_page=True)
        phone.screenshot(path=f"{folder}/thread-phone.png", full_page=True)
