"""The two public forms that send e-mail: contact and „Barriere melden“.

Plain Django forms and not Wagtail's form builder: its pages store every submission, and these
must store nothing beyond the e-mail they send."""

from django import forms
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX_LENGTH = 5000


def one_line(text):
    """Line breaks and runs of spaces become one space: the text may go into a mail header."""
    return " ".join(text.split())


class MessageForm(forms.Form):
    """A trap field for bots that fill in every field they find: people do not see it (the
    stylesheet hides it, its label says to leave it empty), so a value in it means a bot, whose
    message is not sent. No third-party CAPTCHA: that would send visitors' data elsewhere."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]


class ContactForm(MessageForm):
    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("So that we can answer you."),
        error_messages={
            "required": _("Please enter your e-mail address, so that we can answer you."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=150,
        error_messages={"required": _("Please enter a subject.")},
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Please write your message.")},
    )
    field_order = ["name", "email", "subject", "message", "website"]

    def clean_subject(self):
        return one_line(self.cleaned_data["subject"])


class BarrierReportForm(MessageForm):
    location = forms.CharField(
        label=_("Where did you meet the barrier? (optional)"),
        help_text=_("The address or the title of the page."),
        required=False,
        max_length=500,
    )
    description = forms.CharField(
        label=_("What is the barrier?"),
        help_text=_(
            "What did you want to do, and what did not work? If you like, tell us which "
            "browser or assistive technology you use."
        ),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Please describe the barrier.")},
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        help_text=_("If you would like an answer. You will also get a confirmation."),
        required=False,
        error_messages={
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["location", "description", "name", "email", "website"]

    def clean_location(self):
        return one_line(self.cleaned_data["location"])
