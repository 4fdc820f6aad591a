"""Site policy for accounts, kept in allauth's adapter rather than forked views."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import truncate_ip
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


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

    def populate_username(self, request, user):
        # The handle is typed by the person; never derive one from an email
        # address, which could reveal who they are.
        return None

    def get_client_ip(self, request):
        # allauth counts sign-in attempts per address, in the cache. The count
        # is kept under a keyed digest of the address (an IPv6 one cut to its
        # network first, as allauth does), so no IP address is stored there.
        address = truncate_ip(super().get_client_ip(request))
        return salted_hmac("accounts.rate-limit-address", address).hexdigest()[:32]
