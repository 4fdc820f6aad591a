"""A member's unread notification count, live (`ws/notifications/`)."""

import json

from channels.db import database_sync_to_async

from forum.consumers import LiveConsumer

from .notifications import member_group


class NotificationsConsumer(LiveConsumer):
    handlers = {"ping": "on_ping"}

    async def connect(self):
        user = self.scope.get("user")
        if not (user and user.is_authenticated):
            await self.close(code=4403)
            return
        self.group = member_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        unread = await database_sync_to_async(user.notifications.filter(read=False).count)()
        await self.send(text_data=json.dumps({"type": "unread", "unread": unread}))

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def unread_event(self, event):
        await self.send(text_data=json.dumps({"type": "unread", "unread": event["unread"]}))
