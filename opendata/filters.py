"""Filters of the API. Unknown parameters and unknown values answer 400 with the reason: a typo
must not silently return the whole catalogue."""

import django_filters

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import CityPage, Region
from core import catalogue
from core.validation import parse_moment
from events.models import EventPage, EventStatus
from projects.models import ProjectPage, Status, Topic, public_tags

from .models import Removal

BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


class ChangedSinceField(forms.CharField):
    """A date (YYYY-MM-DD, midnight in Berlin) or an ISO 8601 date and time."""

    def to_python(self, value):
        value = super().to_python(value)
        return parse_moment(value) if value else None


class ChangedSinceFilter(django_filters.Filter):
    field_class = ChangedSinceField

    def __init__(self, field_name="last_published_at", **kwargs):
        super().__init__(field_name=field_name, lookup_expr="gte", **kwargs)


def _slug_choice(queryset, label, **kwargs):
    return django_filters.ModelChoiceFilter(
        queryset=queryset, to_field_name="slug", label=label, **kwargs
    )


class PageFilter(django_filters.FilterSet):
    """Every published page can be harvested incrementally."""

    changed_since = ChangedSinceFilter(label=_("Changed at or after this date or time (ISO 8601)."))


def public_cities(request=None):
    """A city that is a draft or private is as unknown as one never entered."""
    return CityPage.objects.live().public()


class ProjectFilter(PageFilter):
    city = _slug_choice(
        public_cities,
        _("City (slug): projects it leads or takes part in."),
        method="filter_city",
    )
    topic = _slug_choice(Topic.objects.all(), _("Topic (slug)."), field_name="topics")
    # A tag used only on drafts or private pages is as unknown as one never given.
    tag = _slug_choice(
        lambda request: public_tags(), _("Tag (slug)."), field_name="tagged_items__tag"
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status."))
    reusable = django_filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES, method="filter_reusable", label=_("true or false.")
    )

    class Meta:
        model = ProjectPage
        fields = ["city", "topic", "tag", "status", "reusable", "changed_since"]

    def filter_city(self, queryset, name, city):
        return queryset.for_city(city)

    def filter_reusable(self, queryset, name, value):
        reusable = queryset.reusable()
        return reusable if value == "true" else queryset.exclude(pk__in=reusable.values("pk"))


class CityFilter(PageFilter):
    region = django_filters.ChoiceFilter(choices=Region.choices, label=_("Region."))

    class Meta:
        model = CityPage
        fields = ["region", "changed_since"]


class EventFilter(PageFilter):
    city = _slug_choice(public_cities, _("Host city (slug)."), field_name="host_city")
    status = django_filters.ChoiceFilter(choices=EventStatus.choices, label=_("Status."))
    upcoming = django_filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES, method="filter_upcoming", label=_("true: only future meetings.")
    )

    class Meta:
        model = EventPage
        fields = ["city", "status", "upcoming", "changed_since"]

    def filter_upcoming(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter(end__gte=now) if value == "true" else queryset.filter(end__lt=now)


class RemovalFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        field_name="kind", choices=catalogue.kind_choices, label=_("project, city or event.")
    )
    # The same name as on the other resources: a harvester asks both with one timestamp.
    changed_since = ChangedSinceFilter(
        field_name="removed_at", label=_("Removed at or after this date or time (ISO 8601).")
    )

    class Meta:
        model = Removal
        fields = ["type", "changed_since"]
