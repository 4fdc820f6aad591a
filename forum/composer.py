"""The composers (reply box, new thread form): what they start with, and the reply box's HTML.

A composer starts with the person's own kept words (a visitor's from their
session, a member's draft from the server), then what a Reply or Quote link
asked for. Words a visitor wrote before joining become the member's draft.

Most readers see an empty reply box. Its HTML is the same for all of them but
for the form token, the thread's addresses and whether "Post anonymously"
starts ticked, so it is rendered once per language, tick and kind of reader
(in this process) and those values put in. A box with the person's own words,
a draft, a reply or errors is rendered as usual.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import drafts, replies
from .identity import shown_author

_TOKEN = "__csrf_token__"  # noqa: S105 - a placeholder, replaced per request
_PLACEHOLDERS = ("action", "cancel_url", "draft_url")
_blank: dict[tuple, str] = {}


def fresh(request) -> dict:
    """A new composer starts anonymous when the member asked for that."""
    return {"anonymous": request.user.is_authenticated and request.user.anonymous_by_default}


def kept(request, key: str, *, thread=None) -> dict | None:
    """The words kept for the composer `key`: a visitor's session draft, or a member's own.

    `thread`: the reply box's thread, where a session draft may answer a post.
    """
    session = drafts.load(request.session, key)
    if session is None:
        return drafts.mine(request.user, key)
    if not request.user.is_authenticated:
        return dict(session)
    answered = session.get("reply_to")
    try:
        drafts.keep(
            member=request.user,
            key=key,
            body=session.get("body", ""),
            title=session.get("title", ""),
            anonymous=session.get("anonymous", False),
            reply_to=replies.target(request.user, thread, answered)
            if thread and answered
            else None,
        )
    except (ValidationError, PermissionDenied):
        return dict(session)  # too long or too often: the session keeps them meanwhile
    drafts.discard(request.session, key)
    return dict(session, draft=True)


def reply_start(request, thread) -> tuple[dict, object]:
    """The reply box's starting values and the post it answers (or None).

    `?reply_to=<id>` answers a post, `?quote=<id>` quotes it too; a post the
    reader may not see is ignored, exactly as if the number meant nothing.
    """
    initial = kept(request, drafts.thread_key(thread.pk), thread=thread) or fresh(request)
    quoted = request.GET.get("quote")
    wanted = quoted or request.GET.get("reply_to") or initial.get("reply_to")
    target = replies.target(request.user, thread, wanted) if wanted else None
    if target is not None and quoted:
        body = (initial.get("body") or "").rstrip()
        quote = replies.quote(target)
        if quote.strip() not in body:  # a reload of the same link quotes it once
            initial["body"] = f"{body}\n\n{quote}" if body else quote
    initial["reply_to"] = target.pk if target else ""
    return initial, target


def _is_blank(form) -> bool:
    if form.is_bound:
        return False
    initial = form.initial or {}
    return not any(initial.get(name) for name in ("body", "content_warnings", "reply_to", "draft"))


def reply_form(request, form, *, thread, target=None) -> str:
    """The reply form's HTML for this request."""
    thread_url = thread.get_absolute_url()
    values = {
        "action": f"{thread_url}#reply",
        "cancel_url": f"{thread_url}?reply_to=none#reply",
        "draft_url": reverse("forum:reply_draft", kwargs={"pk": thread.pk}),
    }
    visitor = not request.user.is_authenticated
    if not _is_blank(form):
        context = {
            "form": form,
            "visitor": visitor,
            "replying_to": shown_author(target).label if target else "",
            "has_draft": bool((form.initial or {}).get("draft")) or form.is_bound,
            **values,
        }
        return render_to_string("forum/_reply_form.html", context, request=request)
    key = (get_language(), bool((form.initial or {}).get("anonymous")), visitor)
    html = _blank.get(key)
    if html is None:
        context = {"form": form, "visitor": visitor, "csrf_token": _TOKEN}
        context.update({name: f"__{name}__" for name in _PLACEHOLDERS})
        html = _blank[key] = render_to_string("forum/_reply_form.html", context)
    filled = html.replace(_TOKEN, escape(get_token(request)))
    for name in _PLACEHOLDERS:
        filled = filled.replace(f"__{name}__", escape(values[name]))
    return mark_safe(filled)  # noqa: S308 - rendered by the template; the values escaped
