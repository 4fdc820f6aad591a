"""Nudges while writing, in a real browser: see the suggestion, take it in one click."""

import pytest

from accounts.models import User
from forum import services
from forum.models import Category, Post
from tests.e2e.helpers import sign_in, wait_until


@pytest.fixture
def thread_and_member(transactional_db):
    member = User.objects.create_user(handle="river", password="a-long-passphrase")
    category = Category.objects.create(name="Harm reduction", slug="harm-reduction")
    thread = services.create_thread(
        category=category, author=member, title="Outreach this week", body="Who is around?"
    )
    return thread, member


def test_typing_a_slur_shows_the_suggestion_and_one_click_replaces_it(new_page, thread_and_member):
    thread, _ = thread_and_member
    page = new_page()
    sign_in(page, "river")
    page.goto(thread.get_absolute_url())
    reply = page.get_by_label("Your reply")

    reply.press_sequentially("he's a junkie")

    panel = page.locator(".nudges")
    panel.get_by_text("“junkie”").wait_for()
    assert "is a slur" in panel.inner_text()
    assert page.locator("mark.nudge-mark--high").inner_text() == "junkie"

    panel.get_by_role("button", name="person who uses drugs").click()

    assert reply.input_value() == "he's a person who uses drugs"
    # The cursor stays at the end, where the person was typing.
    assert reply.evaluate("el => el.selectionStart") == len("he's a person who uses drugs")
    wait_until(page, "document.querySelector('.nudges').children.length === 0")
    assert page.locator("mark.nudge-mark").count() == 0


def test_one_click_replace_keeps_the_rest_of_the_text(new_page, thread_and_member):
    thread, _ = thread_and_member
    page = new_page()
    sign_in(page, "river")
    page.goto(thread.get_absolute_url())
    reply = page.get_by_label("Your reply")
    reply.fill("My uncle is an addict.\nHe still calls me on Sundays.")
    reply.press("End")

    page.locator(".nudges").get_by_role("button", name="person who uses drugs").click()

    assert reply.input_value() == (
        "My uncle is a person who uses drugs.\nHe still calls me on Sundays."
    )


def test_posting_a_slur_holds_the_post_and_keeps_the_text(new_page, thread_and_member):
    thread, _ = thread_and_member
    page = new_page()
    sign_in(page, "river")
    page.goto(thread.get_absolute_url())
    text = "Those junkies by the station should be moved on."
    page.get_by_label("Your reply").fill(text)

    page.get_by_role("button", name="Post reply").click()

    page.get_by_text("waiting for a moderator", exact=False).first.wait_for()
    held = page.locator("article.post--pending")
    assert text in held.inner_text()
    assert "person who uses drugs" in held.inner_text()
    assert Post.objects.get(body=text).status == Post.Status.PENDING

    visitor = new_page()
    visitor.goto(thread.get_absolute_url())
    assert text not in visitor.content()
