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
    Facet("reusable", _("Reusable"), "reusable"),
)
FACET_NAMES = tuple(facet.name for facet in FACETS)
LABELS = {facet.name: facet.label for facet in FACETS}


def type_choices():
    """(kind, label) of the catalogue's types: the values of the `type` facet."""
    return [(t.kind, t.label) for t in catalogue.types()]


def status_names():
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
        return status_names()
    if name == "reusable":
        return {"yes": _("yes"), "no": _("no")}
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


def _values(value):
    return [str(one) for one in (value if isinstance(value, list | tuple) else [value])]


# Facets whose values are pages that may be unpublished while projects still name them: a
# value without a public name is not offered (its address must not leak).
NAMED_ONLY = ("solution",)


def facet_groups(facets, active, params, typed=None, query=None):
    """`typed`: the typed filters by facet ({facet: [(term, value, label)]}, see SearchForm)
    of `query`. A facet set by a typed filter is changed in the query's text: its selected
    value's link removes the filter from the text, another value's link removes it and
    selects that value as a parameter."""
    typed = typed or {}
    groups = []
    for name, buckets in facets.items():
        if not buckets and name not in active:
            continue
        names = _names(name, [value for value, _count in buckets])
        selected_values = _values(active[name]) if name in active else []
        items = []
        for value, count in buckets:
            if name in NAMED_ONLY and value not in names:
                continue
            selected = str(value) in selected_values
            url = params.copy()
            url.pop("page", None)
            if name in typed:
                removed = [t for t, v, _l in typed[name] if not selected or str(v) == str(value)]
                url["q"] = query.without(*removed)
            if selected:
                url.pop(name, None)
            else:
                url[name] = value
            items.append(
                {
                    "value": value,
                    "label": names.get(value, value),
                    "count": count,
                    "selected": selected,
                    "url": "?" + url.urlencode(),
                }
            )
        groups.append({"name": name, "label": LABELS[name], "items": items})
    return groups


def typed_chips(typed, query, params):
    """The typed filters as chips, each a link to the search without it."""
    chips = []
    for name, entries in typed.items():
        shown = {}
        for term, value, label in entries:
            shown.setdefault(value, (label, []))[1].append(term)
        for label, terms in shown.values():
            url = params.copy()
            url.pop("page", None)
            url["q"] = query.without(*terms)
            chips.append({"label": f"{LABELS[name]}: {label}", "url": "?" + url.urlencode()})
    return chips
