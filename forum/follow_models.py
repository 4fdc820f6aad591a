"""A member following a thread (see `forum.following`, which writes and reads it)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Follow(models.Model):
    """A member follows a thread: they hear of its new replies."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    thread = models.ForeignKey("forum.Thread", on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "thread"], name="follow_once")]

    def __str__(self):
        return f"{self.member_id} follows {self.thread_id}"
