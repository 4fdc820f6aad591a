"""Helpers for socket tests: members, threads, signed-in sockets and frames.

Sockets go through the real ASGI application (origin check, sessions, routing)
and the configured channel layer.
"""

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from accounts.models import User
from config.asgi import application
from forum import services
from forum.models import Category


@database_sync_to_async
def make_user(handle, **fields):
    return User.objects.create_user(handle=handle, password="a-long-passphrase", **fields)


@database_sync_to_async
def make_thread(author, **fields):
    category = Category.objects.get_or_create(slug="live", defaults={"name": "Live"})[0]
    return services.create_thread(
        category=category, author=author, title="Live thread", body="Opening words", **fields
    )


@database_sync_to_async
def reply(thread, author, body, **fields):
    return services.create_post(thread=thread, author=author, body=body, **fields)


@database_sync_to_async
def session_cookie(user):
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def open_socket(path, user=None, origin=b"http://localhost"):
    headers = [(b"origin", origin), (b"host", b"localhost")]
    if user is not None:
        headers.append((b"cookie", await session_cookie(user)))
    socket = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await socket.connect(timeout=3)
    socket.accepted = connected
    socket.close_code = code
    return socket


async def next_frame(socket, kind, timeout=3):
    """The next frame of `kind`, skipping others (an unexpected error fails the test)."""
    while True:
        frame = await socket.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame
        if frame["type"] == "error":
            raise AssertionError(f"expected {kind}, got {frame}")


async def frames_within(socket, seconds=0.5):
    """Every frame that arrives until `seconds` pass quietly.

    (receive_nothing, unlike a timed-out receive, leaves the consumer running.)
    """
    frames = []
    while not await socket.receive_nothing(timeout=seconds):
        frames.append(await socket.receive_json_from())
    return frames


async def nothing_but_presence(socket, timeout=0.3):
    """True when nothing but reader counts arrives within `timeout`."""
    return all(f["type"] == "presence" for f in await frames_within(socket, timeout))


async def send(socket, **frame):
    await socket.send_json_to(frame)
