"""A member's place in a thread (see `forum.reading`, its one writer and reader)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ReadPosition(models.Model):
    """How far a member has read a thread: the last post a page showed them.

    Kept as that post's place in the thread's order (its time and id), so it
    only moves forward and counting what is new needs no other table.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_positions"
    )
    thread = models.ForeignKey(
        "forum.Thread", on_delete=models.CASCADE, related_name="read_positions"
    )
    last_post_id = models.PositiveBigIntegerField()
    last_post_at = models.DateTimeField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "thread"], name="one_read_position")
        ]

    def __str__(self):
        return f"{self.member_id} has read thread {self.thread_id} to post {self.last_post_id}"
