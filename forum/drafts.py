"""Words typed and not yet posted: a visitor's in their session, a member's on the server.

Someone who writes a reply and only then finds they must sign in should find
their words waiting when they come back. Django keeps session data across
sign-in, so the draft survives the trip through the login or sign-up page.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import clock, limits
from .draft_models import Draft

SESSION_KEY = "forum_drafts"


def save(session, key: str, data: dict) -> None:
    drafts = session.get(SESSION_KEY, {})
    drafts[key] = data
    session[SESSION_KEY] = drafts


def load(session, key: str) -> dict | None:
    return session.get(SESSION_KEY, {}).get(key)


def discard(session, key: str) -> None:
    drafts = session.get(SESSION_KEY, {})
    if key in drafts:
        del drafts[key]
        session[SESSION_KEY] = drafts


def thread_key(thread_id: int) -> str:
    return f"reply:{thread_id}"


def category_key(slug: str) -> str:
    return f"thread:{slug}"


# -- a member's drafts, on the server ---------------------------------------------
#
# What a member types is kept on the server (forum.draft_models.Draft), not in
# the browser: people share devices. Only the member's own requests reach these.


TITLE_MAX_LENGTH = Draft._meta.get_field("title").max_length


def keep(*, member, key: str, body: str = "", title: str = "", anonymous=False, reply_to=None):
    """Keep `member`'s words for the composer `key`, or forget them when empty.

    Refused, like a post, past the length limit or too often (`limits`).
    """
    body = (body or "").replace("\r\n", "\n").replace("\x00", "")
    title = (title or "").replace("\x00", "")
    if len(body) > settings.FORUM_POST_MAX_LENGTH or len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            _(
                "This is longer than a post can be, so it can't be kept as a draft. "
                "Please shorten it."
            )
        )
    limits.ensure(
        "draft",
        f"member:{member.pk}",
        _("Your draft is saved often enough; it will be saved again in %(wait)s."),
    )
    if not body.strip() and not title.strip():
        discard_mine(member, key)
        return None
    draft, _created = Draft.objects.update_or_create(
        member=member,
        key=key,
        defaults={
            "body": body,
            "title": title,
            "anonymous": bool(anonymous),
            "reply_to": reply_to,
            "updated_at": clock.now(),
        },
    )
    return draft


def mine(member, key: str) -> dict | None:
    """`member`'s kept words for the composer `key`, as the form's starting values."""
    if member is None or not member.is_authenticated:
        return None
    draft = Draft.objects.filter(member=member, key=key).first()
    if draft is None:
        return None
    return {
        "title": draft.title,
        "body": draft.body,
        "anonymous": draft.anonymous,
        "reply_to": draft.reply_to_id or "",
        "draft": True,
    }


def discard_mine(member, key: str) -> None:
    if member is not None and member.is_authenticated:
        Draft.objects.filter(member=member, key=key).delete()
