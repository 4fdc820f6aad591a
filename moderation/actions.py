"""What moderators do to posts and members: the moderators' verbs.

The top of the house: each verb checks the moderator, calls forum's review
services for what readers see, settles flags (`moderation.queue`), writes the
log (`moderation.audit`) and tells the member kindly (`accounts.notifications`).
Nothing below calls back up here.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.notifications import notify
from accounts.sockets import recheck_sockets
from forum import clock, permissions, review

from . import audit, language, live, queue
from .models import Flag, MemberNote
from .models import ModerationAction as A


def _require_moderator(user) -> None:
    if not permissions.can_moderate(user):
        raise PermissionDenied(_("Only moderators can do this."))


def reveal_author(*, post, by):
    """Who wrote an anonymous post: for moderators only, and every look is logged."""
    _require_moderator(by)
    audit.record(actor=by, action=A.Action.REVEAL, post=post, member=post.author)
    return post.author


def _apply_wording(post, by, reason: str) -> str:
    findings = language.analyze(post.body)
    after = language.apply_suggestions(post.body, findings)
    if after == post.body:
        raise ValidationError(_("There is no suggested wording to apply to this post."))
    revision = review.moderator_edit_post(
        post=post, by=by, body=after, reason=reason or "Suggested wording"
    )
    if post.status == post.Status.PENDING:
        review.approve_post(post=post, by=by)
    audit.record(
        actor=by,
        action=A.Action.APPLY_WORDING,
        post=post,
        member=post.author,
        reason=reason,
        revision=revision,
    )
    queue.close_flags(post, Flag.State.RESOLVED)
    return _(
        "A moderator changed a few words in your post to ones that many people here "
        "prefer. Your earlier text is kept in the post's history."
    )


def _edit(post, by, reason: str, body: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": _("Please say why you are editing the post.")})
    revision = review.moderator_edit_post(post=post, by=by, body=body, reason=reason)
    audit.record(
        actor=by,
        action=A.Action.EDIT,
        post=post,
        member=post.author,
        reason=reason,
        revision=revision,
    )
    queue.close_flags(post, Flag.State.RESOLVED)
    return _("A moderator edited your post. Their reason: %(reason)s") % {"reason": reason}


def act_on_post(*, post, by, action: str, reason: str = "", body: str = ""):
    """Approve, dismiss, apply wording, edit, hide, restore or remove, in one transaction.

    Each writes the audit log, closes open flags where the matter is settled,
    changes what readers see live, and tells the author kindly.
    """
    _require_moderator(by)
    url = post.get_absolute_url()
    with transaction.atomic():
        if action == A.Action.APPROVE:
            review.approve_post(post=post, by=by)
            queue.close_flags(post, Flag.State.DISMISSED)
            note = _("A moderator looked at your post and published it. Thank you for waiting.")
        elif action == A.Action.DISMISS:
            community_hidden = post.status == post.Status.HIDDEN and (
                queue.has_open_community_flag(post)
            )
            audit.record(actor=by, action=action, post=post, member=post.author, reason=reason)
            queue.close_flags(post, Flag.State.DISMISSED)
            note = None
            if community_hidden:
                # The flags were not borne out: the post goes back up.
                review.restore_post(post=post, by=by)
                note = _("A moderator looked at your post and put it back. Thank you for waiting.")
        elif action == A.Action.APPLY_WORDING:
            note = _apply_wording(post, by, reason)
        elif action == A.Action.EDIT:
            note = _edit(post, by, reason, body)
        elif action in (A.Action.HIDE, A.Action.REMOVE):
            verb = review.hide_post if action == A.Action.HIDE else review.remove_post_by_moderator
            verb(post=post, by=by)
            queue.close_flags(post, Flag.State.RESOLVED)
            note = _("A moderator took your post out of view. %(why)s") % {"why": reason}
        elif action in (A.Action.REACHED_OUT, A.Action.NOT_A_CRISIS):
            # Only what the moderator decided is kept: nothing is learned from it.
            settled = queue.settle_at_risk(
                post,
                state=Flag.State.RESOLVED
                if action == A.Action.REACHED_OUT
                else Flag.State.DISMISSED,
                note=reason,
            )
            if not settled:
                raise ValidationError(_("There is no open “someone may be at risk” item here."))
            audit.record(actor=by, action=action, post=post, member=post.author, reason=reason)
            note = None
        elif action == A.Action.RESTORE:
            review.restore_post(post=post, by=by)
            note = _("A moderator put your post back in view.")
        else:
            raise ValidationError(_("That is not something moderators can do to a post."))
        if note:
            notify(member=post.author, text=note, url=url)
        live.queue_changed(post.pk)
    return post


def act_on_member(*, member, by, action: str, reason: str = "", days: int = 0):
    """Warn, suspend for some days, lift a suspension, ban, unban, or lift the
    new-member limits early. Logged; the member is told kindly."""
    _require_moderator(by)
    if member.pk == by.pk:
        raise ValidationError(_("Moderators can't act on their own account."))
    with transaction.atomic():
        if action == A.Action.WARN:
            if not reason.strip():
                raise ValidationError(
                    {"reason": _("Please write the message the member will see.")}
                )
            note = _("A message from the moderators: %(message)s") % {"message": reason}
        elif action == A.Action.SUSPEND:
            if not 1 <= days <= 365:
                raise ValidationError({"days": _("Please choose between 1 and 365 days.")})
            member.suspended_until = clock.now() + timedelta(days=days)
            member.save(update_fields=["suspended_until"])
            note = ngettext(
                "Your account is paused for %(days)d day: you can read everything, but not "
                "post or flag. %(reason)s",
                "Your account is paused for %(days)d days: you can read everything, but not "
                "post or flag. %(reason)s",
                days,
            ) % {"days": days, "reason": reason}
        elif action == A.Action.LIFT:
            member.suspended_until = None
            member.save(update_fields=["suspended_until"])
            note = _("The pause on your account is lifted. Welcome back.")
        elif action == A.Action.BAN:
            if not reason.strip():
                raise ValidationError(
                    {"reason": _("Please give a reason; the member will see it.")}
                )
            # Still able to sign in, download their data and close their account.
            member.banned_at = clock.now()
            member.save(update_fields=["banned_at"])
            recheck_sockets(member.pk)
            note = _(
                "The moderators have closed your account to posting. Their reason: %(reason)s "
                "You can still sign in to download your data or close your account."
            ) % {"reason": reason}
        elif action == A.Action.UNBAN:
            member.banned_at = None
            member.save(update_fields=["banned_at"])
            note = _("The moderators have opened your account to posting again. Welcome back.")
        elif action == A.Action.TRUST:
            member.established_at = clock.now()
            member.save(update_fields=["established_at"])
            note = _("The moderators lifted the limits for new members on your account.")
        else:
            raise ValidationError(_("That is not something moderators can do to a member."))
        audit.record(actor=by, action=action, member=member, reason=reason)
        if note:
            notify(member=member, text=note)
    return member


def add_note(*, member, by, text: str):
    """A moderator leaves a note on a member for the other moderators."""
    _require_moderator(by)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write the note.")})
    with transaction.atomic():
        note = MemberNote.objects.create(member=member, author=by, text=text)
        audit.record(actor=by, action=A.Action.NOTE, member=member)
    return note


def remove_note(*, note, by) -> None:
    """Take a note away; the log keeps that it was there, not its words."""
    _require_moderator(by)
    with transaction.atomic():
        audit.record(actor=by, action=A.Action.REMOVE_NOTE, member=note.member)
        note.delete()
