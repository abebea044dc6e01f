"""Meetings on the pages of the apps below: a project page names the meetings it was presented
at. A template tag, so that the project model need not know the events app above it."""

from django import template

from events.models import EventPage

register = template.Library()


@register.simple_tag
def presented_at(project):
    """Meetings of the working group at which this project was presented."""
    return EventPage.objects.live().public().presenting(project).order_by("-start")
