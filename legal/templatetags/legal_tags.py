from django import template

from core import public_cache
from legal.models import accessibility_report_url, footer_links

register = template.Library()


@register.simple_tag
def legal_links():
    """The footer's links to the legal pages: read once per version of what the public sees
    (publishing, unpublishing, moving, renaming or restricting a page starts a new one), so
    that every other view of any page costs a cache read and no query."""
    return public_cache.cached("legal-links", footer_links)


@register.simple_tag
def barrier_report_url():
    """The start of the footer's link „Barriere auf dieser Seite melden“ (the page's address
    follows), cached like the legal links; "" while no accessibility statement is live."""
    return public_cache.cached("legal-barrier-report", accessibility_report_url)
