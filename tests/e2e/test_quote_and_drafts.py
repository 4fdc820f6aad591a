"""Quote and reply, drafts that survive, and a visitor's words kept through joining, in Chromium."""

import time

import pytest

from accounts.models import User
from forum import services
from forum.models import Category, Draft, Post
from tests.e2e.helpers import sign_in, wait_until

SECRET_HANDLE = "hidden_heron_7731"


@pytest.fixture
def thread(transactional_db):
    river = User.objects.create_user(handle="river", password="a-long-passphrase")
    User.objects.create_user(handle="sam", password="a-long-passphrase")
    hidden = User.objects.create_user(handle=SECRET_HANDLE, password="a-long-passphrase")
    category = Category.objects.create(name="Recovery", slug="recovery")
    thread = services.create_thread(
        category=category, author=river, title="Small wins", body="Share one from today."
    )
    services.create_post(
        thread=thread,
        author=hidden,
        anonymous=True,
        body="I called my sister for the first time in a year. She picked up.",
    )
    return thread


def composers_ready(page):
    page.locator("html[data-composers-ready]").wait_for(state="attached")


def open_live(page, thread):
    page.goto(thread.get_absolute_url())
    composers_ready(page)
    page.locator("[data-live-status]", has_text="reading").wait_for()
    page.evaluate("window.stillTheSamePage = true")


def test_quote_a_selection_and_reply_to_a_post(new_page, thread):
    anonymous = Post.objects.get(anonymous=True)
    page = new_page()
    sign_in(page, "sam")
    open_live(page, thread)

    # Select a few words inside the anonymous post, then press its Quote.
    post = page.locator(f"#post-{anonymous.pk}")
    page.evaluate(
        """(id) => {
          const body = document.querySelector(`#post-${id} .post__body p`);
          const text = body.firstChild;
          const start = text.data.indexOf("She picked up.");
          const range = document.createRange();
          range.setStart(text, start);
          range.setEnd(text, start + "She picked up.".length);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }""",
        anonymous.pk,
    )
    post.get_by_role("link", name="Quote").click()

    box = page.get_by_label("Your reply")
    wait_until(page, "document.activeElement && document.activeElement.name === 'body'")
    assert box.input_value() == (
        f"[Anonymous wrote](/posts/{anonymous.pk}/):\n\n> She picked up.\n\n"
    )
    assert page.locator("[data-replying-to]").inner_text().startswith("Replying to Anonymous")
    box.press("End")
    box.type("That's a big step.")
    page.get_by_role("button", name="Post reply").click()

    mine = page.locator("article.post", has_text="That's a big step.")
    mine.wait_for()
    line = mine.get_by_role("link", name="in reply to Anonymous")
    assert line.get_attribute("href") == f"/posts/{anonymous.pk}/"
    assert mine.locator("blockquote").inner_text() == "She picked up."
    assert SECRET_HANDLE not in page.content()
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.locator("[data-replying-to]").is_hidden()

    # Reply to river's opening post: no quote, just the link back.
    opening = Post.objects.filter(thread=thread).order_by("pk").first()
    page.locator(f"#post-{opening.pk}").get_by_role("link", name="Reply").click()
    assert page.locator("[data-replying-to]").inner_text().startswith("Replying to river")
    wait_until(page, "document.activeElement && document.activeElement.name === 'body'")
    page.get_by_label("Your reply").fill("Mine: a walk.")
    page.get_by_role("button", name="Post reply").click()
    answer = page.locator("article.post", has_text="Mine: a walk.")
    answer.wait_for()
    assert answer.get_by_role("link", name="in reply to river").count() == 1

    # The line leads back to the post answered, on the same page.
    line.click()
    wait_until(page, f"document.activeElement.id === 'post-{anonymous.pk}'")


def test_quote_without_javascript_fills_the_box_after_a_reload(new_page, thread):
    anonymous = Post.objects.get(anonymous=True)
    page = new_page(javascript=False)
    sign_in(page, "river")
    page.goto(thread.get_absolute_url())
    page.locator(f"#post-{anonymous.pk}").get_by_role("link", name="Quote").click()
    assert (
        page.get_by_label("Your reply")
        .input_value()
        .startswith(f"[Anonymous wrote](/posts/{anonymous.pk}/):\n\n> I called my sister")
    )
    page.get_by_role("button", name="Post reply").click()
    reply = Post.objects.get(author__handle="river", reply_to=anonymous)
    assert page.locator(f"#post-{reply.pk}").get_by_text("in reply to Anonymous").count() == 1


def test_a_draft_survives_a_reload_and_can_be_discarded(new_page, thread):
    page = new_page()
    sign_in(page, "sam")
    open_live(page, thread)
    page.get_by_label("Your reply").fill("Today I went to my first meeting and")
    page.get_by_text("Your draft is saved. Only you can see it.").wait_for()

    page.reload()
    assert page.get_by_label("Your reply").input_value() == "Today I went to my first meeting and"

    # A draft is saved when the page is left, too, without waiting for the pause.
    page.get_by_label("Your reply").fill("Today I went to my first meeting and stayed.")
    page.goto("/")
    deadline = time.monotonic() + 10
    while not Draft.objects.filter(body__endswith="and stayed.").exists():
        assert time.monotonic() < deadline, "the draft was not saved when the page was left"
        time.sleep(0.05)
    page.goto(thread.get_absolute_url())
    composers_ready(page)
    assert (
        page.get_by_label("Your reply").input_value()
        == "Today I went to my first meeting and stayed."
    )

    page.get_by_role("button", name="Discard draft").click()
    page.get_by_text("Your draft is discarded.").wait_for()
    assert page.get_by_label("Your reply").input_value() == ""
    page.reload()
    assert page.get_by_label("Your reply").input_value() == ""
    assert not Draft.objects.exists()


def test_a_visitor_with_javascript_keeps_their_words_through_joining(new_page, thread):
    page = new_page()
    open_live(page, thread)
    page.get_by_label("Your reply").fill("I've been reading for months. Finally saying hi.")
    page.get_by_role("button", name="Post reply").click()

    page.get_by_text("Your words are saved.").wait_for()
    page.get_by_role("link", name="Join with just a handle and a password").click()
    page.get_by_label("Handle").fill("first_timer")
    page.get_by_label("Password", exact=True).fill("a-long-passphrase")
    page.get_by_label("Password again").fill("a-long-passphrase")
    page.get_by_role("button", name="Join").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    page.get_by_role("link", name="Continue").click()

    box = page.get_by_label("Your reply")
    box.wait_for()
    assert box.input_value() == "I've been reading for months. Finally saying hi."
    page.locator("[data-live-status]", has_text="reading").wait_for()
    page.get_by_role("button", name="Post reply").click()
    page.locator("article.post", has_text="Finally saying hi.").wait_for()
    assert Post.objects.filter(author__handle="first_timer").count() == 1
    assert not Draft.objects.exists()


def test_a_new_thread_draft_survives_a_reload(new_page, thread):
    page = new_page()
    sign_in(page, "sam")
    page.goto("/c/recovery/new/")
    composers_ready(page)
    page.get_by_label("Title").fill("Sleep in early recovery")
    page.get_by_label("Your message").fill("Does it get better?")
    page.get_by_text("Your draft is saved. Only you can see it.").wait_for()
    page.reload()
    assert page.get_by_label("Title").input_value() == "Sleep in early recovery"
    assert page.get_by_label("Your message").input_value() == "Does it get better?"
    page.get_by_role("button", name="Start thread").click()
    page.get_by_role("heading", name="Sleep in early recovery").wait_for()
    assert not Draft.objects.exists()
