"""A member's own account: their handle and choices, their data, and leaving.

The only writers of these; views call them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Notification, PractitionerRequest, User, handle_validator


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
    if User.objects.filter(handle__iexact=handle).exclude(pk=member.pk).exists():
        raise ValidationError(
            {"handle": _("That handle is already taken. Please choose another one.")}
        )
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
    from forum.models import CONTENT_WARNINGS

    member.handle = _clean_handle(member, handle)
    member.anonymous_by_default = anonymous_by_default
    member.lived_experience = lived_experience
    member.unfold_warnings = [key for key, _label in CONTENT_WARNINGS if key in unfold_warnings]
    if theme in User.Theme.values:
        member.theme = theme
    member.save(
        update_fields=[
            "handle",
            "anonymous_by_default",
            "lived_experience",
            "unfold_warnings",
            "theme",
        ]
    )
    return member


def export_data(member: User) -> dict:
    """Everything the forum holds about `member`, and nothing about anyone else."""
    from forum.models import Post, PromptSuggestion
    from moderation.models import Flag

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
    }


@transaction.atomic
def delete_account(*, member: User, remove_posts: bool) -> None:
    """Close `member`'s account. Its data goes either way.

    With `remove_posts`, each post's words go too and a note "removed by its
    author" keeps replies in context; otherwise posts stay, signed
    "Deleted member" (anonymous ones stay "Anonymous").
    """
    from forum.models import Post, Revision
    from forum.services import refresh_thread

    posts = Post.objects.filter(author=member)
    thread_ids = set(posts.values_list("thread_id", flat=True))
    if remove_posts:
        Revision.objects.filter(post__author=member).delete()
        posts.update(
            status=Post.Status.REMOVED, removed_by=Post.RemovedBy.AUTHOR, body="", body_html=""
        )
    member.delete()
    for thread_id in thread_ids:
        refresh_thread(thread_id)


def notify(*, member: User | None, text: str, url: str = "") -> Notification | None:
    """Leave `member` a note in their notifications list."""
    if member is None:
        return None
    note = Notification.objects.create(member=member, text=text, url=url)
    _announce_unread([member.pk])
    return note


def notify_many(*, member_ids, text: str, url: str = "") -> None:
    """The same note for several members, in one insert."""
    member_ids = list(member_ids)
    if not member_ids:
        return
    Notification.objects.bulk_create(
        Notification(member_id=member_id, text=text, url=url) for member_id in member_ids
    )
    _announce_unread(member_ids)


def member_group(member_id: int) -> str:
    return f"member.{member_id}"


def _announce_unread(member_ids) -> None:
    """After the commit, each member's open pages learn their new unread count."""
    from django.db import transaction
    from django.db.models import Count, Q

    from forum.live import send_to_groups

    def send():
        counts = (
            User.objects.filter(pk__in=member_ids)
            .annotate(unread=Count("notifications", filter=Q(notifications__read=False)))
            .values_list("pk", "unread")
        )
        send_to_groups(
            [
                (member_group(pk), {"type": "unread.event", "unread": unread})
                for pk, unread in counts
            ]
        )

    transaction.on_commit(send, robust=True)


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
    from forum import clock
    from moderation.models import ModerationAction
    from moderation.services import record

    from .permissions import require_moderator

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
