"""Site policy for accounts, kept in allauth's adapter rather than forked views."""

from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_login_redirect_url
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import handles


class AccountAdapter(DefaultAccountAdapter):
    # allauth's wording, said the way this forum speaks: "handle", plain and kind.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": _(
            "That handle and password don't match. Please check both and try again."
        ),
        "username_taken": _("That handle is already taken. Please choose another one."),
        "username_blacklisted": _("That handle can't be used here. Please choose another one."),
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts. Please wait a few minutes and try again."
        ),
        "rate_limited": _(
            "That was a lot of requests at once. Please wait a moment and try again."
        ),
    }

    def get_client_ip(self, request):
        # No IP address is read or stored, for rate limits either: every
        # visitor shares one address here, so allauth's per-"ip" limits are
        # site-wide limits (used only for sign-up), and sign-in is limited per
        # handle ("key"). See ACCOUNT_RATE_LIMITS.
        return "0.0.0.0"  # noqa: S104 - a placeholder, never bound to

    def populate_username(self, request, user):
        # The handle is typed by the person; never derive one from an email
        # address, which could reveal who they are.
        return None

    def clean_username(self, username, shallow=False):
        """allauth's checks, then the look-alike rule shared with renaming."""
        username = super().clean_username(username, shallow=shallow)
        if shallow:
            if handles.is_reserved_like(username):
                raise self.validation_error("username_blacklisted")
            return username
        handles.ensure_handle_is_distinct(username)
        return username

    def save_user(self, request, user, form, commit=True):
        # The skeleton is set with the handle, never by a save() side effect.
        from . import recovery

        user = super().save_user(request, user, form, commit=False)
        user.handle_skeleton = handles.skeleton(user.handle)
        if commit:
            user.save()
            # Every member gets recovery codes as they join, shown on the next page.
            recovery.keep_to_show(request.session, recovery.issue_codes(member=user))
        return user

    def post_login(self, request, user, *, signup, redirect_url, **kwargs):
        from . import recovery

        recovery.note_sign_in(request.session)
        if signup and recovery.has_codes_to_show(request.session):
            # The new codes come first, then wherever the member was going.
            onward = get_login_redirect_url(request, redirect_url, signup=True)
            query = urlencode({"next": onward})
            redirect_url = f"{reverse('accounts:new_recovery_codes')}?{query}"
        return super().post_login(request, user, signup=signup, redirect_url=redirect_url, **kwargs)
