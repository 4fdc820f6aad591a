"""Moderation's side of posting: screening text and raising automatic flags."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from . import language, policy
from .models import Flag


def screen(text: str) -> policy.Decision:
    """What the language policy says about `text`."""
    return policy.decide(language.analyze(text), medium_action=settings.MODERATION_MEDIUM_ACTION)


def flag_automatically(*, post, decision: policy.Decision) -> Flag | None:
    """Put a held or flagged post in the review queue, with what was found."""
    if not (decision.hold or decision.flag):
        return None
    return Flag.objects.create(
        post=post,
        automatic=True,
        reason=Flag.Reason.STIGMA,
        findings=[finding.as_dict() for finding in decision.findings],
    )


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
    nudges = []
    for finding in language.analyze(text):
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
    from django.core.exceptions import PermissionDenied

    from .models import ModerationAction

    if not (by is not None and by.is_authenticated and by.is_moderator):
        raise PermissionDenied(_("Only moderators can see who wrote an anonymous post."))
    record(actor=by, action=ModerationAction.Action.REVEAL, post=post, member=post.author)
    return post.author
