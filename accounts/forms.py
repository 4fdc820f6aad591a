"""allauth's forms, worded for this forum: a handle, not a username or a name."""

from allauth.account import fields as allauth_fields
from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


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


def _warning_choices():
    from forum.models import CONTENT_WARNINGS

    return CONTENT_WARNINGS


class ProfileForm(forms.Form):
    # Checked by accounts.services, which says what to change.
    handle = forms.CharField(
        label=_("Handle"),
        required=False,
        # Required all the same: the page must not call it optional.
        widget=forms.TextInput(attrs={"required": True}),
        help_text=_("Your public name. Changing it changes it on your past signed posts too."),
    )
    anonymous_by_default = forms.BooleanField(
        label=_("Start every post as anonymous"),
        required=False,
        help_text=_("You can still untick “Post anonymously” on any post."),
    )
    lived_experience = forms.BooleanField(
        label=_("Show a “Lived experience” badge on my signed posts"),
        required=False,
        help_text=_("Optional and self-declared. It never shows on anonymous posts."),
    )
    unfold_warnings = forms.MultipleChoiceField(
        label=_("Always open posts with these content warnings"),
        choices=_warning_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    theme = forms.ChoiceField(
        label=_("Colours"),
        choices=User.Theme.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Dark is easier on the eyes at night. “The same as my device” follows it."),
    )


class DeleteAccountForm(forms.Form):
    KEEP = "keep"
    REMOVE = "remove"
    posts = forms.ChoiceField(
        label=_("Your posts"),
        widget=forms.RadioSelect,
        choices=[
            (KEEP, _("Keep them, signed “Deleted member” (anonymous ones stay anonymous)")),
            (REMOVE, _("Remove their words; a short note keeps replies in context")),
        ],
        initial=KEEP,
    )
    password = forms.CharField(
        label=_("Your password, to confirm"), widget=forms.PasswordInput, strip=False
    )

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise forms.ValidationError(_("That password doesn't match. Please try again."))
        return password


class PractitionerRequestForm(forms.Form):
    # Checked by accounts.services, which says what is missing.
    role_title = forms.CharField(
        label=_("Your role"),
        required=False,
        help_text=_("For example: drug worker, nurse, peer worker, pharmacist."),
    )
    organisation = forms.CharField(label=_("Organisation or service"), required=False)
    how = forms.CharField(
        label=_("How you work with people who use drugs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only moderators read this."),
    )


class UseRecoveryCodeForm(forms.Form):
    """Handle, one recovery code and a new password twice. Checked by accounts.recovery."""

    handle = forms.CharField(
        label=_("Handle"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=40,
        help_text=_(
            "One of the codes you saved when you joined, like 7K2M-QX9D-4HRT. "
            "Capitals, spaces and dashes don't matter."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )
    password1 = allauth_fields.SetPasswordField(label=_("New password"))
    password2 = allauth_fields.PasswordField(
        label=_("New password again"), autocomplete="new-password"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords don't match. Please type them again."))
        return cleaned
