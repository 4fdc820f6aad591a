"""The reply box, without paying for its widgets on every page view.

Most readers see an empty reply box. Its HTML is the same for all of them but
for the form token and whether "Post anonymously" starts ticked, so it is
rendered once per language and tick (in this process) and the token put in.
A box with the person's own words, a draft or errors is rendered as usual.
"""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

_TOKEN = "__csrf_token__"  # noqa: S105 - a placeholder, replaced per request
_ACTION = "__form_action__"
_blank: dict[tuple, str] = {}


def _is_blank(form) -> bool:
    if form.is_bound:
        return False
    initial = form.initial or {}
    return not any(initial.get(name) for name in ("body", "content_warnings"))


def reply_form(request, form, *, action: str) -> str:
    """The reply form's HTML for this request."""
    if not _is_blank(form):
        return render_to_string(
            "forum/_reply_form.html", {"form": form, "action": action}, request=request
        )
    key = (get_language(), bool((form.initial or {}).get("anonymous")))
    html = _blank.get(key)
    if html is None:
        html = render_to_string(
            "forum/_reply_form.html", {"form": form, "action": _ACTION, "csrf_token": _TOKEN}
        )
        _blank[key] = html
    filled = html.replace(_ACTION, escape(action), 1).replace(_TOKEN, escape(get_token(request)), 1)
    return mark_safe(filled)  # noqa: S308 - rendered by the template; the two values escaped
