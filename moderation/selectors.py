"""Reads for moderators: the review queue and each member's history."""

from django.db.models import Case, Count, Exists, IntegerField, Min, OuterRef, Q, Value, When
from django.utils.translation import gettext as _

from forum.models import Post

from . import watched
from .models import Flag, MemberNote, ModerationAction


def review_queue(*, reason: str | None = None):
    """Posts waiting for a moderator: held ones and ones with open flags.

    "Someone may be at risk" first, then the longest waiting.
    """
    open_flags = Flag.objects.filter(post=OuterRef("pk"), state=Flag.State.OPEN)
    # At the top: someone may be at risk, or members' flags hid a post.
    at_risk = open_flags.filter(reason__in=[Flag.Reason.AT_RISK, Flag.Reason.COMMUNITY])
    posts = Post.objects.filter(Q(status=Post.Status.PENDING) | Q(Exists(open_flags))).exclude(
        status=Post.Status.REMOVED
    )
    if reason:
        posts = posts.filter(Exists(open_flags.filter(reason=reason)))
    return (
        posts.annotate(
            urgent=Case(
                When(Exists(at_risk), then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            waiting_since=Min("flags__created_at", filter=Q(flags__state=Flag.State.OPEN)),
        )
        .select_related("author", "thread")
        .prefetch_related("flags")
        .order_by("urgent", "waiting_since", "created_at", "id")
    )


def queue_items(posts) -> list[dict]:
    """What the queue shows of each post: flags, findings, the author's history.

    A fixed number of queries for any number of posts: the watched-word list
    is compiled once and the histories are counted together.
    """
    posts = list(posts)
    authors = {post.author_id for post in posts if post.author_id}
    histories = history_lines(authors)
    notes: dict = {}
    for note in MemberNote.objects.filter(member_id__in=authors).order_by("-created_at"):
        notes.setdefault(note.member_id, []).append(note)
    rules = watched.compiled()
    items = []
    for post in posts:
        open_flags = [f for f in post.flags.all() if f.state == Flag.State.OPEN]
        findings = watched.analyze(post.body, rules)
        risk = next((f for f in open_flags if f.reason == Flag.Reason.AT_RISK), None)
        items.append(
            {
                "post": post,
                "flags": open_flags,
                # "Someone may be at risk": why, and since when.
                "risk_reason": _risk_reason(risk),
                "risk_since": risk.created_at if risk else None,
                "urgent": any(
                    f.reason in (Flag.Reason.AT_RISK, Flag.Reason.COMMUNITY) for f in open_flags
                ),
                "findings": findings,
                "history": (
                    _("Not shown for an anonymous post: reveal the author (logged) to see it.")
                    if post.anonymous
                    else histories.get(post.author_id, _("Deleted member"))
                ),
                # Shown only for signed posts: on an anonymous one they would tell who.
                "notes": [] if post.anonymous else notes.get(post.author_id, []),
            }
        )
    return items


def _risk_reason(flag) -> str:
    if flag is None:
        return ""
    reason = next((f.get("reason") for f in flag.findings if f.get("reason")), "")
    return _(reason) if reason else _("Words that may mean someone is in danger now")


def history_lines(member_ids) -> dict:
    """Each member's moderation history in one line, for the queue."""
    labels = dict(ModerationAction.Action.choices)
    counts: dict = {member_id: {} for member_id in member_ids}
    rows = (
        ModerationAction.objects.filter(member_id__in=member_ids)
        .exclude(action=ModerationAction.Action.REVEAL)
        .values_list("member_id", "action")
        .annotate(n=Count("id"))
    )
    for member_id, action, n in rows:
        counts[member_id][action] = n
    return {
        member_id: (
            "; ".join(f"{labels[a]}: {n}" for a, n in sorted(actions.items()))
            or _("No earlier moderation.")
        )
        for member_id, actions in counts.items()
    }
