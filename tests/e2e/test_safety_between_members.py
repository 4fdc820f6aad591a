"""In a real browser: a moderator bans from the queue, the member sees why, the
moderator lifts it; and a crisis post brings the right help before it is posted."""

from accounts.models import User
from forum import clock, services
from forum.models import Category
from tests.e2e.helpers import sign_in


def test_a_moderator_bans_from_the_queue_and_lifts_it(new_page, transactional_db):
    member = User.objects.create_user(
        handle="river", password="a-long-passphrase", established_at=clock.now()
    )
    User.objects.create_user(handle="mod_alex", password="a-long-passphrase", role="moderator")
    category = Category.objects.create(name="Talk", slug="talk")
    thread = services.create_thread(category=category, author=member, title="Hi", body="Hello")
    services.create_post(thread=thread, author=member, body="Anyone got a plug? hmu on snap")

    moderator = new_page()
    sign_in(moderator, "mod_alex")
    moderator.goto("/moderation/queue/")
    item = moderator.locator(".queue-item", has_text="hmu on snap")
    item.get_by_text("Buying, selling or sourcing").first.wait_for()
    item.get_by_text("Written by").wait_for()
    item.get_by_label("Message or reason (the member sees it)").fill("Sourcing is not allowed.")
    item.get_by_role("button", name="Ban").click()
    moderator.get_by_text("Done. It is in the moderation log.").wait_for()

    person = new_page()
    sign_in(person, "river")  # a banned member can still sign in
    person.goto(thread.get_absolute_url())
    person.get_by_text("The moderators have closed your account to posting").wait_for()
    assert person.get_by_label("Your reply").count() == 0
    person.goto("/members/notifications/")
    person.get_by_text("Their reason: Sourcing is not allowed.").wait_for()

    moderator.goto(member.get_absolute_url())
    moderator.get_by_role("button", name="Lift the ban").click()
    moderator.get_by_text("Done. It is in the moderation log.").wait_for()
    person.goto(thread.get_absolute_url())
    person.get_by_label("Your reply").wait_for()


def test_a_crisis_post_shows_the_crisis_panel_and_tops_the_live_queue(new_page, transactional_db):
    member = User.objects.create_user(handle="river", password="a-long-passphrase")
    User.objects.create_user(handle="mod_alex", password="a-long-passphrase", role="moderator")
    category = Category.objects.create(name="Support", slug="support")
    thread = services.create_thread(category=category, author=member, title="Tonight", body="Hi")
    services.create_post(thread=thread, author=member, body="My brother is an addict.")

    moderator = new_page()
    sign_in(moderator, "mod_alex")
    moderator.goto("/moderation/queue/")
    moderator.locator(".queue-item").first.wait_for()
    moderator.evaluate("window.stillTheSamePage = true")

    writer = new_page()
    sign_in(writer, "river")
    writer.goto(thread.get_absolute_url())
    writer.get_by_label("Your reply").press_sequentially(
        "I've written my note and tonight when everyone is asleep I'm taking all of them"
    )
    crisis = writer.locator('#reply [data-support-panel] [data-kind="suicide"]')
    crisis.get_by_text("You don't have to go through this alone").wait_for()
    assert writer.locator('#reply [data-support-panel] [data-kind="overdose"]').count() == 0
    writer.get_by_role("button", name="Post reply").click()
    writer.locator("article.post", has_text="written my note").wait_for()

    first = moderator.locator(".queue-item").first
    first.get_by_text("Someone may be at risk:").wait_for()
    assert "written my note" in first.inner_text()
    assert "a plan with a time" in first.inner_text()
    assert moderator.evaluate("window.stillTheSamePage") is True
