"""Screening words before they are posted, and explaining the result.

Reads the language engine, the watched words and the posting policy; writes
nothing. `forum.services` calls `screen()` for every thread, reply and edit;
the composer's check endpoint calls `nudges_for_composer()`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from forum import permissions
from forum.rendering import has_links

from . import language, policy, risk, sourcing, watched


def screen(text: str, *, author=None) -> policy.Decision:
    """What the language policy, the watched words and the sourcing rules say about `text`.

    A "block" watched word refuses the text outright, with the words named.
    `author` is who is posting: a link from a member who is still new waits.
    """
    findings = watched.analyze(text)
    if watched.blocked(findings):
        raise ValidationError({"body": watched.blocked_message(findings)})
    new_link = author is not None and permissions.is_new_member(author) and has_links(text)
    return policy.decide(
        findings,
        medium_action=settings.MODERATION_MEDIUM_ACTION,
        sourcing=sourcing.assess(text),
        link_from_new_member=new_link,
    )


def apply_replacements(text: str) -> str:
    """Moderators' replacements for "replace" watched words."""
    return watched.apply_replacements(text)


def assess_risk(text: str) -> risk.Assessment:
    """Whether the words suggest someone may be in danger now, which kind, and why."""
    return risk.assess(text or "")


def risk_reason(assessment: risk.Assessment) -> str:
    """The reason a moderator reads ("a plan with a time"), translated."""
    return _(assessment.reason) if assessment.reason else ""


def _quoted(findings) -> str:
    words = []
    for finding in findings:
        word = f"“{finding.text}”"
        if word not in words:
            words.append(word)
    return ", ".join(words)


def _why_held(decision: policy.Decision) -> list[str]:
    sentences = []
    if policy.SLUR in decision.reasons:
        sentences.append(
            _(
                "Your post is waiting for a moderator, because %(words)s is a word that "
                "hurts many people here. Your text is kept. If you change those words "
                "with Edit, it will be published straight away."
            )
            % {"words": _quoted([f for f in decision.holding if not watched.is_watched(f)])}
        )
    if policy.WATCHED in decision.reasons:
        sentences.append(
            _(
                "Your post is waiting for a moderator, because this forum's moderators asked "
                "to look at posts with %(words)s. Your text is kept."
            )
            % {"words": _quoted([f for f in decision.holding if watched.is_watched(f)])}
        )
    if policy.SOURCING in decision.reasons:
        sentences.append(
            _(
                "Offers to buy or sell aren't allowed here, for everyone's safety, and "
                "neither are ways to contact someone to do that. Your post is waiting for a "
                "moderator, and your text is kept. Talk about prices, testing or services "
                "is welcome."
            )
        )
    if policy.NEW_MEMBER_LINK in decision.reasons:
        sentences.append(
            _(
                "Welcome! While you are new here, posts with links wait for a moderator "
                "before they go up; it keeps spam and sellers out. Your text is kept and "
                "this usually doesn't take long."
            )
        )
    return sentences


def explain_to_author(decision: policy.Decision) -> tuple[str, list[str]]:
    """What to tell the author about their words: (level, sentences).

    level is "held", "nudge" or "" when there is nothing to say. The wording is
    kind and specific: which words, what others may prefer, what happens next.
    """
    if decision.hold:
        return "held", _why_held(decision)
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
