"""Live thread, home and category pages over WebSockets.

Thin consumers: parse the frame (`forum.protocol`), find out who is asking
*now* (the session is read afresh for every action), call the same services
as the HTML views, send the result. Frames sent to readers are made once per
event in `forum.live`; a consumer only forwards them.

Frames from the browser (JSON text):
    {"type": "reply", "body": "...", "anonymous": false, "ref": "any"}
    {"type": "typing"}
    {"type": "resume", "after": <last post id seen>}
    {"type": "read", "id": <a live post the page showed>}  (moves a member's place on)
    {"type": "ping"}
Frames to the browser:
    {"type": "post", "kind": "new|edited|hidden|removed|restored", "id", "html", ...}
    {"type": "ack", "ref", "id", "status", "html", "level", "notes"}
    {"type": "error", "code", "message", "ref"?, "body"? (the text, given back),
     "retry_after"? (seconds, when slowed down)}
    {"type": "presence", "count"}   {"type": "typing"}
    {"type": "resumed", "after"}    {"type": "resume.overflow"}   {"type": "pong"}
Close codes: 4401 the sign-in ended; 4403 not allowed; 4404 nothing to read here.
"""

import json
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from accounts import sockets
from moderation import screening

from . import cards, limits, live, permissions, presence, protocol, reading, services
from .models import Post, Thread

SIGNED_OUT = 4401
NOT_ALLOWED = 4403
NOT_FOUND = 4404


def error_frame(code: str, message: str, **extra) -> str:
    return protocol.error(code, message, **extra)


class LiveConsumer(AsyncWebsocketConsumer):
    """Shared by every socket: frame parsing, and sockets that end with their sign-in."""

    handlers: dict[str, str] = {}
    member_id = None

    async def receive(self, text_data=None, bytes_data=None):
        try:
            message = protocol.parse(
                text_data,
                bytes_data,
                max_chars=settings.LIVE_FRAME_MAX_CHARS,
                known=set(self.handlers),
            )
            await getattr(self, self.handlers[message["type"]])(message)
        except protocol.BadFrame as bad:
            await self.send(text_data=protocol.error(bad.code, bad.message, **bad.extra))

    async def on_ping(self, message):
        await self.send(text_data=json.dumps({"type": "pong"}))

    async def current_viewer(self):
        """The member this socket's session belongs to now, or a visitor."""
        return await database_sync_to_async(sockets.viewer_from_scope)(self.scope)

    async def watch_sign_in(self, viewer) -> None:
        """Hear when this member's sign-in may have ended (sign-out, password, ban)."""
        if viewer.is_authenticated:
            self.member_id = viewer.pk
            await self.channel_layer.group_add(sockets.sockets_group(viewer.pk), self.channel_name)

    async def stop_watching(self) -> None:
        if self.member_id is not None:
            await self.channel_layer.group_discard(
                sockets.sockets_group(self.member_id), self.channel_name
            )

    async def sockets_recheck(self, event):
        # A sign-out names the session it ended: it may not be flushed yet.
        if event.get("ended") and event["ended"] == getattr(
            self.scope.get("session"), "session_key", None
        ):
            await self.close(code=SIGNED_OUT)
            return
        viewer = await self.current_viewer()
        if viewer.pk != self.member_id or not await self.still_allowed(viewer):
            await self.close(code=SIGNED_OUT)
            return
        await self.refresh_preferences(viewer)

    async def refresh_preferences(self, viewer) -> None:
        """Subclasses reload what they keep of the member (mutes, warnings)."""

    async def still_allowed(self, viewer) -> bool:
        """Subclasses say whether `viewer` may keep this socket open."""
        return True


class ThreadConsumer(LiveConsumer):
    handlers = {
        "reply": "on_reply",
        "typing": "on_typing",
        "resume": "on_resume",
        "read": "on_read",
        "ping": "on_ping",
    }

    async def connect(self):
        self.thread_id = int(self.scope["url_route"]["kwargs"]["thread_id"])
        viewer = await self.current_viewer()
        allowed, self.is_moderator = await self._may_read(viewer)
        if not allowed:
            await self.close(code=NOT_FOUND)
            return
        if self.is_moderator:
            self.group = live.moderators_group(self.thread_id)
        elif viewer.is_authenticated:
            self.group = live.members_group(self.thread_id)
        else:
            self.group = live.readers_group(self.thread_id)
        self.own_group = (
            live.own_group(self.thread_id, viewer.pk) if viewer.is_authenticated else None
        )
        for group in filter(None, (self.group, self.own_group)):
            await self.channel_layer.group_add(group, self.channel_name)
        await self.watch_sign_in(viewer)
        await self.refresh_preferences(viewer)
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
        for group in filter(None, (getattr(self, "group", None), getattr(self, "own_group", None))):
            await self.channel_layer.group_discard(group, self.channel_name)
        await self.stop_watching()

    @database_sync_to_async
    def _may_read(self, viewer):
        thread = Thread.objects.visible_to(viewer).filter(pk=self.thread_id).first()
        if thread is None:
            return False, False
        return True, permissions.is_moderator(viewer)

    async def still_allowed(self, viewer) -> bool:
        allowed, is_moderator = await self._may_read(viewer)
        return allowed and is_moderator == self.is_moderator

    async def refresh_preferences(self, viewer) -> None:
        self.muted, self.unfold = await self._preferences(viewer)

    @database_sync_to_async
    def _preferences(self, viewer):
        shaped = cards.viewer_of(viewer)
        return shaped.muted, shaped.unfold

    async def thread_recheck(self, event):
        """The thread's visibility changed: readers who may no longer see it are let go."""
        viewer = await self.current_viewer()
        if not await self.still_allowed(viewer):
            await self.close(code=NOT_FOUND)

    # -- from the browser ---------------------------------------------------

    async def on_reply(self, message):
        reply = protocol.reply(message)
        ref, body = reply.ref, reply.body
        viewer = await self.current_viewer()
        if not viewer.is_authenticated:
            await self.send(text_data=protocol.sign_in(self.thread_id, ref=ref, body=body))
            return
        try:
            ack = await self._reply(viewer, reply)
        except limits.RateLimited as limited:
            await self.send(
                text_data=error_frame(
                    "slow_down", str(limited), ref=ref, body=body, retry_after=limited.retry_after
                )
            )
            return
        except ValidationError as error:
            text = " ".join(error.messages)
            await self.send(text_data=error_frame("invalid", text, ref=ref, body=body))
            return
        except PermissionDenied as denied:
            await self.send(text_data=error_frame("not_allowed", str(denied), ref=ref, body=body))
            return
        except Thread.DoesNotExist:
            await self.close(code=NOT_FOUND)
            return
        except DatabaseError:
            # The database dropped the connection mid-reply: nothing was saved
            # (the transaction rolled back), and the words go back to the box.
            await self.send(
                text_data=error_frame(
                    "try_again",
                    _(
                        "Your reply could not be saved just now. It is still here: "
                        "please send it again."
                    ),
                    ref=ref,
                    body=body,
                )
            )
            return
        await self.send(text_data=json.dumps({"type": "ack", "ref": ref, **ack}))

    @database_sync_to_async
    def _reply(self, author, reply: protocol.Reply) -> dict:
        thread = Thread.objects.visible_to(author).get(pk=self.thread_id)
        post = services.create_post(
            thread=thread,
            author=author,
            body=reply.body,
            anonymous=reply.anonymous,
            content_warnings=reply.content_warnings,
            reply_to_id=reply.reply_to,
        )
        level, notes = screening.explain_to_author(post.screening)
        # The author's own view of their post, with its Edit and Remove.
        html = cards.html_for(post, cards.viewer_of(author, [post]))
        return {
            "id": post.pk,
            "status": post.status,
            "seq": post.seq,
            "html": html,
            "level": level,
            "notes": notes,
        }

    async def on_typing(self, message):
        now = time.monotonic()
        if now - self.last_typing < settings.LIVE_TYPING_INTERVAL:
            return  # throttled quietly
        viewer = await self.current_viewer()
        if not permissions.can_post(viewer):
            await self.send(text_data=error_frame("sign_in", _("Please sign in to reply.")))
            return
        self.last_typing = now
        event = {"type": "typing.event", "origin": self.channel_name}
        for group in (live.readers_group(self.thread_id), live.moderators_group(self.thread_id)):
            await self.channel_layer.group_send(group, event)

    async def on_read(self, message):
        post_id = protocol.post_id(message, "id")
        viewer = await self.current_viewer()
        if viewer.is_authenticated:
            mark = database_sync_to_async(reading.mark_shown)
            await mark(member=viewer, thread_id=self.thread_id, post_id=post_id)

    async def on_resume(self, message):
        """Everything that changed since the change number the page last saw:
        new posts, edits, hides, removals, restores and reaction counts."""
        after = message.get("after")
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            raise protocol.BadFrame("invalid", _("Resume needs the last change number seen."))
        viewer = await self.current_viewer()
        if not await self.still_allowed(viewer):
            await self.close(code=NOT_FOUND)
            return
        self.catching_up = True
        try:
            frames, since, overflow = await self._backlog(viewer, after)
            for frame in frames:
                await self.send(text_data=frame)
            if overflow:
                await self.send(text_data=json.dumps({"type": "resume.overflow"}))
        finally:
            self.catching_up = False
        # Live events that arrived meanwhile, without repeating what was just sent.
        held, self.held_back = self.held_back, []
        for event in held:
            if event.get("seq", 0) > since:
                await self.send(text_data=self._shaped(event))
        await self.send(text_data=json.dumps({"type": "resumed", "after": since}))

    @database_sync_to_async
    def _backlog(self, viewer, after: int):
        since, locked = (
            Thread.objects.filter(pk=self.thread_id).values_list("change_seq", "locked").get()
        )
        limit = settings.LIVE_RESUME_LIMIT
        changed = list(
            Post.objects.filter(thread_id=self.thread_id, seq__gt=after)
            .select_related("author", "thread", "reply_to", "reply_to__author")
            .order_by("seq")[: limit + 1]
        )
        overflow = len(changed) > limit
        changed = changed[:limit]
        readable = set(
            Post.objects.visible_to(viewer)
            .filter(pk__in=[post.pk for post in changed])
            .values_list("pk", flat=True)
        )
        shown = [post for post in changed if post.pk in readable]
        reader = cards.viewer_of(viewer, shown)
        reader.can_post = reader.can_post and (not locked or reader.moderator)  # Reply, Quote
        made = cards.cards(shown)
        frames = []
        for post in changed:
            if post.pk in readable:
                kind = "edited" if post.edited_at or post.status != Post.Status.VISIBLE else "new"
                frames.append(
                    live.post_frame(post, kind, cards.assemble(post, made[post.pk], reader))
                )
            elif post.was_public:
                frames.append(live.post_frame(post, "hidden", None))
        if overflow and changed:
            since = changed[-1].seq
        return frames, since, overflow

    # -- from the channel layer ---------------------------------------------

    async def post_event(self, event):
        if (
            self.member_id is not None
            and event.get("author_id") == self.member_id
            and not event.get("yours")
            and not event.get("reactions")
        ):
            return  # their own tabs hear the copy with their Edit and Remove
        if self.catching_up:
            self.held_back.append(event)
            return
        await self.send(text_data=self._shaped(event))

    def _shaped(self, event) -> str:
        """The frame as this reader's page would show it: a muted member's post
        folded, warnings they always open opened."""
        frame = event["frame"]
        if event.get("reactions"):
            return frame
        fold = (
            not event.get("anonymous")
            and event.get("author_id") is not None
            and event.get("author_id") in self.muted
        )
        warnings = set(event.get("warnings") or ())
        unfold = bool(warnings) and warnings <= self.unfold
        if not (fold or unfold):
            return frame
        data = json.loads(frame)
        if data.get("html"):
            html = data["html"]
            if unfold:
                html = cards.opened(html)
            if fold:
                html = cards.fold(html)
            data["html"] = html
        return json.dumps(data)

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
