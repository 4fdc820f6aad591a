"""Moderation's side of posting: screening text and raising automatic flags."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.permissions import require_moderator

from . import language, policy
from .models import Flag


def screen(text: str) -> policy.Decision:
    """What the language policy (and the watched words) say about `text`.

    A "block" watched word refuses the text outright, with the words named.
    """
    from django.core.exceptions import ValidationError

    from . import watched

    findings = watched.analyze(text)
    blocked = [f for f in findings if f.category == watched.category("block")]
    if blocked:
        words = ", ".join(sorted({f"“{f.text}”" for f in blocked}))
        raise ValidationError(
            {
                "body": _(
                    "This can't be posted here because of %(words)s. Please change those "
                    "words; the rest of your text is kept."
                )
                % {"words": words}
            }
        )
    return policy.decide(findings, medium_action=settings.MODERATION_MEDIUM_ACTION)


def apply_replacements(text: str) -> str:
    """Moderators' replacements for "replace" watched words."""
    from . import watched

    return watched.apply_replacements(text)


def flag_automatically(*, post, decision: policy.Decision) -> Flag | None:
    """Put a held or flagged post in the review queue, with what was found."""
    from . import live

    if decision.hold:
        live.queue_changed(post.pk)
    if not (decision.hold or decision.flag):
        return None
    flag = Flag.objects.create(
        post=post,
        automatic=True,
        reason=Flag.Reason.STIGMA,
        findings=[finding.as_dict() for finding in decision.findings],
    )
    live.queue_changed(post.pk)
    return flag


def resolve_automatic_flags(*, post, note: str) -> int:
    """Close automatic flags that no longer apply (the author changed the words)."""
    return Flag.objects.filter(post=post, automatic=True, state=Flag.State.OPEN).update(
        state=Flag.State.RESOLVED, resolved_at=timezone.now(), note=note
    )


def _quoted(findings) -> str:
    words = []
    for finding in findings:
        word = f"“{finding.text}”"
        if word not in words:
            words.append(word)
    return ", ".join(words)


def explain_to_author(decision: policy.Decision) -> tuple[str, list[str]]:
    """What to tell the author about their words: (level, sentences).

    level is "held", "nudge" or "" when there is nothing to say. The wording is
    kind and specific: which words, what others may prefer, what happens next.
    """
    if decision.hold:
        return "held", [
            _(
                "Your post is waiting for a moderator, because %(words)s is a word that "
                "hurts many people here. Your text is kept. If you change those words "
                "with Edit, it will be published straight away."
            )
            % {"words": _quoted(decision.holding)}
        ]
    sentences = []
    for finding in decision.nudges:
        if finding.suggestions:
            sentences.append(
                _("You wrote %(word)s. Many people here prefer: %(options)s.")
                % {
                    "word": f"“{finding.text}”",
                    "options": "; ".join(f"“{s}”" for s in finding.suggestions[:3]),
                }
            )
    if not sentences:
        return "", []
    sentences.append(_("Your post is up. You can change the wording with Edit if you like."))
    return "nudge", sentences


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def nudges_for_composer(text: str) -> list[dict]:
    """Findings in `text` with ready-made edits, offsets counted as browsers count.

    JavaScript strings count UTF-16 code units, Python counts code points; the
    two differ after an emoji, so each offset is given in the browser's terms.
    """
    from . import watched

    nudges = []
    for finding in watched.analyze(text):
        edits = []
        for suggestion in finding.suggestions[:3]:
            start, end, new = language.suggested_edit(text, finding, suggestion)
            edits.append(
                {
                    "label": suggestion,
                    "start": _utf16_length(text[:start]),
                    "end": _utf16_length(text[:end]),
                    "text": new,
                }
            )
        nudges.append(
            {
                **finding.as_dict(),
                "start": _utf16_length(text[: finding.start]),
                "end": _utf16_length(text[: finding.end]),
                "edits": edits,
            }
        )
    return nudges


def record(*, actor, action: str, post=None, member=None, reason="", before="", after=""):
    """Write one row of the audit log."""
    from .models import ModerationAction

    return ModerationAction.objects.create(
        actor=actor,
        action=action,
        post=post,
        member=member,
        reason=reason,
        text_before=before,
        text_after=after,
    )


def reveal_author(*, post, by):
    """Who wrote an anonymous post: for moderators only, and every look is logged."""
    from .models import ModerationAction

    require_moderator(by)
    record(actor=by, action=ModerationAction.Action.REVEAL, post=post, member=post.author)
    return post.author


# -- flags from members -------------------------------------------------------------


def flag_post(*, post, reporter, reason: str, note: str = ""):
    """A member brings a post to moderators. The author never learns who."""
    from django.core.cache import cache
    from django.core.exceptions import PermissionDenied, ValidationError

    from forum import clock

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
    from . import live

    live.queue_changed(post.pk)
    return flag


# -- the review queue ------------------------------------------------------------------


def review_queue(*, reason: str | None = None):
    """Posts waiting for a moderator: held ones and ones with open flags.

    "Someone may be at risk" first, then the longest waiting.
    """
    from django.db.models import Case, Exists, IntegerField, Min, OuterRef, Q, Value, When

    from forum.models import Post

    open_flags = Flag.objects.filter(post=OuterRef("pk"), state=Flag.State.OPEN)
    at_risk = open_flags.filter(reason=Flag.Reason.AT_RISK)
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
    from . import watched

    posts = list(posts)
    histories = history_lines({post.author_id for post in posts if post.author_id})
    rules = watched.compiled()
    items = []
    for post in posts:
        open_flags = [f for f in post.flags.all() if f.state == Flag.State.OPEN]
        findings = watched.analyze(post.body, rules)
        items.append(
            {
                "post": post,
                "flags": open_flags,
                "urgent": any(f.reason == Flag.Reason.AT_RISK for f in open_flags),
                "findings": findings,
                "history": histories.get(post.author_id, _("Deleted member")),
            }
        )
    return items


def history_lines(member_ids) -> dict:
    """Each member's moderation history in one line, for the queue."""
    from django.db.models import Count

    from .models import ModerationAction

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


def _close_flags(post, state) -> None:
    from forum import clock

    Flag.objects.filter(post=post, state=Flag.State.OPEN).update(
        state=state, resolved_at=clock.now()
    )


# -- moderators' actions on posts ----------------------------------------------------------


def act_on_post(*, post, by, action: str, reason: str = "", body: str = ""):
    """Approve, dismiss, apply wording, edit, hide, restore or remove, in one transaction.

    Each writes the audit log, closes open flags where the matter is settled,
    changes what readers see live, and tells the author kindly.
    """
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from accounts.services import notify
    from forum import services as forum

    from .models import ModerationAction as A

    require_moderator(by)
    url = post.get_absolute_url()
    with transaction.atomic():
        before = post.body
        if action == A.Action.APPROVE:
            forum.approve_post(post=post, by=by)
            _close_flags(post, Flag.State.DISMISSED)
            note = _("A moderator looked at your post and published it. Thank you for waiting.")
        elif action == A.Action.DISMISS:
            record(actor=by, action=action, post=post, member=post.author, reason=reason)
            _close_flags(post, Flag.State.DISMISSED)
            note = None
        elif action == A.Action.APPLY_WORDING:
            findings = language.analyze(post.body)
            after = language.apply_suggestions(post.body, findings)
            if after == post.body:
                raise ValidationError(_("There is no suggested wording to apply to this post."))
            forum.moderator_edit_post(
                post=post, by=by, body=after, reason=reason or "Suggested wording"
            )
            if post.status == post.Status.PENDING:
                forum.approve_post(post=post, by=by)
            record(
                actor=by,
                action=action,
                post=post,
                member=post.author,
                reason=reason,
                before=before,
                after=after,
            )
            _close_flags(post, Flag.State.RESOLVED)
            note = _(
                "A moderator changed a few words in your post to ones that many people here "
                "prefer. Your earlier text is kept in the post's history."
            )
        elif action == A.Action.EDIT:
            if not reason.strip():
                raise ValidationError({"reason": _("Please say why you are editing the post.")})
            forum.moderator_edit_post(post=post, by=by, body=body, reason=reason)
            record(
                actor=by,
                action=action,
                post=post,
                member=post.author,
                reason=reason,
                before=before,
                after=post.body,
            )
            _close_flags(post, Flag.State.RESOLVED)
            note = _("A moderator edited your post. Their reason: %(reason)s") % {"reason": reason}
        elif action in (A.Action.HIDE, A.Action.REMOVE):
            service = forum.hide_post if action == A.Action.HIDE else forum.remove_post_by_moderator
            service(post=post, by=by)
            _close_flags(post, Flag.State.RESOLVED)
            note = _("A moderator took your post out of view. %(why)s") % {"why": reason}
        elif action == A.Action.RESTORE:
            forum.restore_post(post=post, by=by)
            note = _("A moderator put your post back in view.")
        else:
            raise ValidationError(_("That is not something moderators can do to a post."))
        if note:
            notify(member=post.author, text=note, url=url)
        from . import live

        live.queue_changed(post.pk)
    return post


# -- moderators' actions on members -------------------------------------------------------


def act_on_member(*, member, by, action: str, reason: str = "", days: int = 0):
    """Warn, suspend for some days, lift a suspension, or ban. Logged; the member is told."""
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.db import transaction

    from accounts.services import notify
    from forum import clock

    from .models import ModerationAction as A

    require_moderator(by)
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
            member.is_active = False
            member.save(update_fields=["is_active"])
            note = None
        else:
            raise ValidationError(_("That is not something moderators can do to a member."))
        record(actor=by, action=action, member=member, reason=reason)
        if note:
            notify(member=member, text=note)
    return member


def monthly_counts() -> list[dict]:
    """Moderators' actions and flags' reasons per month, newest first, as plain counts."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    from .models import ModerationAction

    months: dict = {}

    def count(rows, field: str, labels: dict, into: str) -> None:
        for row in (
            rows.annotate(month=TruncMonth("created_at"))
            .values("month", field)
            .annotate(n=Count("id"))
        ):
            entry = months.setdefault(
                row["month"], {"month": row["month"], "actions": [], "reasons": []}
            )
            entry[into].append((labels.get(row[field], row[field]), row["n"]))

    count(
        ModerationAction.objects.exclude(action=ModerationAction.Action.REVEAL),
        "action",
        dict(ModerationAction.Action.choices),
        "actions",
    )
    count(Flag.objects.all(), "reason", dict(Flag.Reason.choices), "reasons")
    for entry in months.values():
        entry["actions"].sort()
        entry["reasons"].sort()
    return sorted(months.values(), key=lambda entry: entry["month"], reverse=True)


def is_at_risk(text: str) -> bool:
    from .at_risk import is_at_risk as check

    return check(text)


def flag_at_risk(*, post) -> Flag | None:
    """Put "someone may be at risk" at the top of the queue (once per post)."""
    open_already = Flag.objects.filter(
        post=post, automatic=True, reason=Flag.Reason.AT_RISK, state=Flag.State.OPEN
    )
    if open_already.exists():
        return None
    from . import live

    flag = Flag.objects.create(post=post, automatic=True, reason=Flag.Reason.AT_RISK)
    live.queue_changed(post.pk)
    return flag
