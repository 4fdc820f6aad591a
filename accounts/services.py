"""A member's own account: their handle and choices, their data, and leaving.

The only writers of these; views call them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forum import clock
from forum.models import CONTENT_WARNINGS, Draft, Post, PromptSuggestion
from forum.services import recount_reactions, refresh_thread, remove_words_of
from moderation.audit import record
from moderation.models import Flag, ModerationAction
from moderation.queue import forget_flag_notes

from .handles import ensure_handle_is_distinct, skeleton
from .models import Mute, PractitionerRequest, User, handle_validator
from .notifications import notify
from .permissions import require_moderator
from .sockets import recheck_sockets


def _clean_handle(member: User, handle: str) -> str:
    handle = (handle or "").strip()
    if len(handle) < settings.ACCOUNT_USERNAME_MIN_LENGTH:
        raise ValidationError(
            {
                "handle": _("Handles need at least %(n)d characters.")
                % {"n": settings.ACCOUNT_USERNAME_MIN_LENGTH}
            }
        )
    if len(handle) > 30:
        raise ValidationError({"handle": _("Handles can be up to 30 characters.")})
    try:
        handle_validator(handle)
    except ValidationError as error:
        raise ValidationError({"handle": error.messages}) from None
    if handle.lower() in {name.lower() for name in settings.ACCOUNT_USERNAME_BLACKLIST}:
        raise ValidationError(
            {"handle": _("That handle can't be used here. Please choose another one.")}
        )
    # Reserved names, taken handles and look-alikes of either: the rule sign-up uses too.
    try:
        ensure_handle_is_distinct(handle, member=member)
    except ValidationError as error:
        raise ValidationError({"handle": error.messages}) from None
    return handle


@transaction.atomic
def update_profile(
    *,
    member: User,
    handle: str,
    anonymous_by_default: bool,
    lived_experience: bool,
    unfold_warnings=(),
    theme: str = "",
) -> User:
    """Change the public handle and posting choices. Old posts show the new handle."""
    member.handle = _clean_handle(member, handle)
    member.handle_skeleton = skeleton(member.handle)
    member.anonymous_by_default = anonymous_by_default
    member.lived_experience = lived_experience
    member.unfold_warnings = [key for key, _label in CONTENT_WARNINGS if key in unfold_warnings]
    if theme in User.Theme.values:
        member.theme = theme
    member.save(
        update_fields=[
            "handle",
            "handle_skeleton",
            "anonymous_by_default",
            "lived_experience",
            "unfold_warnings",
            "theme",
        ]
    )
    return member


def export_data(member: User) -> dict:
    """Everything the forum holds about `member`, and nothing about anyone else."""
    posts = Post.objects.filter(author=member).select_related("thread").order_by("created_at")
    return {
        "profile": {
            "handle": member.handle,
            "email": member.email,
            "role": member.role,
            "lived_experience_badge": member.lived_experience,
            "anonymous_by_default": member.anonymous_by_default,
            "joined": member.date_joined.isoformat(),
        },
        "posts": [
            {
                "id": post.pk,
                "thread": post.thread.title,
                "thread_id": post.thread_id,
                "anonymous": post.anonymous,
                "status": post.status,
                "text": post.body,
                "posted": post.created_at.isoformat(),
                "edited": post.edited_at.isoformat() if post.edited_at else None,
            }
            for post in posts
        ],
        "flags_made": [
            {
                "post_id": flag.post_id,
                "reason": flag.reason,
                "note": flag.note,
                "state": flag.state,
                "made": flag.created_at.isoformat(),
            }
            for flag in Flag.objects.filter(reporter=member).order_by("created_at")
        ],
        "prompt_suggestions": [
            {
                "question": suggestion.question,
                "why": suggestion.framing,
                "state": suggestion.state,
                "reason": suggestion.reason,
                "made": suggestion.created_at.isoformat(),
            }
            for suggestion in PromptSuggestion.objects.filter(member=member).order_by("created_at")
        ],
        # Words not posted yet: only ever the member's own.
        "drafts": [
            {
                "composer": draft.key,
                "title": draft.title,
                "text": draft.body,
                "anonymous": draft.anonymous,
                "in_reply_to_post": draft.reply_to_id,
                "saved": draft.updated_at.isoformat(),
            }
            for draft in Draft.objects.filter(member=member).order_by("updated_at")
        ],
    }


@transaction.atomic
def delete_account(*, member: User, remove_posts: bool) -> None:
    """Close `member`'s account. Its data goes either way.

    With `remove_posts`, their words go everywhere (posts, earlier versions,
    thread titles, notes on flags; see `forum.services.remove_words_of`) and a
    note "removed by its author" keeps replies in context; otherwise posts
    stay, signed "Deleted member" (anonymous ones stay "Anonymous").
    """
    thread_ids = set(Post.objects.filter(author=member).values_list("thread_id", flat=True))
    # Their reactions go with the account: the posts they reacted to count again after.
    reacted = list(member.reactions.values_list("post_id", flat=True).distinct())
    if remove_posts:
        remove_words_of(member)
        forget_flag_notes(reporter=member)
    recheck_sockets(member.pk)
    member.delete()
    recount_reactions(reacted)
    for thread_id in thread_ids:
        refresh_thread(thread_id)


def request_verification(*, member: User, role_title: str, organisation: str, how: str):
    """A member asks moderators to verify them as a practitioner."""
    fields = {"role_title": role_title, "organisation": organisation, "how": how}
    missing = {
        name: _("Please fill this in.") for name, value in fields.items() if not value.strip()
    }
    if missing:
        raise ValidationError(missing)
    if member.is_verified_practitioner:
        raise ValidationError(_("You are already verified as a practitioner."))
    if member.practitioner_requests.filter(state=PractitionerRequest.State.PENDING).exists():
        raise ValidationError(_("Your request is already with the moderators."))
    return PractitionerRequest.objects.create(
        member=member, **{name: value.strip() for name, value in fields.items()}
    )


@transaction.atomic
def decide_verification(*, request: PractitionerRequest, by: User, approve: bool, reason: str = ""):
    """Moderators approve (the member shows a Practitioner badge) or decline with a reason."""
    require_moderator(by)
    request = PractitionerRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != PractitionerRequest.State.PENDING:
        raise ValidationError(_("Another moderator has already decided on this request."))
    reason = " ".join((reason or "").split())
    if not approve and not reason:
        raise ValidationError({"reason": _("Please give a short reason; the member will see it.")})
    member = request.member
    request.state = (
        PractitionerRequest.State.APPROVED if approve else PractitionerRequest.State.DECLINED
    )
    request.reason, request.decided_by, request.decided_at = reason, by, clock.now()
    request.save()
    if approve:
        if member.role == User.Role.MEMBER:
            member.role = User.Role.PRACTITIONER
            member.save(update_fields=["role"])
        notify(
            member=member, text=_("You are verified as a practitioner. Thank you for being here.")
        )
    else:
        notify(
            member=member,
            text=_("Your practitioner request was declined. The moderator said: %(reason)s")
            % {"reason": reason},
        )
    record(
        actor=by,
        action=ModerationAction.Action.VERIFY
        if approve
        else ModerationAction.Action.DECLINE_VERIFICATION,
        member=member,
        reason=reason,
    )
    return request


def mute(*, member: User, muted: User) -> None:
    """`member` stops hearing from `muted` (see `accounts.models.Mute`)."""
    if member.pk == muted.pk:
        raise ValidationError(_("You can't mute yourself."))
    if muted.is_moderator:
        raise ValidationError(
            _("Moderators can't be muted: their notes may be about your safety here.")
        )
    Mute.objects.get_or_create(member=member, muted=muted)


def unmute(*, member: User, muted: User) -> None:
    Mute.objects.filter(member=member, muted=muted).delete()
