from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Flag


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What's wrong?"), choices=Flag.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything moderators should know"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. The author never learns who flagged their post."),
    )
