from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import moderator_required
from accounts.models import User
from config.redirects import same_site_next
from forum import limits
from forum.forms import add_errors
from forum.models import Post

from . import actions, flagging, screening, selectors
from . import transparency as figures
from .forms import FlagForm, SampleForm, WatchedWordForm
from .models import Flag, MemberNote, ModerationAction, SupportPanel, WatchedWord


@require_POST
def check_language(request):
    """The composer's nudges: findings for the text being written.

    The text is analysed and forgotten: it is not stored or logged.
    """
    try:
        limits.ensure_can_check(member=request.user, session_key=request.session.session_key)
    except limits.RateLimited as limited:
        response = JsonResponse({"error": str(limited)}, status=429)
        response["Retry-After"] = str(limited.retry_after)
        return response
    text = request.POST.get("text", "")
    limit = settings.FORUM_POST_MAX_LENGTH
    if len(text) > limit:
        return JsonResponse(
            {
                "error": _("This is longer than a post can be (%(limit)d characters).")
                % {"limit": limit}
            },
            status=413,
        )
    kind = screening.assess_risk(text).kind
    return JsonResponse(
        {
            "findings": screening.nudges_for_composer(text),
            # "overdose", "suicide" or null: which help the composer shows, and the help itself.
            "at_risk": kind,
            "panel": render_to_string(
                "moderation/_support_panel.html", {"panel": SupportPanel.current(), "kind": kind}
            )
            if kind
            else "",
        }
    )


@login_required
@require_POST
def reveal_author(request, pk):
    """Show a moderator who wrote an anonymous post. The look itself is logged.

    POST only: a link prefetched or followed by accident must not reveal anyone.
    """
    post = get_object_or_404(
        Post.objects.visible_to(request.user).select_related("thread"), pk=pk, anonymous=True
    )
    author = actions.reveal_author(post=post, by=request.user)
    return render(request, "moderation/reveal.html", {"post": post, "author": author})


@login_required
@require_http_methods(["GET", "POST"])
def flag_post(request, pk):
    # Only posts everyone can read can be flagged; any other id answers as missing.
    post = get_object_or_404(
        Post.objects.visible_to(request.user)
        .filter(status=Post.Status.VISIBLE)
        .select_related("thread"),
        pk=pk,
    )
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flagging.flag_post(post=post, reporter=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you. A moderator will look at it soon."))
            return HttpResponseRedirect(post.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "moderation/flag.html", {"post": post, "form": form}, status=status)


@moderator_required
def queue(request):
    reason = request.GET.get("reason") or None
    items = selectors.queue_items(selectors.review_queue(reason=reason)[:50])
    return render(
        request,
        "moderation/queue.html",
        {
            "items": items,
            "reasons": Flag.Reason.choices,
            "reason": reason,
            "next_url": request.get_full_path(),
        },
    )


@moderator_required
@require_POST
def act_on_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread", "author"), pk=pk)
    try:
        actions.act_on_post(
            post=post,
            by=request.user,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
            body=request.POST.get("body", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done. It is in the moderation log."))
    return _back(request)


def _back(request):
    """Back where the moderator came from, if that is on this site; else the queue."""
    return redirect(same_site_next(request, reverse("moderation:queue")))


@moderator_required
@require_POST
def act_on_member(request, pk):
    member = get_object_or_404(User, pk=pk)
    try:
        days = int(request.POST.get("days") or 0)
    except ValueError:
        days = 0
    try:
        actions.act_on_member(
            member=member,
            by=request.user,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
            days=days,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Done. It is in the moderation log."))
    return _back(request)


@moderator_required
@require_POST
def add_note(request, pk):
    member = get_object_or_404(User, pk=pk)
    try:
        actions.add_note(member=member, by=request.user, text=request.POST.get("text", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Note added. Only moderators see it."))
    return redirect(same_site_next(request, member.get_absolute_url()))


@moderator_required
@require_POST
def remove_note(request, pk):
    note = get_object_or_404(MemberNote.objects.select_related("member"), pk=pk)
    actions.remove_note(note=note, by=request.user)
    messages.success(request, _("Note removed. The log keeps that it was there."))
    return redirect(same_site_next(request, note.member.get_absolute_url()))


@moderator_required
def log(request):
    rows = (
        ModerationAction.objects.with_words()
        .select_related("actor", "member", "post")
        .order_by("-created_at", "-id")
    )
    action = request.GET.get("action")
    if action:
        rows = rows.filter(action=action)
    moderator = request.GET.get("moderator")
    if moderator:
        rows = rows.filter(actor__handle__iexact=moderator)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/log.html",
        {
            "page": page,
            "actions": ModerationAction.Action.choices,
            "action": action,
            "moderator": moderator or "",
        },
    )


def transparency(request):
    """What moderators did, month by month: counts only, no identities."""
    return render(request, "moderation/transparency.html", {"months": figures.monthly_counts()})


@moderator_required
@require_http_methods(["GET", "POST"])
def watched_words(request):
    """Moderators add and remove watched words, and try them on sample text."""
    from . import watched

    form = WatchedWordForm(request.POST if request.POST.get("add") else None)
    if form.is_bound and form.is_valid():
        word = form.save(commit=False)
        word.created_by = request.user
        word.save()
        messages.success(request, _("Added. It applies to new posts from now on, everywhere."))
        return redirect("moderation:watched_words")
    if request.POST.get("remove"):
        WatchedWord.objects.filter(pk=request.POST["remove"]).delete()
        messages.success(request, _("Removed."))
        return redirect("moderation:watched_words")
    sample = SampleForm(request.GET if "sample" in request.GET else None)
    matches = None
    if sample.is_bound and sample.is_valid():
        matches = [
            f
            for f in watched.analyze(sample.cleaned_data["sample"])
            if f.category.startswith("watched:")
        ]
    return render(
        request,
        "moderation/watched.html",
        {
            "words": WatchedWord.objects.all(),
            "form": form,
            "sample": sample,
            "matches": matches,
        },
        status=400 if form.errors else 200,
    )


@moderator_required
@require_http_methods(["GET", "POST"])
def support_panel(request):
    """Moderators set what the support panel says for this deployment."""
    from .forms import SupportPanelForm

    form = SupportPanelForm(request.POST or None, instance=SupportPanel.current())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The support panel is updated everywhere."))
        return redirect("moderation:support_panel")
    return render(request, "moderation/support.html", {"form": form})
