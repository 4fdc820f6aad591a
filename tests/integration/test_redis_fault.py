"""With Redis unreachable, posting still works; readers catch up when it is back."""

import logging

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from config.asgi import application
from forum import services
from forum.models import Category, Post

UNREACHABLE = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        # Nothing listens on port 1: every connection is refused at once.
        "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
    }
}


@pytest.mark.django_db(transaction=True)
def test_reply_over_http_is_saved_and_readers_catch_up_once_redis_is_back(
    client, make_member, caplog
):
    member = make_member("river")
    category = Category.objects.create(name="Recovery", slug="recovery")
    thread = services.create_thread(category=category, author=member, title="Hi", body="Hello")
    # The change number the page showed; the reply comes after it.
    seen = type(thread).objects.get(pk=thread.pk).change_seq
    client.force_login(member)

    with override_settings(CHANNEL_LAYERS=UNREACHABLE), caplog.at_level(logging.ERROR):
        response = client.post(thread.get_absolute_url(), {"body": "Saved despite the outage."})

    assert response.status_code == 302
    post = Post.objects.get(body="Saved despite the outage.")
    assert response["Location"].endswith(f"#post-{post.pk}")
    assert any("Live update could not be sent" in r.getMessage() for r in caplog.records)

    # Back on a working layer, a reader who resumes gets the post it missed.
    async def resume():
        socket = WebsocketCommunicator(
            application,
            f"/ws/threads/{thread.pk}/",
            headers=[(b"origin", b"http://localhost"), (b"host", b"localhost")],
        )
        connected, _ = await socket.connect(timeout=3)
        assert connected
        await socket.send_json_to({"type": "resume", "after": seen})
        while True:
            frame = await socket.receive_json_from(timeout=3)
            if frame["type"] == "post":
                break
        await socket.disconnect()
        return frame

    frame = async_to_sync(resume)()
    assert frame["id"] == post.pk and "Saved despite the outage." in frame["html"]
