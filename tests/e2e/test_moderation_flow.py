"""From a member's flag to corrected words on everyone's screen, without a reload."""

from accounts.models import Notification, User
from forum import services
from forum.models import Category
from moderation.models import ModerationAction
from tests.e2e.helpers import sign_in


def test_flag_queue_apply_wording_live_everywhere(new_page, transactional_db, settings):
    settings.MODERATION_MEDIUM_ACTION = "nudge"  # so only the member's flag brings it in
    author = User.objects.create_user(handle="river", password="a-long-passphrase")
    User.objects.create_user(handle="careful_cam", password="a-long-passphrase")
    User.objects.create_user(handle="mod_alex", password="a-long-passphrase", role="moderator")
    category = Category.objects.create(name="Families", slug="families")
    thread = services.create_thread(
        category=category, author=author, title="My brother", body="He is an addict."
    )

    moderator = new_page()
    sign_in(moderator, "mod_alex")
    moderator.goto("/moderation/queue/")
    moderator.get_by_text("Nothing is waiting").wait_for()
    moderator.evaluate("window.stillTheSamePage = true")

    reader = new_page()
    reader.goto(thread.get_absolute_url())
    reader.locator("[data-live-status]", has_text="reading").wait_for()
    reader.evaluate("window.stillTheSamePage = true")

    member = new_page()
    sign_in(member, "careful_cam")
    member.goto(thread.get_absolute_url())
    member.get_by_role("link", name="Flag").click()
    member.get_by_label("Stigmatising language").check()
    member.get_by_role("button", name="Send to the moderators").click()
    member.get_by_text("A moderator will look at it soon").wait_for()

    item = moderator.locator(".queue-item", has_text="He is an addict.")
    item.wait_for()
    assert "person who uses drugs" in item.inner_text()
    item.get_by_role("button", name="Apply suggested wording").click()
    moderator.get_by_text("Done. It is in the moderation log.").wait_for()

    corrected = reader.locator("article.post", has_text="He is a person who uses drugs.")
    corrected.wait_for()
    assert "edited" in corrected.inner_text()
    assert reader.evaluate("window.stillTheSamePage") is True

    assert "changed a few words" in Notification.objects.get(member=author).text
    row = ModerationAction.objects.get(action="apply_wording")
    assert row.text_before == "He is an addict."
    assert row.text_after == "He is a person who uses drugs."
