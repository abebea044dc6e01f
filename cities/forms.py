from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Region


class CityFilterForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions")), *Region.choices],
    )
