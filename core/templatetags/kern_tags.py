"""KERN-UX markup for form fields, so that every public form renders its fields alike."""

from django import template

register = template.Library()

# KERN's class for each kind of widget (Django's `BoundField.widget_type`).
WIDGET_CLASSES = {"checkbox": "kern-form-check__checkbox", "select": "kern-form-input__select"}


@register.inclusion_tag("includes/form_field.html")
def kern_field(field):
    """`{% kern_field form.topic %}`: label, hint, widget and error in KERN's classes. Django
    links hint and error to the widget (`aria-describedby` `<id>_helptext`, `<id>_error`)."""
    kind = field.widget_type
    css = WIDGET_CLASSES.get(kind, "kern-form-input__input")
    if field.errors:
        css = f"{css} {css}--error"
    return {"field": field, "kind": kind, "widget": field.as_widget(attrs={"class": css})}
