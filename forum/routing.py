from django.urls import path

from accounts.consumers import NotificationsConsumer
from moderation.consumers import QueueConsumer

from . import consumers

websocket_urlpatterns = [
    path("ws/threads/<int:thread_id>/", consumers.ThreadConsumer.as_asgi()),
    path("ws/categories/<int:category_id>/", consumers.ActivityConsumer.as_asgi()),
    path("ws/home/", consumers.ActivityConsumer.as_asgi()),
    path("ws/moderation/queue/", QueueConsumer.as_asgi()),
    path("ws/notifications/", NotificationsConsumer.as_asgi()),
]
