"""Peers on the pages of other apps: a city page shows similar cities, a project page similar
projects. Template tags, so that the page models need not know the search app above them."""

from django import template

from search import service

register = template.Library()


@register.simple_tag
def similar_cities(city):
    return service.similar_cities(city)


@register.simple_tag
def similar_projects(project):
    return service.similar_projects(project)
