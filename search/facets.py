"""Facet values with labels and links that add or remove them (so facets work without JS)."""

from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from cities.models import CityPage, Region
from events.models import EventStatus
from projects.models import Status, Topic

LABELS = {
    "type": _("Type"),
    "city": _("City"),
    "region": _("Region"),
    "topic": _("Topic"),
    "tag": _("Tag"),
    "status": _("Status"),
    "year": _("Year"),
}
TYPE_NAMES = {"project": _("Projects"), "event": _("Meetings"), "city": _("Cities")}


def _names(name, values):
    if name == "type":
        return TYPE_NAMES
    if name == "region":
        return dict(Region.choices)
    if name == "status":
        return {**dict(EventStatus.choices), **dict(Status.choices)}
    if name == "city":
        return dict(CityPage.objects.filter(slug__in=values).values_list("slug", "title"))
    if name == "topic":
        return dict(Topic.objects.filter(slug__in=values).values_list("slug", "name"))
    if name == "tag":
        return dict(Tag.objects.filter(slug__in=values).values_list("slug", "name"))
    return {}


def facet_groups(facets, active, params):
    groups = []
    for name, buckets in facets.items():
        if not buckets and name not in active:
            continue
        names = _names(name, [value for value, _count in buckets])
        items = []
        for value, count in buckets:
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
