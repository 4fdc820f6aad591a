"""allauth's forms, worded for this forum: a handle, not a username or a name."""

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext_lazy as _


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        handle = self.fields["username"]
        handle.label = _("Handle")
        handle.help_text = _(
            "The name others see. Please don't use your real name unless you want to."
        )
        handle.widget.attrs.pop("placeholder", None)
        email = self.fields.get("email")
        if email is not None:
            email.label = _("Email")
            email.help_text = _(
                "Only used if you forget your password. Without it we cannot help you "
                "back in, so keep your password somewhere safe."
            )
            email.widget.attrs.pop("placeholder", None)
        for name in ("password1", "password2"):
            if name in self.fields:
                self.fields[name].widget.attrs.pop("placeholder", None)
        if "password2" in self.fields:
            self.fields["password2"].label = _("Password again")


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Handle")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
