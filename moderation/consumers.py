"""The live review queue for moderators (`ws/moderation/queue/`)."""

import json

from forum.consumers import LiveConsumer, error_frame

from .live import QUEUE_GROUP


class QueueConsumer(LiveConsumer):
    handlers = {"open": "on_open", "ping": "on_ping"}

    async def connect(self):
        user = self.scope.get("user")
        if not (user and user.is_authenticated and user.is_moderator):
            await self.close(code=4403)
            return
        self.handle = user.handle
        await self.channel_layer.group_add(QUEUE_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if getattr(self, "handle", None):
            await self.channel_layer.group_discard(QUEUE_GROUP, self.channel_name)

    async def on_open(self, message):
        """This moderator is looking at an item: the others see who is handling it."""
        post = message.get("post")
        if not isinstance(post, int) or isinstance(post, bool):
            await self.send(text_data=error_frame("invalid", "Which item? Send its post id."))
            return
        frame = json.dumps({"type": "handling", "post": post, "handle": self.handle})
        await self.channel_layer.group_send(
            QUEUE_GROUP, {"type": "queue.event", "frame": frame, "origin": self.channel_name}
        )

    async def queue_event(self, event):
        if event.get("origin") != self.channel_name:
            await self.send(text_data=event["frame"])
