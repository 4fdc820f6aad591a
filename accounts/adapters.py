"""Site policy for accounts, kept in allauth's adapter rather than forked views."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user):
        # The handle is typed by the person; never derive one from an email
        # address, which could reveal who they are.
        return None

    def get_signup_redirect_url(self, request):
        return self.get_login_redirect_url(request)
