"""Prompts: the questions the community answers together.

Reads (which prompt is featured, the archive) and the only writers of prompts
and suggestions. Time comes from `forum.clock`, so schedules can be tested
without waiting.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext as _

from accounts.permissions import require_moderator

from . import clock
from .models import Category, Post, Prompt, PromptSuggestion, Thread
from .services import refresh_category

# -- reads -------------------------------------------------------------------


def _started(now: datetime):
    return (
        Prompt.objects.filter(retired_at__isnull=True, starts_at__lte=now)
        .select_related("thread", "category")
        .order_by("-starts_at", "-id")
    )


def featured_prompt(now: datetime | None = None) -> Prompt | None:
    """The prompt the home page leads with.

    The latest one whose schedule covers now; when none does, the latest one
    that started stays featured, so the home page never goes blank.
    """
    now = now or clock.now()
    # One query: those still running first, then the latest to start.
    running = Case(
        When(Q(ends_at__isnull=True) | Q(ends_at__gt=now), then=Value(0)), default=Value(1)
    )
    return _started(now).annotate(over=running).order_by("over", "-starts_at", "-id").first()


def latest_answers(prompt: Prompt, count: int = 3) -> list[Post]:
    if prompt.thread_id is None:
        return []
    return list(
        Post.objects.visible_to(None)
        .filter(thread_id=prompt.thread_id, status=Post.Status.VISIBLE)
        .select_related("author")
        .order_by("-created_at", "-id")[:count]
    )


@dataclass
class Archive:
    current: Prompt | None
    past: list[Prompt]
    upcoming: list[Prompt]
    unscheduled: list[Prompt]
    retired: list[Prompt]


def archive(viewer, now: datetime | None = None) -> Archive:
    """Current and past prompts for everyone; upcoming, unscheduled and retired for moderators."""
    now = now or clock.now()
    current = featured_prompt(now)
    past = [p for p in _started(now) if current is None or p.pk != current.pk]
    is_moderator = viewer.is_authenticated and viewer.is_moderator
    upcoming = unscheduled = retired = []
    if is_moderator:
        pending = Prompt.objects.filter(retired_at__isnull=True).select_related(
            "thread", "category"
        )
        upcoming = list(pending.filter(starts_at__gt=now).order_by("starts_at", "id"))
        unscheduled = list(pending.filter(starts_at__isnull=True).order_by("-created_at"))
        retired = list(
            Prompt.objects.filter(retired_at__isnull=False)
            .select_related("thread", "category")
            .order_by("-retired_at")
        )
    return Archive(current, past, upcoming, unscheduled, retired)


# -- validation --------------------------------------------------------------


def _clean_question(question: str) -> str:
    question = " ".join((question or "").split())
    if not question:
        raise ValidationError({"question": _("Please write the question.")})
    if len(question) > 200:
        raise ValidationError(
            {"question": _("Questions can be up to 200 characters. Please shorten it.")}
        )
    return question


def _clean_framing(framing: str) -> str:
    framing = (framing or "").strip()
    if not framing:
        raise ValidationError({"framing": _("Please say in a few words why we ask.")})
    return framing


def _clean_schedule(starts_at, ends_at) -> None:
    if ends_at and not starts_at:
        raise ValidationError({"starts_at": _("Please choose when the prompt starts, too.")})
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end needs to come after the start.")})


def _require_moderator(user) -> None:
    # `None` is the system itself (the seed command); views always pass
    # request.user, which is never None.
    if user is not None:
        require_moderator(user)


def _ensure_thread(prompt: Prompt) -> None:
    """A prompt's thread is made when it is first scheduled or featured."""
    if prompt.thread_id is not None or prompt.starts_at is None:
        return
    now = clock.now()
    prompt.thread = Thread.objects.create(
        category=prompt.category,
        title=prompt.question,
        author=None,
        opens_with_post=False,
        created_at=now,
        last_activity_at=now,
    )
    prompt.save(update_fields=["thread"])
    refresh_category(prompt.category_id)


# -- prompts -----------------------------------------------------------------


@transaction.atomic
def create_prompt(
    *,
    by,
    question: str,
    framing: str,
    category: Category,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> Prompt:
    _require_moderator(by)
    question = _clean_question(question)
    framing = _clean_framing(framing)
    _clean_schedule(starts_at, ends_at)
    prompt = Prompt.objects.create(
        question=question,
        framing=framing,
        category=category,
        starts_at=starts_at,
        ends_at=ends_at,
        created_at=clock.now(),
    )
    _ensure_thread(prompt)
    return prompt


@transaction.atomic
def update_prompt(
    *,
    prompt: Prompt,
    by,
    question: str,
    framing: str,
    category: Category,
    starts_at: datetime | None,
    ends_at: datetime | None,
) -> Prompt:
    _require_moderator(by)
    prompt.question = _clean_question(question)
    prompt.framing = _clean_framing(framing)
    _clean_schedule(starts_at, ends_at)
    prompt.category = category
    prompt.starts_at, prompt.ends_at = starts_at, ends_at
    prompt.save()
    if prompt.thread_id:
        Thread.objects.filter(pk=prompt.thread_id).update(title=prompt.question, category=category)
    _ensure_thread(prompt)
    return prompt


@transaction.atomic
def feature_now(*, prompt: Prompt, by) -> Prompt:
    """Feature `prompt` from now on, until another takes its place."""
    _require_moderator(by)
    now = clock.now()
    prompt.starts_at = now
    if prompt.ends_at and prompt.ends_at <= now:
        prompt.ends_at = None
    prompt.retired_at = None
    prompt.save(update_fields=["starts_at", "ends_at", "retired_at"])
    _ensure_thread(prompt)
    return prompt


@transaction.atomic
def retire_prompt(*, prompt: Prompt, by) -> Prompt:
    """Take a prompt out of rotation. Its thread and answers stay readable."""
    _require_moderator(by)
    prompt.retired_at = clock.now()
    prompt.save(update_fields=["retired_at"])
    return prompt


# -- suggestions -------------------------------------------------------------


@transaction.atomic
def suggest_prompt(*, member, question: str, framing: str = "") -> PromptSuggestion:
    """A member suggests a question. A few a day, so moderators can keep up."""
    if member is None or not member.is_authenticated or not member.is_active:
        raise PermissionDenied(_("Please sign in to suggest a prompt."))
    question = _clean_question(question)
    now = clock.now()
    limit = settings.PROMPT_SUGGESTIONS_PER_DAY
    recent = PromptSuggestion.objects.filter(
        member=member, created_at__gt=now - timedelta(days=1)
    ).count()
    if recent >= limit:
        raise ValidationError(
            _(
                "Thank you for your ideas! You can suggest up to %(limit)d prompts a day. "
                "Please come back tomorrow with this one; your text is still here."
            )
            % {"limit": limit}
        )
    return PromptSuggestion.objects.create(
        member=member, question=question, framing=(framing or "").strip(), created_at=now
    )


def _decide(suggestion: PromptSuggestion, by, state: str, reason: str) -> None:
    if suggestion.state != PromptSuggestion.State.PENDING:
        raise ValidationError(_("Another moderator has already decided on this suggestion."))
    suggestion.state = state
    suggestion.reason = reason
    suggestion.decided_by = by
    suggestion.decided_at = clock.now()


@transaction.atomic
def approve_suggestion(
    *,
    suggestion: PromptSuggestion,
    by,
    question: str,
    framing: str,
    category: Category,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> Prompt:
    """Turn a suggestion into a prompt (edited as the moderator sees fit)."""
    _require_moderator(by)
    suggestion = PromptSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    prompt = create_prompt(
        by=by,
        question=question,
        framing=framing,
        category=category,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    _decide(suggestion, by, PromptSuggestion.State.APPROVED, "")
    suggestion.prompt = prompt
    suggestion.save()
    return prompt


@transaction.atomic
def decline_suggestion(*, suggestion: PromptSuggestion, by, reason: str) -> PromptSuggestion:
    _require_moderator(by)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Please give a short reason; the member will see it.")})
    suggestion = PromptSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    _decide(suggestion, by, PromptSuggestion.State.DECLINED, reason)
    suggestion.save()
    return suggestion
