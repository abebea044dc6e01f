from django import forms
from django.utils.translation import gettext_lazy as _

from core.validation import EARLIEST_YEAR, LATEST_YEAR

from .backends import MAX_RESULTS, PER_PAGE, SearchRequest
from .facets import FACET_NAMES, type_choices
from .query import PREFIX, QueryError, parse, plain_text


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=2000)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("relevance", _("Relevance")), ("date", _("Date"))],
    )
    page = forms.IntegerField(required=False, min_value=1)
    # Facet values are free strings: an unknown value finds nothing, which the page says.
    type = forms.ChoiceField(required=False, choices=lambda: [("", ""), *type_choices()])
    city = forms.SlugField(required=False, allow_unicode=True)
    region = forms.SlugField(required=False)
    topic = forms.SlugField(required=False, allow_unicode=True)
    tag = forms.SlugField(required=False, allow_unicode=True)
    solution = forms.SlugField(required=False)
    status = forms.SlugField(required=False)
    year = forms.IntegerField(required=False, min_value=EARLIEST_YEAR, max_value=LATEST_YEAR)

    def clean_q(self):
        try:
            return parse(self.cleaned_data["q"])
        except QueryError as error:
            raise forms.ValidationError(str(error)) from error

    def clean_page(self):
        page = self.cleaned_data.get("page") or 1
        if (page - 1) * PER_PAGE >= MAX_RESULTS:
            raise forms.ValidationError(
                _("Only the first %(max)d results can be shown; please refine your search.")
                % {"max": MAX_RESULTS}
            )
        return page

    def search_request(self):
        data = self.cleaned_data
        filters = {name: data[name] for name in FACET_NAMES if data.get(name) not in (None, "")}
        return SearchRequest(
            query=data["q"],
            filters=filters,
            sort=data.get("sort") or "relevance",
            page=data["page"],
        )


class PeerFinderForm(forms.Form):
    challenge = forms.CharField(
        label=_("Describe your challenge"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=10,
        max_length=5000,
        help_text=_("A few sentences: what problem do you want to solve, for whom, with what?"),
    )


class SuggestionForm(forms.Form):
    """The search box's autocomplete: any text is fine, syntax and control characters are
    dropped (the backend cuts it to its first characters)."""

    q = forms.CharField(required=False)

    def clean_q(self):
        # „Ort: Gü“ completes „Gü“: the scope prefix is no part of a title.
        return plain_text(PREFIX.sub("", self.cleaned_data["q"]))
