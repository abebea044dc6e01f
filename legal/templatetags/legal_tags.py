from django import template

from core import public_cache
from legal.models import footer_links

register = template.Library()


@register.simple_tag
def legal_links():
    """The footer's links to the legal pages: read once per version of what the public sees
    (publishing, unpublishing, moving, renaming or restricting a page starts a new one), so
    that every other view of any page costs a cache read and no query."""
    return public_cache.cached("legal-links", footer_links)
