"""Every public page type costs the same number of SQL queries and engine requests however big
the catalogue: a few projects and meetings, then ten times as many, on both search backends.
(The downloads: test_downloads_streamed.py.)"""

import datetime as dt
import itertools

import pytest
from elastic_transport import Transport

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cities.factories import CityPageFactory
from core.public_cache import public_changed
from events.factories import EventPageFactory
from projects.factories import ProjectPageFactory, ProjectReuseFactory
from projects.models import ProjectPartner
from solutions.factories import SolutionPageFactory
from tests.helpers import body

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


@pytest.fixture
def engine_requests(monkeypatch):
    """Requests the Elasticsearch client sends, whatever sends them."""
    sent = []
    original = Transport.perform_request

    def counted(self, method, target, **kwargs):
        sent.append((method, target))
        return original(self, method, target, **kwargs)

    monkeypatch.setattr(Transport, "perform_request", counted)
    return sent


def _grow(cities, topics, projects, events, solutions=(), origin=None):
    """`projects` more projects, two in three led by the first city, over the topics and a few
    tags (some with a partner city), using the `solutions` and reusing `origin` (every other
    one, some only requested), and `events` more meetings."""
    for n in range(projects):
        number = next(_numbers)
        city = cities[0] if n % 3 else cities[1 + n // 3 % (len(cities) - 1)]
        adopter = ProjectPageFactory(
            parent=city,
            title=f"Terminvergabe {number}",
            topics=[topics[n % len(topics)]],
            tags=["Termine", f"Schlagwort {n % 4}"],
            partners=[ProjectPartner(city=cities[(n + 1) % len(cities)])] if n % 3 == 0 else [],
            solutions=[solutions[n % len(solutions)]] if solutions else [],
        )
        if origin is not None and n % 2:
            ProjectReuseFactory(
                origin=origin, adopter=adopter, confirmed_at=None if n % 4 == 1 else timezone.now()
            )
    for _n in range(events):
        number = next(_numbers)
        EventPageFactory(
            title=f"Arbeitskreis {number}",
            start=timezone.now() + dt.timedelta(days=3 + number),
            host_city=cities[number % len(cities)],
        )


def test_page_work_does_not_grow_with_the_catalogue(
    client, engine, engine_requests, guetersloh, koeln, topic, other_topic
):
    bielefeld = CityPageFactory(title="Bielefeld", region="ostwestfalen-lippe", slug="bielefeld")
    cities, topics = [guetersloh, koeln, bielefeld], [topic, other_topic]
    project = ProjectPageFactory(
        parent=guetersloh,
        title="Online-Terminvergabe",
        topics=[topic],
        tags=["Termine"],
        teaser="Termine",
        reuse_mode="open_source",
    )
    solution = SolutionPageFactory(title="Terminbuchungssoftware", origin_city=guetersloh)
    solutions = [solution, SolutionPageFactory(title="Open-Data-Plattform", origin_city=koeln)]
    pages = {
        "home": "/",
        "project page": project.url,
        "project list": "/projekte/",
        "project list, filtered": f"/projekte/?topic={topic.slug}",
        "city page": guetersloh.url,
        "city list": "/staedte/",
        "solution page": solution.url,
        "solution list": "/loesungen/",
        "reuse overview": "/nachnutzung/",
        "meeting list": "/termine/",
        "search": "/suche/?q=Terminvergabe",
        "RSS feed": "/projekte/feed/rss/",
        "topic feed": f"/projekte/feed/thema/{topic.slug}/rss/",
        "city feed": "/projekte/feed/stadt/guetersloh/atom/",
        "iCal feed": "/termine/feed.ics",
        "sitemap.xml": "/sitemap.xml",
        "a part of the sitemap": "/sitemap-1.xml",
    }

    def measure():
        if engine == "elasticsearch":
            call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
        work = {}
        for name, url in pages.items():
            assert client.get(url).status_code == 200, url  # per process: site, content types
            public_changed()  # what is kept per version (counts, peers, sitemap) computed anew
            engine_requests.clear()
            with CaptureQueriesContext(connection) as queries:
                body(client.get(url))
            work[name] = (len(queries), len(engine_requests))
        return work

    grown = {"solutions": solutions, "origin": project}
    _grow(cities, topics, projects=5, events=2, **grown)
    few = measure()
    _grow(
        cities, topics, projects=45, events=10, **grown
    )  # the first city's page has two pages now
    many = measure()
    assert many == few
    # The engine answers what needs words: the project's peers, the city's, the search.
    expected = {"project page", "city page", "search"} if engine == "elasticsearch" else set()
    assert {name for name, (_sql, requests) in many.items() if requests} == expected
