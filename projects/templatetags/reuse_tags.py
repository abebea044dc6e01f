"""What a city shares and reuses, for its page: the cities app stands below projects, so its
page reaches the reuse relations through this tag (like `similar_cities` from search)."""

from django import template
from django.contrib.auth.models import AnonymousUser

from ..models import ProjectReuse

register = template.Library()


@register.simple_tag(takes_context=True)
def city_reuse(context, city):
    """{"shares": relations where another city reuses one of the city's projects, "reuses":
    where the city reuses another's; the requested ones for members only; "solutions": the
    published solutions that come from the city. A fixed number of queries."""
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    relations = ProjectReuse.objects.visible_to(user).for_display()
    return {
        "shares": list(relations.filter(origin__lead_city=city).exclude(adopter__lead_city=city)),
        "reuses": list(relations.filter(adopter__lead_city=city).exclude(origin__lead_city=city)),
        "solutions": list(city.originated_solutions.live().public().order_by("title")),
    }
