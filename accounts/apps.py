from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A sign-in that ends (sign-out, a new password) ends its open sockets too.
        from allauth.account import signals as allauth_signals
        from django.contrib.auth import signals

        from . import sockets

        def signed_out(sender, request, user, **kwargs):
            if user is not None:
                session = getattr(request, "session", None)
                sockets.recheck_sockets(
                    user.pk, ended_session=getattr(session, "session_key", None)
                )

        def password_changed(sender, request, user, **kwargs):
            sockets.recheck_sockets(user.pk)

        signals.user_logged_out.connect(signed_out, weak=False, dispatch_uid="sockets-signed-out")
        for signal in (
            allauth_signals.password_changed,
            allauth_signals.password_set,
            allauth_signals.password_reset,
        ):
            signal.connect(password_changed, weak=False, dispatch_uid=f"sockets-{id(signal)}")
