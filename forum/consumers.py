"""Live thread, home and category pages over WebSockets.

Thin consumers: read the frame, check the person may do it, call the same
services as the HTML views, send the result. Frames sent to readers are made
once per event in `forum.live`; a consumer only forwards them.

Frames from the browser (JSON text):
    {"type": "reply", "body": "...", "anonymous": false, "ref": "any"}
    {"type": "typing"}
    {"type": "resume", "after": <last post id seen>}
    {"type": "ping"}
Frames to the browser:
    {"type": "post", "kind": "new|edited|hidden|removed|restored", "id", "html", ...}
    {"type": "ack", "ref", "id", "status", "html", "level", "notes"}
    {"type": "error", "code", "message", "ref"?, "body"? (the text, given back)}
    {"type": "presence", "count"}   {"type": "typing"}
    {"type": "resumed", "after"}    {"type": "resume.overflow"}   {"type": "pong"}
"""

import json
import time
from collections import deque

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from moderation import services as moderation

from . import live, presence, services
from .models import Post, Thread
from .selectors import with_reaction_counts


def error_frame(code: str, message: str, **extra) -> str:
    return json.dumps({"type": "error", "code": code, "message": message, **extra})


class LiveConsumer(AsyncWebsocketConsumer):
    """Shared frame parsing: size limit, JSON, known types, never a crash."""

    handlers: dict[str, str] = {}

    async def receive(self, text_data=None, bytes_data=None):
        if text_data is None:
            await self.send(text_data=error_frame("bad_frame", _("Frames must be JSON text.")))
            return
        if len(text_data) > settings.LIVE_FRAME_MAX_CHARS:
            await self.send(
                text_data=error_frame("too_large", _("That message is too long to send."))
            )
            return
        try:
            message = json.loads(text_data)
        except ValueError:
            await self.send(text_data=error_frame("bad_json", _("That message could not be read.")))
            return
        kind = message.get("type") if isinstance(message, dict) else None
        handler = self.handlers.get(kind) if isinstance(kind, str) else None
        if handler is None:
            await self.send(
                text_data=error_frame("unknown_type", _("That kind of message is not understood."))
            )
            return
        await getattr(self, handler)(message)

    async def on_ping(self, message):
        await self.send(text_data=json.dumps({"type": "pong"}))


class ThreadConsumer(LiveConsumer):
    handlers = {
        "reply": "on_reply",
        "typing": "on_typing",
        "resume": "on_resume",
        "ping": "on_ping",
    }

    async def connect(self):
        self.thread_id = int(self.scope["url_route"]["kwargs"]["thread_id"])
        self.user = self.scope.get("user")
        allowed, self.is_moderator = await self._may_read()
        if not allowed:
            await self.close(code=4404)
            return
        self.group = (
            live.moderators_group(self.thread_id)
            if self.is_moderator
            else live.readers_group(self.thread_id)
        )
        await self.channel_layer.group_add(self.group, self.channel_name)
        self.replies = deque()
        self.last_typing = 0.0
        self.catching_up = False
        self.held_back: list[dict] = []
        await self.accept()
        # Counted until this connection ends, however it ends (see presence).
        self.seat = await presence.take_seat(
            self.thread_id, self.channel_name, self.channel_layer, on_lost=self.lost_place
        )

    async def lost_place(self):
        # Redis restarted empty: this connection is in no group any more and may
        # have missed events. Closing it makes the page reconnect and resume.
        await self.close(code=1012)

    async def disconnect(self, code):
        if getattr(self, "seat", None):
            await self.seat.leave()
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    @database_sync_to_async
    def _may_read(self):
        thread = Thread.objects.filter(pk=self.thread_id).first()
        if thread is None or not services.can_see_thread(self.user, thread):
            return False, False
        return True, bool(self.user and self.user.is_authenticated and self.user.is_moderator)

    # -- from the browser ---------------------------------------------------

    def _signed_in(self) -> bool:
        return bool(self.user and self.user.is_authenticated)

    async def on_reply(self, message):
        body = message.get("body")
        ref = message.get("ref")
        if not isinstance(body, str):
            await self.send(
                text_data=error_frame("invalid", _("A reply needs some text."), ref=ref)
            )
            return
        if not self._signed_in():
            await self.send(
                text_data=error_frame("sign_in", _("Please sign in to reply."), ref=ref, body=body)
            )
            return
        now = time.monotonic()
        while self.replies and now - self.replies[0] > 60:
            self.replies.popleft()
        if len(self.replies) >= settings.LIVE_REPLIES_PER_MINUTE:
            await self.send(
                text_data=error_frame(
                    "slow_down",
                    _("That's a lot of replies at once. Please wait a moment and send again."),
                    ref=ref,
                    body=body,
                )
            )
            return
        self.replies.append(now)
        try:
            warnings = message.get("content_warnings") or []
            if not isinstance(warnings, list):
                warnings = []
            ack = await self._reply(body, bool(message.get("anonymous")), warnings)
        except ValidationError as error:
            text = " ".join(error.messages)
            await self.send(text_data=error_frame("invalid", text, ref=ref, body=body))
            return
        except PermissionDenied as denied:
            await self.send(text_data=error_frame("not_allowed", str(denied), ref=ref, body=body))
            return
        await self.send(text_data=json.dumps({"type": "ack", "ref": ref, **ack}))

    @database_sync_to_async
    def _reply(self, body: str, anonymous: bool, warnings: list) -> dict:
        # Read the member afresh: a suspension may have started since they connected.
        author = get_user_model().objects.get(pk=self.user.pk)
        thread = Thread.objects.get(pk=self.thread_id)
        post = services.create_post(
            thread=thread,
            author=author,
            body=body,
            anonymous=anonymous,
            content_warnings=[w for w in warnings if isinstance(w, str)],
        )
        level, notes = moderation.explain_to_author(post.screening)
        # The author's own view of their post, with its edit links.
        html = render_to_string("forum/_post.html", {"post": post, "user": author})
        return {"id": post.pk, "status": post.status, "html": html, "level": level, "notes": notes}

    async def on_typing(self, message):
        if not self._signed_in():
            await self.send(text_data=error_frame("sign_in", _("Please sign in to reply.")))
            return
        now = time.monotonic()
        if now - self.last_typing < settings.LIVE_TYPING_INTERVAL:
            return  # throttled quietly
        self.last_typing = now
        event = {"type": "typing.event", "origin": self.channel_name}
        for group in (live.readers_group(self.thread_id), live.moderators_group(self.thread_id)):
            await self.channel_layer.group_send(group, event)

    async def on_resume(self, message):
        after = message.get("after")
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            await self.send(
                text_data=error_frame("invalid", _("Resume needs the last post id seen."))
            )
            return
        self.catching_up = True
        try:
            frames, last_id, overflow = await self._backlog(after)
            for frame in frames:
                await self.send(text_data=frame)
            if overflow:
                await self.send(text_data=json.dumps({"type": "resume.overflow"}))
        finally:
            self.catching_up = False
        # Live events that arrived meanwhile, without repeating what was just sent.
        held, self.held_back = self.held_back, []
        for event in held:
            if event.get("kind") == "new" and event.get("id", 0) <= last_id:
                continue
            await self.send(text_data=event["frame"])
        await self.send(text_data=json.dumps({"type": "resumed", "after": last_id}))

    @database_sync_to_async
    def _backlog(self, after: int):
        statuses = None if self.is_moderator else services.PUBLIC_STATUSES
        posts = with_reaction_counts(Post.objects.filter(thread_id=self.thread_id, pk__gt=after))
        if statuses is not None:
            posts = posts.filter(status__in=statuses)
        limit = settings.LIVE_RESUME_LIMIT
        posts = list(posts.select_related("author").order_by("id")[: limit + 1])
        overflow = len(posts) > limit
        posts = posts[:limit]
        frames = [live.post_frame(post, "new", live.render_post(post)) for post in posts]
        return frames, (posts[-1].pk if posts else after), overflow

    # -- from the channel layer ---------------------------------------------

    async def post_event(self, event):
        if self.catching_up:
            self.held_back.append(event)
            return
        await self.send(text_data=event["frame"])

    async def presence_event(self, event):
        await self.send(text_data=json.dumps({"type": "presence", "count": event["count"]}))

    async def typing_event(self, event):
        if event.get("origin") != self.channel_name:
            await self.send(text_data=json.dumps({"type": "typing"}))


class ActivityConsumer(LiveConsumer):
    """Home and category pages: new threads and new activity, for everyone."""

    handlers = {"ping": "on_ping"}

    async def connect(self):
        category_id = self.scope["url_route"]["kwargs"].get("category_id")
        self.group = live.category_group(int(category_id)) if category_id else live.HOME_GROUP
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def activity_event(self, event):
        await self.send(text_data=event["frame"])
