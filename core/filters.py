"""What the catalogue's lists share in their FilterSets (django-filter), which filter both an
index page (`/projekte/`) and the API (`/api/v1/projects/`): an unknown value is named in a
400 answer, never ignored; yes/no filters that a checkbox and the API both set; a page's order.
"""

from urllib.parse import urlencode

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

UNKNOWN_VALUE = _("“%(value)s” is not a known value for this filter.")


class FlagInput(forms.CheckboxInput):
    """A checkbox that passes on what was sent, so that a value a checkbox never sends is
    refused instead of being read as yes. Without a value attribute: a ticked box sends "on"."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: value in FlagField.YES)

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def format_value(self, value):
        return None


class FlagField(forms.ChoiceField):
    YES = ("true", "on")  # "on": what a ticked checkbox sends

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", FlagInput)
        super().__init__(choices=[("", ""), ("true", _("yes")), ("false", _("no"))], **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return "true" if value in self.YES else value


class FlagFilter(django_filters.Filter):
    """Yes or no: "true" (or "on", from a ticked checkbox) or "false"; nothing: either. A
    `method` gets "true" or "false"."""

    field_class = FlagField

    def filter(self, qs, value):
        if value in ("", None):
            return qs
        return super().filter(qs, value == "true")


class SortFilter(django_filters.ChoiceFilter):
    """Orders the list instead of narrowing it: `orders` maps each value to its label and its
    fields, the first is the default. Not among the filters in use that a page names, and left
    out of the API, which keeps its order by id so that paging through it is stable."""

    def __init__(self, orders, **kwargs):
        self.orders = orders
        choices = [(value, label) for value, (label, _fields) in orders.items()]
        super().__init__(choices=choices, empty_label=None, **kwargs)

    def filter(self, qs, value):
        _label, fields = self.orders[value or next(iter(self.orders))]
        return qs.order_by(*fields)


class ListFilterSet(django_filters.FilterSet):
    """The filters of one list of the catalogue. Registered with its catalogue type
    (`core.catalogue`), from where its index page and the API take it."""

    # What the API's documentation (/daten/) says of a filter, where its label is not enough.
    help_texts = {}

    def get_form_class(self):
        form_class = super().get_form_class()
        for name, field in form_class.base_fields.items():
            own = self.filters[name].extra.get("error_messages", {})
            if "invalid_choice" in field.error_messages and "invalid_choice" not in own:
                field.error_messages["invalid_choice"] = UNKNOWN_VALUE
        return form_class

    def active_filters(self):
        """(label, value) of the filters in use, to tell the reader what they see."""
        active = []
        for name, filter_ in self.filters.items():
            value = self.form.cleaned_data.get(name)
            if not value or isinstance(filter_, SortFilter):
                continue
            field = self.form.fields[name]
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                value = dict(field.choices).get(value, value)
            active.append((field.label, value))
        return active

    def querystring(self, **values):
        """The filters as sent, as a query string (without the page number); `values` replace
        or add filters (`querystring(city="koeln")`: the same list narrowed to one city)."""
        sent = dict(self.data.items()) if self.is_bound else {}
        sent.update(values)
        return urlencode([(k, v) for k, v in sent.items() if k in self.filters and v])
