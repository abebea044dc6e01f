from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import CityPage, Region

from .models import Status, Topic, public_tags


class ProjectFilterForm(forms.Form):
    """The `/projekte/` filters. Values are slugs so that URLs are readable and shareable."""

    SORTS = {
        "newest": ("-first_published_at", "title"),
        "updated": ("-last_published_at", "title"),
        "title": ("title",),
    }

    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
    tag = forms.SlugField(label=_("Tag"), required=False, allow_unicode=True)
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=CityPage.objects.none(),  # set per request: see __init__
        to_field_name="slug",
        empty_label=_("All cities"),
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices]
    )
    reusable = forms.BooleanField(label=_("Reusable by other cities"), required=False)
    algorithmic = forms.BooleanField(label=_("Uses an algorithmic system"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("newest", _("Newest")),
            ("updated", _("Recently updated")),
            ("title", _("Title")),
        ],
    )

    error_messages = {
        "invalid_choice": _("“%(value)s” is not a known value for this filter."),
    }

    def __init__(self, data=None, *args, **kwargs):
        # Pagination is not a filter: leave it out so a page link keeps the filters.
        if data is not None:
            data = data.copy()
            data.pop("page", None)
        super().__init__(data, *args, **kwargs)
        # Per request: which pages are private is read from the database when the query is
        # built, and a private or draft city is as unknown as one never entered.
        self.fields["city"].queryset = CityPage.objects.live().public().order_by("title")
        for field in self.fields.values():
            if hasattr(field, "error_messages"):
                field.error_messages["invalid_choice"] = self.error_messages["invalid_choice"]

    def clean_tag(self):
        slug = self.cleaned_data["tag"]
        if not slug:
            return None
        tag = public_tags().filter(slug=slug).first()
        if tag is None:
            raise forms.ValidationError(
                _("There is no tag “%(value)s”."), code="unknown_tag", params={"value": slug}
            )
        return tag

    def filter(self, projects):
        data = self.cleaned_data
        if data.get("topic"):
            projects = projects.filter(topics=data["topic"])
        if data.get("tag"):
            projects = projects.filter(tagged_items__tag=data["tag"])
        if data.get("city"):
            projects = projects.for_city(data["city"])
        if data.get("region"):
            projects = projects.filter(lead_city__region=data["region"])
        if data.get("status"):
            projects = projects.filter(status=data["status"])
        if data.get("reusable"):
            projects = projects.reusable()
        if data.get("algorithmic"):
            projects = projects.filter(uses_algorithmic_system=True)
        return projects.order_by(*self.SORTS[data.get("sort") or "newest"])

    def active_filters(self):
        """(label, value) pairs for the filters in use, to tell the reader what they see."""
        active = []
        for name in ("topic", "tag", "city", "region", "status", "reusable", "algorithmic"):
            value = self.cleaned_data.get(name)
            if not value:
                continue
            field = self.fields[name]
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                value = dict(field.choices).get(value, value)
            elif value is True:
                value = _("yes")
            active.append((field.label, value))
        return active

    def querystring(self):
        """The current filters as a query string (without the page number)."""
        if not self.is_bound:
            return ""
        pairs = [(k, v) for k, v in self.data.items() if k in self.fields and v]
        return urlencode(pairs)
