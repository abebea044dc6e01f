"""The filters of the project list: on `/projekte/` and in the API (`/api/v1/projects/`).
Values are slugs, so that addresses are readable and shareable."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import CityPage, Region
from core.filters import FlagFilter, ListFilterSet, SortFilter
from solutions.models import SolutionPage

from .models import Status, Topic, public_tags


def public_solutions(request):
    """Only solutions the public sees: an unpublished one is as unknown as one never entered."""
    return SolutionPage.objects.live().public().order_by("title")


def public_cities(request):
    """Read per request: a city that is a draft or private is as unknown as one never entered."""
    return CityPage.objects.live().public().order_by("title")


class ProjectFilter(ListFilterSet):
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label=_("All topics"),
    )
    # Typed, not chosen from every tag. One used only on drafts or private pages is as unknown
    # as one never given.
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"),
        queryset=lambda request: public_tags(),
        to_field_name="slug",
        field_name="tagged_items__tag",
        widget=forms.TextInput,
        error_messages={"invalid_choice": _("There is no tag “%(value)s”.")},
    )
    solution = django_filters.ModelChoiceFilter(
        label=_("Solution"),
        queryset=public_solutions,
        to_field_name="slug",
        field_name="solutions",
        empty_label=_("All solutions"),
    )
    city = django_filters.ModelChoiceFilter(
        label=_("City"),
        queryset=public_cities,
        to_field_name="slug",
        method="filter_city",
        empty_label=_("All cities"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        choices=Region.choices,
        field_name="lead_city__region",
        empty_label=_("All regions"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Any status")
    )
    reusable = FlagFilter(label=_("Reusable by other cities"), method="filter_reusable")
    algorithmic = FlagFilter(
        label=_("Uses an algorithmic system"), field_name="uses_algorithmic_system"
    )
    sort = SortFilter(
        label=_("Sort by"),
        orders={
            "newest": (_("Newest"), ("-first_published_at", "title")),
            "updated": (_("Recently updated"), ("-last_published_at", "title")),
            "title": (_("Title"), ("title",)),
        },
    )

    help_texts = {
        "topic": _("Topic (slug)."),
        "tag": _("Tag (slug)."),
        "solution": _("Solution (slug): projects that use it."),
        "city": _("City (slug): projects it leads or takes part in."),
        "region": _("Region."),
        "status": _("Status."),
        "reusable": _("true or false."),
        "algorithmic": _("true or false."),
    }

    def filter_city(self, queryset, name, city):
        return queryset.for_city(city)

    def filter_reusable(self, queryset, name, value):
        reusable = queryset.reusable()
        return reusable if value == "true" else queryset.exclude(pk__in=reusable.values("pk"))
