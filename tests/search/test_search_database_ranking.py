"""The database search's relevance order, read in a fixed number of queries (on SQLite without
Wagtail's per-result subquery, see search/backends/sqlite_ranking.py), is the library's own
order: same pages, same sequence, and still only what the visitor may see."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction
from wagtail.search.query import And, Not, Or, Phrase, PlainText

from cities.models import CityPage
from events.models import EventPage
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage
from search.backends import MAX_RESULTS, sqlite_ranking
from search.backends.database import _matching

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(guetersloh, koeln):
    texts = [
        ("Online-Terminvergabe im Bürgerbüro", "Termine online buchen, Termin per E-Mail."),
        ("Termin-Erinnerung per SMS", "Erinnert an den Termin."),
        ("Bürgerbüro ohne Wartezeit", "Ein Termin für alles: Termin, Termin, Termin."),
        ("Open Data Portal", "Offene Daten der Stadt als Open Data."),
        ("Datenportal", "Daten, die die Stadt öffnet; Open-Data-Strategie."),
        ("Glasfaser für Schulen", "Schulen bekommen Glasfaser und WLAN."),
    ]
    pages = [
        ProjectPageFactory(parent=city, title=title, teaser=teaser)
        for number, (title, teaser) in enumerate(texts)
        for city in [(guetersloh, koeln)[number % 2]]
    ]
    hidden = ProjectPageFactory(parent=koeln, title="Termin intern", teaser="Termin Termin Termin")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    ProjectPageFactory(parent=guetersloh, title="Termin als Entwurf", teaser="Termin", live=False)
    return pages


def _pages():
    return Page.objects.live().public().type(ProjectPage, EventPage, CityPage)


EXPRESSIONS = [
    PlainText("Termin"),
    PlainText("Bürgerbüro Termin", operator="or"),
    Or([PlainText("Open"), PlainText("Daten")]),
    And([PlainText("Termin"), Not(PlainText("SMS"))]),
    Phrase("Open Data"),
    PlainText("Glasfaser"),
    PlainText("Feuerwehr"),
]


@pytest.mark.parametrize("expression", EXPRESSIONS, ids=repr)
def test_database_order_is_the_search_librarys_order(corpus, expression):
    library = [page.pk for page in _pages().search(expression)[:MAX_RESULTS]]
    assert _matching(_pages(), expression) == library


def test_private_and_draft_pages_are_not_matched(corpus):
    titles = set(
        Page.objects.filter(pk__in=_matching(_pages(), PlainText("Termin"))).values_list(
            "title", flat=True
        )
    )
    assert "Termin-Erinnerung per SMS" in titles
    assert not titles & {"Termin intern", "Termin als Entwurf"}


def test_ranking_reads_a_fixed_number_of_queries(corpus, guetersloh):
    def count():
        with CaptureQueriesContext(connection) as queries:
            _matching(_pages(), PlainText("Termin"))
        return len(queries)

    before = count()
    for number in range(5):
        ProjectPageFactory(parent=guetersloh, title=f"Termin Nummer {number}")
    assert count() == before


def test_the_fast_path_is_used_on_sqlite_only():
    assert sqlite_ranking.applies() == (connection.vendor == "sqlite")


def test_pages_a_search_may_find_are_read_once_per_public_version(corpus, guetersloh):
    if not sqlite_ranking.applies():
        pytest.skip("the kept list of allowed pages belongs to the SQLite ranking")

    def read():
        pages = _pages()  # public() reads the view restrictions as it is built
        with CaptureQueriesContext(connection) as queries:
            allowed = sqlite_ranking.allowed_pks(pages)
        return allowed, len(queries)

    first, _reads = read()
    again, reads = read()
    assert again == first and reads == 0
    # Publishing, unpublishing and restricting start a new version: the list is read anew.
    new = ProjectPageFactory(parent=guetersloh, title="Termin neu")
    assert new.pk in read()[0]
    new.unpublish()
    assert new.pk not in read()[0]
    visible = corpus[0]
    PageViewRestriction.objects.create(page=visible, restriction_type="login")
    assert visible.pk not in read()[0]


def test_a_filter_no_page_can_pass_finds_nothing(corpus):
    assert sqlite_ranking.allowed_pks(_pages().filter(pk__in=[])) == frozenset()
    assert _matching(_pages().filter(pk__in=[]), PlainText("Termin")) == []


def test_found_ids_go_into_one_parameter(corpus):
    pks = [page.pk for page in corpus] * 20
    with CaptureQueriesContext(connection) as queries:
        titles = set(Page.objects.filter(sqlite_ranking.pk_in(pks)).values_list("title", flat=True))
    assert titles == {page.title for page in corpus}
    if connection.vendor == "sqlite":
        assert "json_each" in queries[0]["sql"]
