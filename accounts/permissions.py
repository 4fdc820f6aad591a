"""Checks that services share: one place says who counts as a moderator."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_moderator(user) -> None:
    """Refuse unless `user` is a signed-in moderator."""
    if not (user is not None and user.is_authenticated and user.is_moderator):
        raise PermissionDenied(_("Only moderators can do this."))
