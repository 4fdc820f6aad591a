from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Flag, SupportPanel, WatchedWord


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


class WatchedWordForm(forms.ModelForm):
    class Meta:
        model = WatchedWord
        fields = ["term", "is_pattern", "action", "replacement", "note"]

    def clean(self):
        data = super().clean()
        if data.get("is_pattern") and data.get("term"):
            # Patterns run on RE2 (linear time); what it cannot run is refused here.
            from .watched import PatternRefused, compile_pattern

            try:
                compile_pattern(data["term"])
            except PatternRefused as refusal:
                self.add_error("term", str(refusal))
        if data.get("action") == WatchedWord.Action.REPLACE and not data.get("replacement"):
            self.add_error("replacement", _("Please give the words to put in its place."))
        return data


class SampleForm(forms.Form):
    sample = forms.CharField(
        label=_("Try it on some text"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nothing typed here is saved."),
    )


class SupportPanelForm(forms.ModelForm):
    class Meta:
        model = SupportPanel
        fields = ["emergency", "overdose", "helplines", "talking"]
