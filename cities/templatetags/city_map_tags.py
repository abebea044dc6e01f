"""Where the map's outline comes from, for pages outside the cities app (`/daten/`)."""

from django import template

from cities.map import ATTRIBUTION

register = template.Library()


@register.simple_tag
def map_attribution():
    return ATTRIBUTION
