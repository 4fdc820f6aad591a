"""A member's unread notification count, live (`ws/notifications/`)."""

import json

from channels.db import database_sync_to_async

from forum.consumers import NOT_ALLOWED, LiveConsumer

from .notifications import member_group, unread_count


class NotificationsConsumer(LiveConsumer):
    handlers = {"ping": "on_ping"}

    async def connect(self):
        viewer = await self.current_viewer()
        if not viewer.is_authenticated:
            await self.close(code=NOT_ALLOWED)
            return
        self.group = member_group(viewer.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.watch_sign_in(viewer)
        await self.accept()
        unread = await database_sync_to_async(unread_count)(viewer)
        await self.send(text_data=json.dumps({"type": "unread", "unread": unread}))

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)
        await self.stop_watching()

    async def unread_event(self, event):
        await self.send(text_data=json.dumps({"type": "unread", "unread": event["unread"]}))
