"""What goes into the review queue: automatic items and members' flags.

The only writer of `Flag` rows. Each change tells moderators' open queues
after the commit (`moderation.live`).
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from forum import clock

from . import live, policy
from .models import Flag

_REASON_FOR_HOLD = {
    policy.SOURCING: Flag.Reason.SELLING,
    policy.NEW_MEMBER_LINK: Flag.Reason.NEW_MEMBER,
}


def flag_automatically(*, post, decision: policy.Decision) -> Flag | None:
    """Put a held or flagged post in the review queue, with what was found and why."""
    if not (decision.hold or decision.flag):
        return None
    reason = next(
        (_REASON_FOR_HOLD[r] for r in decision.reasons if r in _REASON_FOR_HOLD),
        Flag.Reason.STIGMA,
    )
    flag = Flag.objects.create(
        post=post,
        automatic=True,
        reason=reason,
        findings=[f.as_dict() for f in (*decision.findings, *decision.sourcing)],
    )
    live.queue_changed(post.pk)
    return flag


def resolve_automatic_flags(*, post, note: str) -> int:
    """Close automatic flags that no longer apply (the author changed the words)."""
    return Flag.objects.filter(post=post, automatic=True, state=Flag.State.OPEN).update(
        state=Flag.State.RESOLVED, resolved_at=clock.now(), note=note
    )


def flag_at_risk(*, post, assessment) -> Flag | None:
    """Put "someone may be at risk" at the top of the queue (once per post), with
    the reason a moderator reads ("a plan with a time") and what was heard."""
    open_already = Flag.objects.filter(
        post=post, automatic=True, reason=Flag.Reason.AT_RISK, state=Flag.State.OPEN
    )
    if open_already.exists():
        return None
    flag = Flag.objects.create(
        post=post,
        automatic=True,
        reason=Flag.Reason.AT_RISK,
        findings=[assessment.as_dict()] if assessment is not None else [],
    )
    live.queue_changed(post.pk)
    return flag


def flag_community_hidden(*, post) -> Flag:
    """Members' flags hid `post`: it goes to the top of the queue."""
    flag = Flag.objects.create(post=post, automatic=True, reason=Flag.Reason.COMMUNITY)
    live.queue_changed(post.pk)
    return flag


def distinct_reporters(post) -> list[int]:
    """Members with an open flag on `post`, "someone may be at risk" flags aside."""
    return list(
        Flag.objects.filter(post=post, state=Flag.State.OPEN, reporter__isnull=False)
        .exclude(reason=Flag.Reason.AT_RISK)
        .values_list("reporter_id", flat=True)
        .distinct()
    )


def has_open_community_flag(post) -> bool:
    return Flag.objects.filter(
        post=post, state=Flag.State.OPEN, reason=Flag.Reason.COMMUNITY
    ).exists()


def settle_at_risk(post, *, state: str, note: str) -> int:
    """A moderator answered a "someone may be at risk" item (reached out, or not a crisis)."""
    return Flag.objects.filter(post=post, state=Flag.State.OPEN, reason=Flag.Reason.AT_RISK).update(
        state=state, resolved_at=clock.now(), note=note
    )


def close_flags(post, state: str) -> None:
    """Settle every open flag on `post` (a moderator decided)."""
    Flag.objects.filter(post=post, state=Flag.State.OPEN).update(
        state=state, resolved_at=clock.now()
    )


def forget_flag_notes(*, reporter) -> int:
    """A member who removes their words takes back the notes they wrote on flags."""
    return Flag.objects.filter(reporter=reporter).exclude(note="").update(note="")


def flag_post(*, post, reporter, reason: str, note: str = "") -> Flag:
    """A member brings a post to moderators. The author never learns who."""
    if reporter is None or not reporter.is_authenticated or not reporter.is_active:
        raise PermissionDenied(_("Please sign in to flag a post."))
    if reporter.is_suspended(clock.now()):
        raise PermissionDenied(_("Your account is paused, so you can't flag posts for now."))
    if post.author_id == reporter.pk:
        raise ValidationError(_("This is your own post. You can edit or remove it instead."))
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Please choose a reason.")})
    if Flag.objects.filter(post=post, reporter=reporter, state=Flag.State.OPEN).exists():
        raise ValidationError(_("You've already flagged this post. A moderator will look at it."))
    key = f"flags:{reporter.pk}"
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > settings.FLAGS_PER_HOUR:
        raise ValidationError(
            _("You've flagged a lot of posts this hour. Please wait a while before flagging more.")
        )
    flag = Flag.objects.create(post=post, reporter=reporter, reason=reason, note=note.strip())
    live.queue_changed(post.pk)
    return flag
