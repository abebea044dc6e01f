"""The filters of the meetings: on `/termine/` and in the API (`/api/v1/events/`)."""

import django_filters

from django.utils import timezone
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from cities.models import CityPage
from core.filters import FlagFilter, ListFilterSet

from .models import EventPage, EventStatus, Format


def public_cities(request):
    """Read per request: a city that is a draft or private is as unknown as one never entered."""
    return CityPage.objects.live().public()


class EventFilter(ListFilterSet):
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=Format.choices, empty_label=_("All formats")
    )
    city = django_filters.ModelChoiceFilter(
        label=_("Host city"),
        queryset=public_cities,
        to_field_name="slug",
        field_name="host_city",
        empty_label=_("All host cities"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EventStatus.choices, empty_label=_("Any status")
    )
    upcoming = FlagFilter(label=_("Upcoming meetings"), method="filter_upcoming")

    help_texts = {
        "city": _("Host city (slug)."),
        "status": _("Status."),
        "upcoming": _("true: only future meetings."),
    }

    @property
    def form(self):
        form = super().form
        city = form.fields["city"]
        # The page offers the cities that host a public meeting; any public city is a valid
        # value (the API asks for any).
        city.widget.choices = CallableChoiceIterator(
            lambda: [("", city.empty_label), *host_cities().values_list("slug", "title")]
        )
        return form

    def filter_upcoming(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(end__gte=now) if value == "true" else queryset.filter(end__lt=now)


def host_cities():
    meetings = EventPage.objects.live().public()
    return (
        CityPage.objects.live()
        .public()
        .filter(hosted_events__in=meetings)
        .distinct()
        .order_by("title")
    )
