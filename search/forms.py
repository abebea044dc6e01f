from django import forms
from django.utils.translation import gettext_lazy as _

from core.validation import EARLIEST_YEAR, LATEST_YEAR

from .backends import MAX_RESULTS, PER_PAGE, SearchRequest
from .facets import FACET_NAMES, type_choices
from .prefixes import Names, Problem
from .query import MAX_QUERY_LENGTH, PREFIX, QueryError, clean_text, parse, plain_text

# Facets a page has several values of: typed twice (`#KI #Chatbot`), both must hold.
MULTI_VALUED = ("topic", "tag")


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
    reusable = forms.ChoiceField(
        required=False, choices=[("", ""), ("yes", _("yes")), ("no", _("no"))]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = Names()
        # Typed filters: {facet: [(term, value, label)]}, and those that name nothing.
        self.typed = {}
        self.problems = []

    def clean_q(self):
        try:
            return parse(self.cleaned_data["q"], value_length=self.names.value_length)
        except QueryError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        """Typed filters to facet values. A value in the wrong form (Jahr: abc) is an error
        of the query; a name the public does not know (Thema: Mobilitaet2) is a `problem`
        that the page explains, with the name meant if there is one."""
        cleaned = super().clean()
        query = cleaned.get("q")
        if query is None:
            return cleaned
        for term in query.terms:
            resolved = self.names.resolve(term)
            if isinstance(resolved, Problem):
                if resolved.malformed:
                    self.add_error("q", resolved.message)
                else:
                    self.problems.append(resolved)
                continue
            value, label = resolved
            seen = self.typed.setdefault(term.facet, [])
            if any(value == other for _t, other, _l in seen):
                seen.append((term, value, label))  # the same twice: no harm
                continue
            if seen and term.facet not in MULTI_VALUED:
                self.add_error(
                    "q",
                    _("“%(prefix)s” can be given once per search.") % {"prefix": term.label},
                )
                continue
            seen.append((term, value, label))
        return cleaned

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
        # A typed filter is the facet's value: it takes the place of the same facet's parameter
        # (the facet links of a typed filter edit the query, so the two do not disagree).
        for facet, typed in self.typed.items():
            values = list(dict.fromkeys(value for _t, value, _l in typed))
            filters[facet] = values if len(values) > 1 else values[0]
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
    dropped (the backend cuts it to its first characters). A typed filter being typed at the
    end („Stadt: Gü“) is completed with the values the public can find."""

    q = forms.CharField(required=False)

    def clean_q(self):
        return clean_text(self.cleaned_data["q"])[:MAX_QUERY_LENGTH]

    def suggestions(self, titles):
        """`titles(text)`: the titles that complete plain text (see search.service)."""
        text = self.cleaned_data["q"]
        names = Names()
        completions = names.completions(text)
        if completions is not None:
            return [
                {"title": full, "value": value, "url": "", "kind": "filter", "city": ""}
                for value, full in completions
            ]
        try:
            # „Ort: Gü“, „Stadt: Köln Chat“ complete „Gü“, „Chat“: filters are no part of a title.
            words = parse(text, value_length=names.value_length).text
        except QueryError:
            words = plain_text(PREFIX.sub("", text))
        return titles(words)
