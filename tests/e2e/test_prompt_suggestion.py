"""A member's question becomes the community's: suggested, approved, featured."""

from django.core.management import call_command

from accounts.models import User
from forum.models import PromptSuggestion
from tests.e2e.helpers import sign_in


def test_member_suggests_moderator_approves_and_features_home_shows_it(new_page, transactional_db):
    call_command("seed")
    User.objects.create_user(handle="river", password="a-long-passphrase")
    User.objects.create_user(handle="mod_alex", password="a-long-passphrase", role="moderator")
    question = "What helped you through your first winter?"

    member = new_page()
    sign_in(member, "river")
    member.get_by_role("link", name="Questions", exact=True).click()
    member.get_by_role("link", name="Suggest a question").click()
    member.get_by_label("Your question").fill(question)
    member.get_by_label("Why ask it?").fill("Winters are hard for many of us.")
    member.get_by_role("button", name="Send suggestion").click()
    member.get_by_text("Waiting for a moderator").wait_for()

    moderator = new_page()
    sign_in(moderator, "mod_alex")
    moderator.goto("/prompts/")
    moderator.get_by_role("link", name="Members' suggestions").click()
    moderator.get_by_role("link", name=question).click()
    moderator.get_by_label("Category").select_option(label="Recovery in all its forms")
    moderator.get_by_role("button", name="Approve").click()
    moderator.get_by_text("Approved. The prompt is in the list.").wait_for()
    moderator.goto("/prompts/")
    row = moderator.locator(".prompt-row", has_text=question)
    row.get_by_role("button", name="Feature now").click()
    moderator.get_by_text("is now featured on the home page").wait_for()

    member.goto("/")
    featured = member.locator(".prompt-feature")
    assert question in featured.inner_text()
    assert "Winters are hard for many of us." in featured.inner_text()
    member.goto("/prompts/suggestions/mine/")
    assert "Approved" in member.locator(".card", has_text=question).inner_text()
    assert PromptSuggestion.objects.get().state == "approved"
