"""Who wrote something, as every surface may say it.

`shown_author()` is the only place that turns a post or thread into a name:
pages, live frames, notifications, search results and exports all call it.
An anonymous post is "Anonymous" here for everyone; a moderator who needs to
know asks `moderation.actions.reveal_author`, which is logged.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True, slots=True)
class ShownAuthor:
    label: str
    url: str = ""
    practitioner: bool = False
    lived_experience: bool = False
    anonymous: bool = False
    gone: bool = False


def shown_name(item) -> str:
    """Just the name `shown_author(item)` shows (for labels), without building the rest."""
    if item.anonymous:
        return _("Anonymous")
    author = item.author
    return _("Deleted member") if author is None else author.handle


def shown_author(item) -> ShownAuthor:
    """The name, link and badges shown for a post or thread, the same to every viewer."""
    if item.anonymous:
        # No link, no badge, nothing taken from the account.
        return ShownAuthor(label=_("Anonymous"), anonymous=True)
    author = item.author
    if author is None:
        return ShownAuthor(label=_("Deleted member"), gone=True)
    return ShownAuthor(
        label=author.handle,
        url=author.get_absolute_url(),
        practitioner=author.is_verified_practitioner,
        lived_experience=author.lived_experience,
    )
