"""Following threads and notifications: replies, @mentions, and the live unread count."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from accounts.models import Notification, User
from accounts.notifications import shown
from config.asgi import application
from forum import review, services
from forum.models import Follow


def notes(member):
    """The notes as the member's notifications page words them."""
    return [note.text for note in shown(Notification.objects.filter(member=member), member)]


@pytest.mark.django_db
def test_posting_follows_and_followers_hear_of_replies_anonymous_ones_too(
    thread, member, make_member
):
    replier = make_member("sam")
    services.create_post(thread=thread, author=replier, body="Signed reply.")
    quiet = make_member("quiet_quinn")
    services.create_post(thread=thread, author=quiet, body="Quiet reply.", anonymous=True)

    assert Follow.objects.filter(member=replier, thread=thread).exists()
    river_notes = notes(member)
    assert "sam replied in “Where to get naloxone?”." in river_notes
    assert "Anonymous replied in “Where to get naloxone?”." in river_notes
    assert not any("quiet_quinn" in note for note in river_notes + notes(replier))
    assert not any("sam replied" in note for note in notes(replier))  # not about oneself


@pytest.mark.django_db
def test_mentions_notify_and_held_posts_wait_until_approved(thread, member, make_member):
    named = make_member("Robin")
    moderator = make_member("mod_alex", role="moderator")
    services.create_post(thread=thread, author=member, body="Thanks @robin, and @nobody.")
    assert "river mentioned you in “Where to get naloxone?”." in notes(named)

    held = services.create_post(thread=thread, author=make_member(), body="@Robin you junkie")
    assert len(notes(named)) == 1
    review.approve_post(post=held, by=moderator)
    assert len(notes(named)) == 2


@pytest.mark.django_db
def test_follow_toggle_and_mark_one_read(client, thread, make_member):
    reader = make_member("reader")
    client.force_login(reader)
    client.post(f"/threads/{thread.pk}/follow/")
    post = services.create_post(thread=thread, author=make_member(), body="News!")
    note = Notification.objects.get(member=reader)

    response = client.post(f"/members/notifications/{note.pk}/read/")

    assert response["Location"] == post.get_absolute_url()
    note.refresh_from_db()
    assert note.read
    client.post(f"/threads/{thread.pk}/follow/")
    assert not Follow.objects.filter(member=reader).exists()
    other = Client()
    other.force_login(make_member())
    assert other.post(f"/members/notifications/{note.pk}/read/").status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_unread_count_updates_live(make_member):
    @database_sync_to_async
    def setup():
        member = User.objects.create_user(handle="river", password="a-long-passphrase")
        client = Client()
        client.force_login(member)
        return member, client.cookies["sessionid"].value

    member, session = await setup()
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    visitor = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
    assert not (await visitor.connect(timeout=3))[0]
    socket = WebsocketCommunicator(
        application,
        "/ws/notifications/",
        headers=[*headers, (b"cookie", f"sessionid={session}".encode())],
    )
    assert (await socket.connect(timeout=3))[0]
    assert await socket.receive_json_from(timeout=3) == {"type": "unread", "unread": 0}

    from accounts.notifications import notify

    await database_sync_to_async(notify)(member=member, text="Hello")
    assert await socket.receive_json_from(timeout=3) == {"type": "unread", "unread": 1}
    await socket.disconnect(timeout=3)
