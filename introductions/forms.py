from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind


class IntroductionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Your city"), choices=Kind.choices, initial=Kind.WORKING, widget=forms.RadioSelect
    )
    role = forms.CharField(
        label=_("Your role"),
        max_length=120,
        required=False,
        help_text=_("E.g. „Digitalisierungsbeauftragte“; the contact sees it in the e-mail."),
    )
    message = forms.CharField(
        label=_("Short message (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At most 1,000 characters. Only the contact receives it."),
    )
