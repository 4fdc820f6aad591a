"""Pages for prompts: the archive, suggesting one, and moderators' tools."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import moderator_required

from . import prompts
from .forms import DeclineForm, PromptForm, SuggestPromptForm, add_errors
from .models import Prompt, PromptSuggestion


def archive(request):
    return render(request, "forum/prompts/archive.html", {"archive": prompts.archive(request.user)})


def prompt_detail(request, pk):
    prompt = get_object_or_404(Prompt, pk=pk)
    if prompt.thread_id:
        return redirect(prompt.thread)
    if request.user.is_authenticated and request.user.is_moderator:
        return redirect("forum:edit_prompt", pk=prompt.pk)
    raise Http404


def _prompt_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "question": data["question"],
        "framing": data["framing"],
        "category": data["category"],
        "starts_at": data.get("starts_at"),
        "ends_at": data.get("ends_at"),
    }


@moderator_required
@require_http_methods(["GET", "POST"])
def new_prompt(request):
    form = PromptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            prompts.create_prompt(by=request.user, **_prompt_fields(form))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The prompt is saved."))
            return redirect("forum:prompts")
    status = 400 if form.errors else 200
    return render(request, "forum/prompts/form.html", {"form": form}, status=status)


@moderator_required
@require_http_methods(["GET", "POST"])
def edit_prompt(request, pk):
    prompt = get_object_or_404(Prompt, pk=pk)
    initial = {
        "question": prompt.question,
        "framing": prompt.framing,
        "category": prompt.category,
        "starts_at": prompt.starts_at,
        "ends_at": prompt.ends_at,
    }
    form = PromptForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            prompts.update_prompt(prompt=prompt, by=request.user, **_prompt_fields(form))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The prompt is saved."))
            return redirect("forum:prompts")
    status = 400 if form.errors else 200
    return render(
        request, "forum/prompts/form.html", {"form": form, "prompt": prompt}, status=status
    )


@moderator_required
@require_POST
def feature_prompt(request, pk):
    prompt = prompts.feature_now(prompt=get_object_or_404(Prompt, pk=pk), by=request.user)
    messages.success(
        request, _("“%(question)s” is now featured on the home page.") % {"question": prompt}
    )
    return redirect("forum:prompts")


@moderator_required
@require_POST
def retire_prompt(request, pk):
    prompt = prompts.retire_prompt(prompt=get_object_or_404(Prompt, pk=pk), by=request.user)
    messages.success(request, _("“%(question)s” is retired.") % {"question": prompt})
    return redirect("forum:prompts")


@login_required
@require_http_methods(["GET", "POST"])
def suggest(request):
    form = SuggestPromptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            prompts.suggest_prompt(
                member=request.user,
                question=form.cleaned_data["question"],
                framing=form.cleaned_data["framing"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Thank you! A moderator will look at your suggestion soon.")
            )
            return redirect("forum:my_suggestions")
    status = 400 if form.errors else 200
    return render(request, "forum/prompts/suggest.html", {"form": form}, status=status)


@login_required
def my_suggestions(request):
    suggestions = PromptSuggestion.objects.filter(member=request.user).select_related(
        "prompt", "prompt__thread"
    )
    return render(request, "forum/prompts/mine.html", {"suggestions": suggestions})


@moderator_required
def suggestion_queue(request):
    pending = PromptSuggestion.objects.filter(state=PromptSuggestion.State.PENDING).order_by(
        "created_at", "id"
    )
    decided = PromptSuggestion.objects.exclude(state=PromptSuggestion.State.PENDING).select_related(
        "decided_by", "prompt"
    )[:20]
    return render(request, "forum/prompts/queue.html", {"pending": pending, "decided": decided})


@moderator_required
@require_http_methods(["GET", "POST"])
def decide_suggestion(request, pk):
    suggestion = get_object_or_404(PromptSuggestion, pk=pk)
    action = request.POST.get("action")
    approve_form = PromptForm(
        request.POST if action == "approve" else None,
        initial={"question": suggestion.question, "framing": suggestion.framing},
    )
    decline_form = DeclineForm(request.POST if action == "decline" else None)
    if action == "approve" and approve_form.is_valid():
        try:
            prompts.approve_suggestion(
                suggestion=suggestion, by=request.user, **_prompt_fields(approve_form)
            )
        except ValidationError as error:
            add_errors(approve_form, error)
        else:
            messages.success(request, _("Approved. The prompt is in the list."))
            return redirect("forum:suggestion_queue")
    elif action == "decline" and decline_form.is_valid():
        try:
            prompts.decline_suggestion(
                suggestion=suggestion, by=request.user, reason=decline_form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(decline_form, error)
        else:
            messages.success(request, _("Declined. The member will see your reason."))
            return redirect("forum:suggestion_queue")
    status = 400 if (approve_form.errors or decline_form.errors) else 200
    return render(
        request,
        "forum/prompts/decide.html",
        {"suggestion": suggestion, "approve_form": approve_form, "decline_form": decline_form},
        status=status,
    )
