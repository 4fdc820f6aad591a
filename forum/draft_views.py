"""A member's draft, saved or discarded: by the composer's script as they type, or by its buttons.

The script asks for JSON (`Accept: application/json`); the buttons, without
JavaScript, come back to the composer with a message. Every draft belongs to
the member whose request it is: no request names another member's draft.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import drafts, limits, replies
from .models import Category, Post, Thread


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, key: str, back: str, *, emptied: str, reply_to=None):
    discard = request.POST.get("draft") == "discard"
    try:
        if discard:
            drafts.discard_mine(request.user, key)
        else:
            drafts.keep(
                member=request.user,
                key=key,
                body=request.POST.get("body", ""),
                title=request.POST.get("title", ""),
                anonymous=bool(request.POST.get("anonymous")),
                reply_to=reply_to,
            )
    except (ValidationError, PermissionDenied) as refusal:
        text = " ".join(getattr(refusal, "messages", [str(refusal)]))
        retry_after = getattr(refusal, "retry_after", 0)
        if _wants_json(request):
            status = 429 if isinstance(refusal, limits.RateLimited) else 400
            response = JsonResponse({"saved": False, "message": text}, status=status)
            if retry_after:
                response["Retry-After"] = str(retry_after)
            return response
        # Without JavaScript the words would be lost on the way back: the
        # session keeps them for the composer, which shows them again.
        kept = {name: request.POST.get(name, "") for name in ("title", "body")}
        drafts.save(request.session, key, dict(kept, anonymous=bool(request.POST.get("anonymous"))))
        messages.error(request, text)
        return HttpResponseRedirect(back)
    if _wants_json(request):
        return JsonResponse({"saved": not discard, "discarded": discard})
    if discard:
        messages.success(request, _("Your draft is discarded."))
        return HttpResponseRedirect(emptied)
    messages.success(request, _("Your draft is saved. Only you can see it."))
    return HttpResponseRedirect(back)


@login_required
@require_POST
def reply_draft(request, pk):
    """The reply box's draft on one thread the member may read."""
    thread = get_object_or_404(Thread.objects.visible_to(request.user), pk=pk)
    reply_to = replies.target(request.user, thread, request.POST.get("reply_to"))
    url = thread.get_absolute_url()
    back = f"{url}?reply_to={reply_to.pk}#reply" if reply_to else f"{url}#reply"
    emptied = f"{url}?reply_to=none#reply"
    return _answer(request, drafts.thread_key(thread.pk), back, emptied=emptied, reply_to=reply_to)


@login_required
@require_POST
def thread_draft(request, slug):
    """The new-thread form's draft in one category."""
    category = get_object_or_404(Category, slug=slug)
    back = reverse("forum:new_thread", kwargs={"slug": category.slug})
    return _answer(request, drafts.category_key(category.slug), back, emptied=back)


@login_required
@require_POST
def quote(request, pk):
    """Markdown quoting a post (or the words selected in it), for the composer's script."""
    post = get_object_or_404(Post.objects.visible_to(request.user).select_related("thread"), pk=pk)
    target = replies.target(request.user, post.thread, post.pk)
    if target is None:
        return JsonResponse({"message": _("This post can't be quoted.")}, status=404)
    selection = request.POST.get("selection", "")[: len(target.body) + 1000]
    return JsonResponse({"text": replies.quote(target, selection), "reply_to": target.pk})
