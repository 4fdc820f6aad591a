"""Unread in a real browser: "2 new" on the list, and the link lands on the first of them."""

import pytest

from accounts.models import User
from forum import services
from forum.models import Category, Post, ReadPosition

from .helpers import eventually, sign_in, wait_until


@pytest.fixture
def forum(transactional_db):
    category = Category.objects.create(name="Recovery in all its forms", slug="recovery")
    ash = User.objects.create_user("ash_reads", password="a-long-passphrase")
    bo = User.objects.create_user("bo_replies", password="a-long-passphrase")
    thread = services.create_thread(
        category=category, author=bo, title="Mornings without using", body="What helps you?"
    )
    for n in range(3):
        services.create_post(thread=thread, author=bo, body=f"Earlier thought {n}.")
    return {"category": category, "ash": ash, "bo": bo, "thread": thread}


def reply(page, thread, words):
    page.goto(thread.get_absolute_url())
    page.get_by_label("Your reply").fill(words)
    page.get_by_role("button", name="Post reply").click()
    page.locator("article.post", has_text=words).wait_for()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_member_sees_two_new_and_lands_on_the_first(new_page, forum, javascript):
    page = new_page(javascript=javascript)
    sign_in(page, "ash_reads")
    page.goto(forum["category"].get_absolute_url())
    page.get_by_role("link", name="Mornings without using").click()
    page.get_by_role("heading", name="Mornings without using").wait_for()
    page.goto("/")  # Ash leaves; replies come while they are away.

    bo = new_page(javascript=False)
    sign_in(bo, "bo_replies")
    reply(bo, forum["thread"], "A walk first.")
    reply(bo, forum["thread"], "Then tea, slowly.")
    first = Post.objects.get(body="A walk first.")
    page.goto(forum["category"].get_absolute_url())

    row = page.locator(f"#thread-{forum['thread'].pk}")
    badge = row.locator(".tag--new")
    assert badge.locator("[aria-hidden=true]").inner_text() == "2 new"
    # Screen readers hear the whole sentence, with the link it describes.
    link = row.get_by_role("link", name="Mornings without using")
    assert link.get_attribute("aria-describedby") == badge.get_attribute("id")
    assert "2 new posts since you last read this thread" in badge.inner_text()

    link.click()

    page.wait_for_url(f"**/threads/{forum['thread'].pk}/#post-{first.pk}")
    target = page.locator(f"#post-{first.pk}")
    assert "A walk first." in target.inner_text()
    assert target.is_visible()
    top = target.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 900
    if javascript:
        wait_until(page, f"document.activeElement.id === 'post-{first.pk}'")

    # Read now: the list says nothing new.
    page.goto(forum["category"].get_absolute_url())
    assert row.locator(".tag--new").count() == 0


def test_the_home_page_latest_shows_new_activity_live(new_page, forum):
    other = Category.objects.create(name="Families", slug="families")
    quiet = services.create_thread(
        category=other, author=forum["ash"], title="Visiting my son", body="Any advice?"
    )
    page = new_page()
    page.goto("/")
    latest = page.locator("[data-live-latest]")
    assert latest.locator(".thread-row").first.inner_text().startswith("Visiting my son")
    # The page's socket is open before anything happens.
    wait_until(page, "window.commonGroundActivity && window.commonGroundActivity.isOpen")

    bo = new_page(javascript=False)
    sign_in(bo, "bo_replies")
    reply(bo, forum["thread"], "Still here today.")

    wait_until(
        page,
        "document.querySelector('[data-live-latest] .thread-row .thread-row__title')"
        ".textContent === 'Mornings without using'",
    )
    assert latest.locator(".thread-row").count() == 2
    assert quiet.title in latest.locator(".thread-row").nth(1).inner_text()
    assert "Visiting my son" in latest.locator(".thread-row").nth(1).inner_text()


def test_a_reply_read_live_is_not_new_afterwards(new_page, forum):
    page = new_page()
    sign_in(page, "ash_reads")
    page.goto(forum["thread"].get_absolute_url())
    page.locator("[data-live-status]", has_text="reading").wait_for()

    bo = new_page(javascript=False)
    sign_in(bo, "bo_replies")
    reply(bo, forum["thread"], "Arrives while Ash reads.")
    arrived = page.locator("article.post", has_text="Arrives while Ash reads.")
    arrived.wait_for()
    post = Post.objects.get(body="Arrives while Ash reads.")
    eventually(
        lambda: ReadPosition.objects.filter(
            member=forum["ash"], thread=forum["thread"], last_post_id=post.pk
        ).exists()
    )

    page.goto(forum["category"].get_absolute_url())
    assert page.locator(f"#thread-{forum['thread'].pk} .tag--new").count() == 0
