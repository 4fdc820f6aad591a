"""An anonymous reply, seen live by another member: "Anonymous" and nothing more."""

from accounts.models import User
from forum import services
from forum.models import Category
from tests.e2e.helpers import sign_in


def test_an_anonymous_reply_arrives_live_without_naming_its_author(new_page, transactional_db):
    User.objects.create_user(handle="quiet_quinn", password="a-long-passphrase")
    User.objects.create_user(handle="reader_rae", password="a-long-passphrase")
    host = User.objects.create_user(handle="host_hal", password="a-long-passphrase")
    category = Category.objects.create(name="Recovery", slug="recovery")
    thread = services.create_thread(category=category, author=host, title="Hard days", body="Hi")

    reader = new_page()
    frames = []
    reader.on(
        "websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload))
    )
    sign_in(reader, "reader_rae")
    reader.goto(thread.get_absolute_url())
    reader.locator("[data-live-status]", has_text="reading").wait_for()

    writer = new_page()
    sign_in(writer, "quiet_quinn")
    writer.goto(thread.get_absolute_url())
    writer.get_by_label("Your reply").fill("Today was hard, but I'm here.")
    writer.get_by_label("Post anonymously").check()
    writer.get_by_role("button", name="Post reply").click()

    arrived = reader.locator("article.post", has_text="Today was hard")
    arrived.wait_for()
    assert "Anonymous" in arrived.inner_text()
    assert "quiet_quinn" not in reader.content()
    received = [f if isinstance(f, str) else f.decode() for f in frames]
    assert any("Today was hard" in frame for frame in received)
    assert not any("quiet_quinn" in frame for frame in received)
