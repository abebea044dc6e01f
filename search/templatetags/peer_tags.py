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


def _kept(context, name, page, compute):
    request = context.get("request")
    if page.pk is None or getattr(request, "is_preview", False):
        return compute(page)  # a draft in preview: its own topics and text, never kept
    key = f"{name}:{settings.SEARCH_ENGINE}:{page.pk}"
    try:
        return public_cache.cached(key, lambda: compute(page, fallback=False))
    except EngineUnavailable:
        return compute(page)


@register.simple_tag(takes_context=True)
def similar_cities(context, city):
    return _kept(context, "similar-cities", city, service.similar_cities)


@register.simple_tag(takes_context=True)
def similar_projects(context, project):
    return _kept(context, "similar-projects", project, service.similar_projects)
