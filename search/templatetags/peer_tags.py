"""Peers on the pages of other apps: a city page shows similar cities, a project page similar
projects. Template tags, so that the page models need not know the search app above them.

Peers are public pages only, the same for every visitor: they are kept until what the public
sees changes (core.public_cache). Not an answer the database gave in place of an engine that
was away: that would stay until the next publish."""

from django import template
from django.conf import settings

from core import public_cache
from search import service
from search.backends import EngineUnavailable

register = template.Library()


def _kept(name, page, compute):
    key = f"{name}:{settings.SEARCH_ENGINE}:{page.pk}"
    try:
        return public_cache.cached(key, lambda: compute(page, fallback=False))
    except EngineUnavailable:
        return compute(page)


@register.simple_tag
def similar_cities(city):
    return _kept("similar-cities", city, service.similar_cities)


@register.simple_tag
def similar_projects(project):
    return _kept("similar-projects", project, service.similar_projects)
