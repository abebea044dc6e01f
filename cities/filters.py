"""The filter of the city list: on `/staedte/` and in the API (`/api/v1/cities/`)."""

import django_filters

from django.utils.translation import gettext_lazy as _

from core.filters import ListFilterSet

from .models import Region


class CityFilter(ListFilterSet):
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=Region.choices, empty_label=_("All regions")
    )

    help_texts = {"region": _("Region.")}
