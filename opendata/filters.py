"""Filters of the API: each catalogue type's list filters (its FilterSet, shared with its index
page) and the removals' filters. Unknown parameters and unknown values answer 400 with the
reason: a typo must not silently return the whole catalogue."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from core import catalogue
from core.filters import SortFilter
from core.validation import parse_moment

from .models import Removal


class ChangedSinceField(forms.CharField):
    """A date (YYYY-MM-DD, midnight in Berlin) or an ISO 8601 date and time."""

    def to_python(self, value):
        value = super().to_python(value)
        return parse_moment(value) if value else None


class ChangedSinceFilter(django_filters.Filter):
    field_class = ChangedSinceField

    def __init__(self, field_name="last_published_at", **kwargs):
        super().__init__(field_name=field_name, lookup_expr="gte", **kwargs)


def harvest_filterset(catalogue_type):
    """The API's filters of a catalogue type: its list's own FilterSet, as on its index page,
    with `changed_since` for incremental harvesting and without the page's sort order (the
    API keeps its order by id, so that paging through it is stable)."""
    own = catalogue_type.filterset
    page_only = {name: None for name, f in own.base_filters.items() if isinstance(f, SortFilter)}
    changed_since = ChangedSinceFilter(label=_("Changed at or after this date or time (ISO 8601)."))
    attrs = {"changed_since": changed_since, **page_only}
    return type(own)(f"Harvest{own.__name__}", (own,), attrs)


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
