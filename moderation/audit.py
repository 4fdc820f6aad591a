"""The moderation log: the only writer of `ModerationAction` rows.

Rows say what happened, to which post or member, by whom and why. The log is
append-only (the model refuses updates and deletes).
"""

from .models import ModerationAction


def record(*, actor, action: str, post=None, member=None, reason="", revision=None):
    """Write one row of the audit log. An edit names the revision holding the
    words before it; the log itself never copies anyone's words."""
    return ModerationAction.objects.create(
        actor=actor, action=action, post=post, member=member, reason=reason, revision=revision
    )
