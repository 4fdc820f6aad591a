"""The live review queue for moderators (`ws/moderation/queue/`)."""

import json

from django.utils.translation import gettext as _

from forum import permissions, protocol
from forum.consumers import NOT_ALLOWED, LiveConsumer

from .live import QUEUE_GROUP


class QueueConsumer(LiveConsumer):
    handlers = {"open": "on_open", "ping": "on_ping"}

    async def connect(self):
        viewer = await self.current_viewer()
        if not permissions.is_moderator(viewer):
            await self.close(code=NOT_ALLOWED)
            return
        self.handle = viewer.handle
        await self.channel_layer.group_add(QUEUE_GROUP, self.channel_name)
        await self.watch_sign_in(viewer)
        await self.accept()

    async def disconnect(self, code):
        if getattr(self, "handle", None):
            await self.channel_layer.group_discard(QUEUE_GROUP, self.channel_name)
        await self.stop_watching()

    async def still_allowed(self, viewer) -> bool:
        return permissions.is_moderator(viewer)

    async def on_open(self, message):
        """This moderator is looking at an item: the others see who is handling it."""
        viewer = await self.current_viewer()
        if not permissions.is_moderator(viewer):
            await self.close(code=NOT_ALLOWED)
            return
        try:
            post = protocol.post_id(message, "post")
        except protocol.BadFrame:
            raise protocol.BadFrame("invalid", _("Which item? Send its post id.")) from None
        frame = json.dumps({"type": "handling", "post": post, "handle": viewer.handle})
        await self.channel_layer.group_send(
            QUEUE_GROUP, {"type": "queue.event", "frame": frame, "origin": self.channel_name}
        )

    async def queue_event(self, event):
        if event.get("origin") != self.channel_name:
            await self.send(text_data=event["frame"])
