"""What a title, a post's words and its content warnings must be before saving.

Pure checks, no database: each returns the cleaned value or raises
`ValidationError` keyed by the form field, with a message a person can act on.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import CONTENT_WARNINGS


def _refuse_control_characters(text: str, field: str) -> None:
    # A NUL can't be stored (PostgreSQL refuses it) and no one types one.
    if "\x00" in text:
        raise ValidationError(
            {field: _("The text has a character that can't be saved (a null character).")}
        )


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    _refuse_control_characters(title, "title")
    if not title:
        raise ValidationError({"title": _("Please give your thread a title.")})
    limit = settings.FORUM_TITLE_MAX_LENGTH
    if len(title) > limit:
        raise ValidationError(
            {
                "title": _(
                    "Titles can be up to %(limit)d characters; this one is %(length)d. "
                    "Please shorten it."
                )
                % {"limit": limit, "length": len(title)}
            }
        )
    return title


def clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    _refuse_control_characters(body, "body")
    if not body:
        raise ValidationError({"body": _("Please write something before posting.")})
    limit = settings.FORUM_POST_MAX_LENGTH
    if len(body) > limit:
        raise ValidationError(
            {
                "body": _(
                    "Posts can be up to %(limit)d characters; this one is %(length)d. "
                    "You could split it into two posts."
                )
                % {"limit": limit, "length": len(body)}
            }
        )
    return body


def clean_warnings(keys) -> list[str]:
    known = [key for key, _label in CONTENT_WARNINGS]
    keys = list(keys or [])
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise ValidationError({"content_warnings": _("Please choose warnings from the list.")})
    return [key for key in known if key in keys]
