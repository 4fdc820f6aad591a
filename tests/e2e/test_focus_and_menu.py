"""In Chromium: where focus goes after a form, what `hidden` hides, the phone menu."""

import pytest

from accounts.models import User
from accounts.services import notify
from forum import services
from forum.models import Category
from moderation import flagging
from tests.e2e.helpers import sign_in, wait_until

ACTIVE = "document.activeElement"


@pytest.fixture
def forum(transactional_db):
    category = Category.objects.create(name="Harm reduction", slug="harm-reduction")
    river = User.objects.create_user("river", password="a-long-passphrase")
    other = User.objects.create_user("sam_other", password="a-long-passphrase")
    thread = services.create_thread(
        category=category, author=other, title="Where to get naloxone?", body="Any tips?"
    )
    return {"category": category, "river": river, "other": other, "thread": thread}


@pytest.mark.parametrize(
    ("path", "button"),
    [("/c/harm-reduction/new/", "Start thread"), ("/members/settings/", "Save")],
)
def test_after_a_failed_form_focus_is_on_the_error_summary(new_page, forum, path, button):
    page = new_page()
    sign_in(page, "river")
    page.goto(path)
    if path.endswith("settings/"):
        page.get_by_label("Handle").fill("a b")
    page.get_by_role("button", name=button).click()
    page.locator("[data-error-summary]").wait_for()
    wait_until(page, f"{ACTIVE}.hasAttribute('data-error-summary')")
    # A link in the summary takes the reader to the field that needs them.
    page.locator("[data-error-summary] a").first.click()
    wait_until(page, f"{ACTIVE}.matches('input, textarea')")


def test_without_javascript_the_error_summary_is_first_in_the_form(new_page, forum):
    page = new_page(javascript=False)
    sign_in(page, "river")
    page.goto("/c/harm-reduction/new/")
    page.get_by_role("button", name="Start thread").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    first = page.evaluate(
        "[...document.querySelector('[data-error-summary]').closest('form').children]"
        ".find(el => el.type !== 'hidden').hasAttribute('data-error-summary')"
    )
    assert first
    assert "Nothing is lost" in summary.inner_text()


def test_the_unread_badge_shows_only_when_there_is_something_unread(new_page, forum):
    page = new_page()
    sign_in(page, "river")
    badge = page.locator("[data-notifications] [data-unread]")
    assert not badge.is_visible()
    notify(member=forum["river"], text="sam_other replied.", url="")
    notify(member=forum["river"], text="sam_other mentioned you.", url="")
    page.reload()
    assert badge.is_visible() and badge.inner_text() == "2"


def test_a_queue_card_shows_no_empty_pill(new_page, forum):
    User.objects.create_user("mod_alex", password="a-long-passphrase", role="moderator")
    flagging.flag_post(
        post=forum["thread"].posts.get(), reporter=forum["river"], reason="spam", note=""
    )
    page = new_page()
    sign_in(page, "mod_alex")
    page.goto("/moderation/queue/")
    card = page.locator(".queue-item").first
    card.wait_for()
    assert not card.locator("[data-handling]").is_visible()
    assert card.locator(".tag:visible").all_inner_texts() == ["Spam"]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_phone_header_is_one_row_with_a_menu(new_page, forum, javascript):
    page = new_page(javascript=javascript, width=390, height=844)
    sign_in_on_a_phone(page)
    header = page.locator(".site-header").bounding_box()
    brand = page.get_by_role("link", name="Common Ground").bounding_box()
    menu = page.locator("summary", has_text="Menu")
    assert menu.is_visible()
    assert header["height"] < 80, "the header should be one row on a phone"
    assert abs(menu.bounding_box()["y"] - brand["y"]) < 20, "name and menu sit in one row"
    sign_out = page.get_by_role("button", name="Sign out")
    assert not sign_out.is_visible()

    menu.click()
    assert sign_out.is_visible()
    page.get_by_role("link", name="Questions").click()
    page.get_by_role("heading", name="Questions we answer together").wait_for()


def sign_in_on_a_phone(page):
    page.goto("/accounts/login/")
    page.get_by_label("Handle").fill("river")
    page.get_by_label("Password").fill("a-long-passphrase")
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_on_a_wide_screen_the_links_show_without_a_menu(new_page, forum):
    page = new_page(width=1100)
    sign_in(page, "river")
    assert not page.locator("summary", has_text="Menu").is_visible()
    for name in ("Questions", "Notifications", "Settings"):
        assert page.get_by_role("link", name=name).first.is_visible()
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert page.get_by_role("searchbox", name="Search").is_visible()


def test_after_posting_over_the_socket_focus_moves_to_the_new_post(new_page, forum):
    page = new_page()
    sign_in(page, "river")
    page.goto(forum["thread"].get_absolute_url())
    wait_until(page, "window.commonGroundLive && window.commonGroundLive.isOpen")
    page.get_by_label("Your reply").fill("Try the exchange on Mill Street.")
    page.get_by_role("button", name="Post reply").click()
    wait_until(page, f"{ACTIVE}.matches('article.post')")
    assert "Mill Street" in page.evaluate(f"{ACTIVE}.innerText")
    assert page.url.endswith(forum["thread"].get_absolute_url())  # no reload


def test_after_a_plain_form_post_focus_moves_to_the_new_post(new_page, forum):
    page = new_page()
    # No live connection: the reply goes as a plain form post and comes back to #post-<id>.
    page.route_web_socket("**/ws/**", lambda socket: socket.close())
    sign_in(page, "river")
    page.goto(forum["thread"].get_absolute_url())
    page.get_by_label("Your reply").fill("Ask for Kim at the pharmacy.")
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_url("**#post-*")
    wait_until(page, f"{ACTIVE}.matches('article.post')")
    assert "Ask for Kim" in page.evaluate(f"{ACTIVE}.innerText")
    assert page.evaluate(f"'#' + {ACTIVE}.id") == page.evaluate("window.location.hash")
