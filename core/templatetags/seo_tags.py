import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def jsonld(data):
    """schema.org data as a JSON-LD script; <, > and & are escaped as in json_script."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.filter
def call_structured_data(page, request):
    """`{{ page|call_structured_data:request }}`: the page's schema.org data as JSON-LD."""
    return jsonld(page.structured_data(request))
