"""Care before reading: folded warnings, and help when someone may be in danger."""

from accounts.models import User
from forum import services
from forum.models import Category
from tests.e2e.helpers import sign_in


def test_warned_post_is_folded_and_an_at_risk_post_shows_help_and_tops_the_queue(
    new_page, transactional_db
):
    author = User.objects.create_user(handle="river", password="a-long-passphrase")
    User.objects.create_user(handle="mod_alex", password="a-long-passphrase", role="moderator")
    category = Category.objects.create(name="Support", slug="support")
    thread = services.create_thread(category=category, author=author, title="Tonight", body="Hi")
    services.create_post(
        thread=thread,
        author=author,
        body="The night my friend overdosed.",
        content_warnings=["overdose"],
    )
    services.create_post(thread=thread, author=author, body="My brother is an addict.")

    reader = new_page()
    reader.goto(thread.get_absolute_url())
    story = reader.get_by_text("The night my friend overdosed.")
    assert not story.is_visible()
    reader.get_by_text("Content warning: Overdose").click()
    assert story.is_visible()

    writer = new_page()
    sign_in(writer, "river")
    writer.goto(thread.get_absolute_url())
    writer.get_by_label("Your reply").press_sequentially("He's not breathing")
    composer_help = writer.locator("#reply [data-support-panel]")
    composer_help.get_by_text("In an opioid overdose:").wait_for()
    writer.get_by_role("button", name="Post reply").click()
    posted = writer.locator("article.post", has_text="He's not breathing")
    posted.wait_for()
    posted.locator(".support-panel").get_by_text("In an opioid overdose:").wait_for()

    moderator = new_page()
    sign_in(moderator, "mod_alex")
    moderator.goto("/moderation/queue/")
    first = moderator.locator(".queue-item").first
    assert "He's not breathing" in first.inner_text()
    assert "Someone may be at risk" in first.inner_text()
