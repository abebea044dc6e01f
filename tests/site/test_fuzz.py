"""Fuzz test: no GET of a public address answers 5xx, whatever its path and query string hold.

What is fuzzed is read from the code, so that a new route, filter or form field is covered without
touching this file:

- every route of the URLconf outside the admin: its path parameters are generated from the
  route's own pattern, so they reach the view;
- the API: each viewset's filterset and paging parameters;
- every page type of the site (one live page of each) and its routable sub-pages;
- the query parameters a view reads: the fields of the forms and the filters of the FilterSets
  it fills from `request.GET`, and names it looks up in `request.GET` directly; views that
  declare none get common names sprayed.

Values are hostile: any text (control characters and NUL included), huge and negative numbers,
dates at and beyond the ends of the calendar in extreme time zones, plus valid slugs and choices so
that combinations get past validation. Runs on the database search backend; raise the number of
examples with FUZZ_EXAMPLES=500 for a deeper run.
"""

import datetime as dt
import inspect
import os
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from django.contrib.auth.views import LoginView
from django.urls import URLPattern, URLResolver, get_resolver

from taggit.models import Tag
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from cities.models import Region
from core import catalogue
from events.factories import EventPageFactory
from events.models import EventStatus, Format
from projects.factories import ProjectPageFactory
from projects.models import Status, Topic
from surveys.factories import SurveyPageFactory

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
# Per target; no deadline (a page render may take a while on a busy machine), no example
# database (nothing is written to the working tree).
settings.register_profile(
    "fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("fuzz")
# Routes without any parameter of their own only get the sprayed names: fewer examples.
FUZZ_LIGHT = settings(FUZZ, max_examples=max(5, EXAMPLES // 4))

# Names a view might read without declaring them.
SPRAYED = ("page", "p", "q", "next", "format", "id", "year", "month")

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e9",
    "NaN",
    "-inf",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999",
    "0001-01-01",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31",
    "9999-12-31T23:59:59-14:00",
    "2026-02-30",
    "2026-03-29T02:30:00",
    "2026-13-45T25:61:61",
    "\x00",
    "a\x00b",
    "\x01\x1f\x7f\x85",
    "\u202e\u200b\ufeff",
    "'\"\\%_*",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "ß İ ﬀ 😀",
    "x" * 5000,
]

ZONES = st.builds(
    dt.timezone,
    st.timedeltas(
        min_value=dt.timedelta(hours=-23, minutes=-59), max_value=dt.timedelta(hours=23, minutes=59)
    ),
)
TEXT = st.text(st.characters(codec="utf-8"), max_size=60)  # NUL and control characters included
HOSTILE = st.one_of(
    st.sampled_from(NASTY),
    TEXT,
    st.integers().map(str),
    st.floats().map(str),
    st.dates().map(dt.date.isoformat),
    st.datetimes(timezones=st.none() | ZONES).map(dt.datetime.isoformat),
)
# Picked for every example of these: the values hypothesis would rarely find on its own.
CLASSICS = ["99999999999999999999", "-1", "0001-01-01T00:00:00+14:00", "a\x00b"]


@pytest.fixture
def corpus(guetersloh, koeln, topic, settings):
    settings.SEARCH_ENGINE = "database"
    settings.API_RATE_LIMIT = "1000000/minute"
    ProjectPageFactory(
        parent=guetersloh, title="Terminbuchung", topics=[topic], tags=["Terminvergabe"]
    )
    ProjectPageFactory(parent=koeln, title="Entwurf", tags=["Nur im Entwurf"], live=False)
    private = ProjectPageFactory(parent=koeln, title="Intern", tags=["Nur intern"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    ProjectPageFactory(parent=koeln, title="Zurückgezogen").unpublish()
    EventPageFactory(
        title="Arbeitskreis", start=dt.datetime(2026, 3, 4, 10, tzinfo=dt.UTC), host_city=koeln
    )
    SurveyPageFactory(title="Terminvergabe", slug="terminvergabe")  # its answers and results
    return Page.objects.live().specific()


def known_values(pages):
    """Slugs and choices the site knows: with them, hostile values meet working filters."""
    return st.sampled_from(
        sorted(
            {page.slug for page in pages}
            | set(Tag.objects.values_list("slug", flat=True))
            | set(Topic.objects.values_list("slug", flat=True))
            | {
                value
                for choices in (Status, Region, EventStatus, Format)
                for value in choices.values
            }
            | {catalogue_type.kind for catalogue_type in catalogue.types()}
            | {"true", "false", "on", "1", "2", "date", "relevance", "title", "newest", "updated"}
            # A survey's results sort by the city or a question: "stadt", "-system".
            | {f"{sign}{key}" for sign in ("", "-") for key in ("stadt", "system", "betrieb")}
        )
    )


# --- what to fuzz, read from the code -------------------------------------------------------

GET_LOOKUP = re.compile(r"""request\.GET(?:\.get\(|\.getlist\(|\[)\s*["'](\w+)["']""")
# ResultsForm(questions, request.GET): forms may take other arguments first.
GET_FORM = re.compile(r"(\w+Form)\((?:[\w.]+,\s*)*(?:self\.)?request\.GET")
# An index page filters with its catalogue type's FilterSet: catalogue.get("project").filterset(
GET_FILTERSET = re.compile(r"""catalogue\.get\(["'](\w+)["']\)\.filterset\(\s*request\.GET""")


def read_parameters(function):
    """Query parameters a view reads: fields of the forms it fills from request.GET, filters of
    the FilterSets it fills from there, and names it looks up there."""
    function = inspect.unwrap(function)
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return set()
    names = set(GET_LOOKUP.findall(source))
    module = inspect.getmodule(function)
    for form_name in GET_FORM.findall(source):
        names |= set(getattr(module, form_name).base_fields)
    for kind in GET_FILTERSET.findall(source):
        names |= set(catalogue.get(kind).filterset.base_filters)
    return names


def drf_parameters(viewset, action):
    if action != "list":
        return set()
    names = set()
    filterset = getattr(viewset, "filterset_class", None)
    if filterset and viewset.filter_backends:
        names |= set(filterset.base_filters)
    if viewset.pagination_class:
        paginator = viewset.pagination_class
        names |= {paginator.page_query_param, paginator.page_size_query_param} - {None}
    return names


def view_parameters(callback):
    viewset = getattr(callback, "cls", None)
    if viewset is not None and hasattr(callback, "actions"):  # a DRF viewset
        return drf_parameters(viewset, callback.actions.get("get"))
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        names = read_parameters(view_class.get)
        if issubclass(view_class, LoginView):
            names.add(view_class.redirect_field_name)
        return names
    if not inspect.isfunction(callback):  # e.g. a Feed
        return read_parameters(type(callback).__call__) | read_parameters(
            getattr(callback, "get_object", None)
        )
    return read_parameters(callback)


def bare(regex):
    return regex.pattern.removeprefix("^").removesuffix(r"\Z").removesuffix("$")


def url_routes(patterns=None, prefix="", namespace=""):
    """(name, path regex, callback) of every route outside the admin and Wagtail's page tree."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        regex = prefix + bare(entry.pattern.regex)
        if isinstance(entry, URLResolver):
            if not regex.startswith("admin/"):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from url_routes(entry.url_patterns, regex, inner)
        elif isinstance(entry, URLPattern) and entry.name != "wagtail_serve":
            yield f"{namespace}{entry.name or regex}", regex, entry.callback


def page_routes(pages):
    """(name, path regex, view function) of one live page of each type and its sub-pages."""
    seen = set()
    for page in pages:
        model = type(page)
        if model in seen or page.depth < 2:
            continue
        seen.add(model)
        base = re.escape(page.url.lstrip("/"))
        if issubclass(model, RoutablePageMixin):
            for route in model.get_subpage_urls():
                yield (
                    f"{model.__name__}.{route.name}",
                    base + bare(route.pattern.regex),
                    route.callback,
                )
        else:
            yield model.__name__, base, model.serve


def targets(pages):
    for name, regex, callback in [*url_routes(), *page_routes(pages)]:
        yield name, regex, sorted(view_parameters(callback))


# --- the fuzzing ----------------------------------------------------------------------------


def check(client, name, path, params):
    url = "/" + quote(path, safe="/")
    response = client.get(url, params)
    assert response.status_code < 500, f"{name}: GET {url} {params!r} → {response.status_code}"


def fill(regex, value=""):
    """The path of a route with each parameter (each outermost group) replaced by value."""
    path, depth, escaped = [], 0, False
    for char in regex:
        if escaped:
            escaped = False
            if depth == 0:
                path.append(char)
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
            if depth == 1:
                path.append(value)
        elif char == ")":
            depth -= 1
        elif depth == 0:
            path.append(char)
    return "".join(path)


def fuzz_target(client, name, regex, parameters, values):
    has_path_parameters = "(" in regex
    if has_path_parameters:
        path = st.from_regex(regex, fullmatch=True, alphabet=st.characters(codec="utf-8"))
    else:
        path = st.just(fill(regex))
    query = st.fixed_dictionaries({}, optional=dict.fromkeys(parameters or SPRAYED, values))

    @given(path=path, params=query)
    def run(path, params):
        check(client, name, path, params)

    for value in CLASSICS:
        if has_path_parameters and re.fullmatch(regex, fill(regex, value)):
            run = example(path=fill(regex, value), params={})(run)
        elif not has_path_parameters:
            for parameter in parameters:
                run = example(path=fill(regex), params={parameter: value})(run)
    (FUZZ if parameters or has_path_parameters else FUZZ_LIGHT)(run)()


def test_every_public_get_parameter_survives_hostile_values(client, corpus):
    values = st.one_of(HOSTILE, known_values(corpus))
    found = list(targets(corpus))
    # The reading of the code found what it must: if these go missing, the discovery is broken.
    by_name = {name: parameters for name, _regex, parameters in found}
    assert {"changed_since", "tag", "page", "page_size"} <= set(by_name["api-project-list"])
    assert {"q", "tag", "year", "page"} <= set(by_name["search:search"])
    assert {"tag", "topic", "city", "page"} <= set(by_name["ProjectIndexPage"])
    assert "EventIndexPage.month" in by_name and "project_feed_rss_for" in by_name
    assert by_name["search:suggestions"] == ["q"]
    for name, regex, parameters in found:
        fuzz_target(client, name, regex, parameters, values)
