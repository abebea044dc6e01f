from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import CityPage

from .models import Format


class EventFilterForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *Format.choices]
    )
    city = forms.ModelChoiceField(
        label=_("Host city"),
        required=False,
        queryset=CityPage.objects.live()
        .filter(hosted_events__isnull=False)
        .distinct()
        .order_by("title"),
        to_field_name="slug",
        empty_label=_("All host cities"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _(
                "“%(value)s” is not a known value for this filter."
            )

    def filter(self, events):
        if self.cleaned_data.get("format"):
            events = events.filter(format=self.cleaned_data["format"])
        if self.cleaned_data.get("city"):
            events = events.hosted_by(self.cleaned_data["city"])
        return events
