from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

BODY_HELP = _(
    "You can use Markdown: *italic*, **bold**, > quotes, lists and links. "
    "Images show as links, so no other site learns who is reading."
)


# Read by static/js/composer.js: where to ask about wording, and what to say.
LANGUAGE_CHECK_ATTRS = {
    "data-language-check": reverse_lazy("moderation:check_language"),
    "data-text-title": _("Words to look at again"),
    "data-text-replace": _("Replace with:"),
    "data-text-high": _("is a slur. Posts with it wait for a moderator."),
    "data-text-medium": _("labels people. Many here find it hurtful."),
    "data-text-low": _("is debated. Some people prefer other words."),
}


class BodyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your message"))
        kwargs.setdefault("help_text", BODY_HELP)
        # No maxlength attribute: a browser would silently cut pasted text.
        # The length is checked on the server, which keeps the text.
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8, "required": True}))
        kwargs["widget"].attrs.update(LANGUAGE_CHECK_ATTRS)
        super().__init__(**_checked_by_service(kwargs))
        # Tells _field.html to wrap the textarea for the composer's underlines.
        self.language_check = True


def _checked_by_service(kwargs: dict) -> dict:
    # forum.services checks emptiness and length, with one wording for every
    # way of posting; the form only collects the text, exactly as typed.
    kwargs["required"] = False
    kwargs["strip"] = False
    return kwargs


class TitleField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Title"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"required": True}))
        super().__init__(**_checked_by_service(kwargs))


def anonymous_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Post anonymously"),
        required=False,
        help_text=_("Others see “Anonymous”. Only moderators can see who wrote it."),
    )


def warnings_field() -> forms.MultipleChoiceField:
    from .models import CONTENT_WARNINGS

    return forms.MultipleChoiceField(
        label=_("Content warnings"),
        choices=CONTENT_WARNINGS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Readers see these labels first and open your words when they are ready."),
    )


class ThreadForm(forms.Form):
    title = TitleField()
    body = BodyField()
    content_warnings = warnings_field()
    anonymous = anonymous_field()


class ReplyForm(forms.Form):
    body = BodyField(label=_("Your reply"))
    content_warnings = warnings_field()
    anonymous = anonymous_field()
    # The post answered: checked by forum.replies, so a number that isn't one
    # the member may answer is ignored rather than refused.
    reply_to = forms.CharField(required=False, widget=forms.HiddenInput)


class EditPostForm(forms.Form):
    title = TitleField()
    body = BodyField()

    def __init__(self, *args, with_title: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class PromptForm(forms.Form):
    question = forms.CharField(label=_("Question"))
    framing = forms.CharField(
        label=_("Why we ask"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few plain, kind words shown under the question."),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=None, help_text=_("Where the answers live.")
    )
    starts_at = forms.DateTimeField(
        label=_("Featured from"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("Leave empty to keep it unscheduled for now."),
    )
    ends_at = forms.DateTimeField(
        label=_("Featured until"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("Optional. With nothing else scheduled after it, it stays featured anyway."),
    )

    def __init__(self, *args, **kwargs):
        from .models import Category

        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.all()


class SuggestPromptForm(forms.Form):
    question = forms.CharField(label=_("Your question"))
    framing = forms.CharField(
        label=_("Why ask it?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: a few words on why this matters to you."),
    )


class DeclineForm(forms.Form):
    # Checked by forum.prompts, which says what to write.
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        help_text=_("The member will see this. Please keep it kind and short."),
    )


def add_errors(form, error) -> None:
    """Show a service's ValidationError on the form, under the fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
