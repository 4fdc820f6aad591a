from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def moderator_required(view):
    """Visitors are sent to sign in; members are told this is for moderators."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_moderator:
            raise PermissionDenied(_("This page is for moderators."))
        return view(request, *args, **kwargs)

    return wrapped
