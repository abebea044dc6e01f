from django import template

from core.visibility import document_visible

register = template.Library()


@register.filter
def visible_to(document, request):
    """`{% if value.document|visible_to:request %}`: hide links to documents of collections
    the visitor may not open."""
    return document_visible(document, request)
