"""The search facets, and their values with labels and links that add or remove them (so
facets work without JS)."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from cities.models import CityPage, Region
from core import catalogue
from projects.models import Topic
from solutions.models import SolutionPage


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter
    label: str
    field: str  # the engine document's field; on the database see `PageDocument.facet_lookups`


# Every facet, in the order the page shows them: the one list both backends and the form read.
FACETS = (
    Facet("type", _("Type"), "doc_type"),
    Facet("city", _("City"), "city"),
    Facet("region", _("Region"), "region"),
    Facet("topic", _("Topic"), "topics"),
    Facet("tag", _("Tag"), "tags"),
    Facet("solution", _("Solution"), "solutions"),
    Facet("status", _("Status"), "status"),
    Facet("year", _("Year"), "year"),
)
FACET_NAMES = tuple(facet.name for facet in FACETS)
LABELS = {facet.name: facet.label for facet in FACETS}


def type_choices():
    """(kind, label) of the catalogue's types: the values of the `type` facet."""
    return [(t.kind, t.label) for t in catalogue.types()]


def _status_names():
    """Each type's own statuses (a meeting's, a project's); a type without status has none."""
    names = {}
    for model in catalogue.models():
        try:
            names.update(model._meta.get_field("status").choices or ())
        except FieldDoesNotExist:
            continue
    return names


def _names(name, values):
    if name == "type":
        return dict(type_choices())
    if name == "region":
        return dict(Region.choices)
    if name == "status":
        return _status_names()
    if name == "city":
        return dict(CityPage.objects.filter(slug__in=values).values_list("slug", "title"))
    if name == "topic":
        return dict(Topic.objects.filter(slug__in=values).values_list("slug", "name"))
    if name == "tag":
        return dict(Tag.objects.filter(slug__in=values).values_list("slug", "name"))
    if name == "solution":
        return dict(
            SolutionPage.objects.live()
            .public()
            .filter(slug__in=values)
            .values_list("slug", "title")
        )
    return {}


# Facets whose values are pages that may be unpublished while projects still name them: a
# value without a public name is not offered (its address must not leak).
NAMED_ONLY = ("solution",)


def facet_groups(facets, active, params):
    groups = []
    for name, buckets in facets.items():
        if not buckets and name not in active:
            continue
        names = _names(name, [value for value, _count in buckets])
        items = []
        for value, count in buckets:
            if name in NAMED_ONLY and value not in names:
                continue
            selected = str(active.get(name)) == str(value)
            query = params.copy()
            query.pop("page", None)
            if selected:
                query.pop(name, None)
            else:
                query[name] = value
            items.append(
                {
                    "value": value,
                    "label": names.get(value, value),
                    "count": count,
                    "selected": selected,
                    "url": "?" + query.urlencode(),
                }
            )
        groups.append({"name": name, "label": LABELS[name], "items": items})
    return groups
