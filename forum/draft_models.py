"""A member's unposted words, kept on the server until posted or discarded.

Kept here rather than in the browser because people share devices: what
someone was writing must not wait for the next person on the same machine.
Only `forum.drafts` reads and writes these rows, and only for their member.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Draft(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    # Which composer: "reply:<thread id>" or "thread:<category slug>" (forum.drafts).
    key = models.CharField(max_length=120)
    title = models.CharField(max_length=400, blank=True)
    body = models.TextField(blank=True)
    anonymous = models.BooleanField(default=False)
    reply_to = models.ForeignKey(
        "forum.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "forum"
        constraints = [
            models.UniqueConstraint(fields=["member", "key"], name="one_draft_per_composer")
        ]

    def __str__(self):
        return f"Draft {self.key} of member {self.member_id}"
