"""Open data: the API's filters, paging and field names, the downloads and the DCAT catalogue.
Never personal data."""

import csv
import datetime as dt
import io
import json

import pytest
import rdflib

from django.utils import timezone

from cities.models import CityOfficer
from events.factories import EventPageFactory
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage, ProjectPartner
from tests.helpers import PERSONAL, body

pytestmark = pytest.mark.django_db

PROJECT_FIELDS = {
    "id",
    "external_id",
    "title",
    "slug",
    "city",
    "status",
    "teaser",
    "challenge",
    "solution",
    "results",
    "lessons_learned",
    "solutions",
    "reuses",
    "reused_by",
    "seeks_adopters",
    "start_date",
    "go_live_date",
    "topics",
    "tags",
    "partners",
    "reuse_mode",
    "reusable",
    "licence",
    "repository_url",
    "budget_range",
    "funding_programme",
    "uses_algorithmic_system",
    "ethics",
    "url",
    "first_published_at",
    "last_published_at",
    "confirmed_at",
    "possibly_outdated",
}


@pytest.fixture
def catalogue(guetersloh, koeln, topic, other_topic):
    from events.models import AgendaItem

    CityOfficer.objects.create(
        page=guetersloh, name="Anna Berger", email="anna@gt.example", phone="05241 1"
    )
    termine = ProjectPageFactory(
        parent=guetersloh,
        title="Terminbuchung",
        topics=[topic],
        tags=["Terminvergabe"],
        status="live",
        reuse_mode="tenant",
        contact_name="Anna Berger",
        contact_email="anna@gt.example",
        contact_phone="05241 1",
    )
    opendata = ProjectPageFactory(
        parent=koeln, title="Open-Data-Plattform", tags=["Open Data"], status="pilot"
    )
    ProjectPartner.objects.create(page=opendata, city=guetersloh, role="tenant")
    bus = ProjectPageFactory(
        parent=koeln, title="On-Demand-Bus", topics=[other_topic], status="planning"
    )
    draft = ProjectPageFactory(parent=koeln, title="Geheimer Entwurf", live=False)
    meeting = EventPageFactory(
        title="Arbeitskreis in Köln",
        start=timezone.now() + dt.timedelta(days=9),
        host_city=koeln,
        format="hybrid",
        online_url="https://video.example/geheim",
        organisers="Anna Berger",
    )
    AgendaItem.objects.create(page=meeting, title="Datenethik", speakers="Dr. Speaker")
    return {"termine": termine, "opendata": opendata, "bus": bus, "draft": draft}


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(record["title"] for record in response.json()["results"])


def test_project_records_have_the_documented_fields(client, catalogue):
    response = client.get("/api/v1/projects/")
    records = response.json()["results"]
    assert {frozenset(record) for record in records} == {frozenset(PROJECT_FIELDS)}
    termine = next(r for r in records if r["title"] == "Terminbuchung")
    assert termine["city"] == {
        "id": catalogue["termine"].lead_city_id,
        "slug": "guetersloh",
        "name": "Gütersloh",
        "ags": "05754008",
    }
    assert termine["topics"][0]["slug"] == "buergerservice"
    assert termine["tags"] == [{"slug": "terminvergabe", "name": "Terminvergabe"}]
    assert termine["challenge"] == "Herausforderung Terminbuchung"
    assert termine["reusable"] is True
    assert termine["url"] == "http://testserver" + catalogue["termine"].url
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def test_documented_fields_are_listed_in_the_api_documentation(client, catalogue):
    html = client.get("/daten/api/").content.decode()
    for name in PROJECT_FIELDS:
        assert f"<code>{name}</code>" in html
    short = client.get("/daten/").content.decode()
    assert 'rel="license"' in short and "CC BY 4.0" in short


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["On-Demand-Bus", "Open-Data-Plattform", "Terminbuchung"]),
        ("city=koeln", ["On-Demand-Bus", "Open-Data-Plattform"]),
        # A partner city finds the projects it takes part in.
        ("city=guetersloh", ["Open-Data-Plattform", "Terminbuchung"]),
        ("topic=mobilitaet", ["On-Demand-Bus"]),
        ("tag=open-data", ["Open-Data-Plattform"]),
        ("status=pilot", ["Open-Data-Plattform"]),
        ("reusable=true", ["Terminbuchung"]),
        ("reusable=false", ["On-Demand-Bus", "Open-Data-Plattform"]),
        ("city=koeln&status=planning", ["On-Demand-Bus"]),
    ],
)
def test_project_filters(client, catalogue, query, expected):
    assert titles(client.get(f"/api/v1/projects/?{query}")) == expected


def test_changed_since_filters_by_last_publication(client, catalogue):
    old = timezone.now() - dt.timedelta(days=30)
    ProjectPage.objects.exclude(pk=catalogue["bus"].pk).update(last_published_at=old)
    since = (timezone.now() - dt.timedelta(days=1)).date().isoformat()
    assert titles(client.get(f"/api/v1/projects/?changed_since={since}")) == ["On-Demand-Bus"]
    moment = (old + dt.timedelta(seconds=1)).isoformat()
    response = client.get("/api/v1/projects/", {"changed_since": moment})
    assert titles(response) == ["On-Demand-Bus"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("city=atlantis", "city"),
        ("topic=astrologie", "topic"),
        ("tag=gibt-es-nicht", "tag"),
        ("status=erfunden", "status"),
        ("reusable=vielleicht", "reusable"),
        ("changed_since=gestern", "changed_since"),
        ("citty=koeln", "citty"),
    ],
)
def test_bad_filters_answer_400_with_the_reason(client, catalogue, query, parameter):
    response = client.get(f"/api/v1/projects/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


def harvest(client, resource, since=None):
    records, url = {}, f"/api/v1/{resource}/?page_size=200"
    params = {"changed_since": since.isoformat()} if since else {}
    while url:
        response = client.get(url, params)
        assert response.status_code == 200, response.content
        body = response.json()
        records.update({record["id"]: record for record in body["results"]})
        url, params = body["next"], {}
    return records


def test_incremental_harvest_keeps_a_copy_true(client, catalogue, koeln, topic):
    """A portal copies the projects once, then only asks what changed and what was removed."""
    copy = harvest(client, "projects")
    since = timezone.now()

    catalogue["bus"].unpublish()
    new = ProjectPageFactory(parent=koeln, title="Chatbot", topics=[topic])
    catalogue["opendata"].save_revision().publish()  # re-published: it is changed, not removed

    removed = harvest(client, "removed", since)
    assert {(r["type"], r["id"]) for r in removed.values()} == {("project", catalogue["bus"].pk)}
    copy.update(harvest(client, "projects", since))
    for record in removed.values():
        copy.pop(record["id"], None)
    assert copy.keys() == harvest(client, "projects").keys()
    assert new.pk in copy and catalogue["bus"].pk not in copy

    # Published again, it leaves the removed list and comes back as changed.
    catalogue["bus"].save_revision().publish()
    assert harvest(client, "removed", since) == {}
    assert catalogue["bus"].pk in harvest(client, "projects", since)


def test_deleting_a_city_removes_it_and_its_projects(client, catalogue, koeln, guetersloh):
    since = timezone.now()
    koeln_projects = {catalogue["opendata"].pk, catalogue["bus"].pk}
    koeln.delete()
    removed = harvest(client, "removed", since).values()
    assert {(r["type"], r["id"]) for r in removed} == {("city", koeln.pk)} | {
        ("project", pk) for pk in koeln_projects
    }  # the never published draft was in nobody's copy
    only_cities = client.get("/api/v1/removed/", {"type": "city"}).json()["results"]
    assert [r["id"] for r in only_cities] == [koeln.pk]
    assert set(only_cities[0]) == {"type", "id", "removed_at"}  # nothing of the deleted page
    assert client.get(f"/api/v1/removed/{koeln.pk}/").status_code == 404  # a list, not records
    later = (timezone.now() + dt.timedelta(seconds=1)).isoformat()
    assert client.get("/api/v1/removed/", {"changed_since": later}).json()["count"] == 0


def test_a_moved_project_is_reported_as_changed_with_its_new_city(client, catalogue, guetersloh):
    since = timezone.now()
    bus = catalogue["bus"]
    bus.move(guetersloh, pos="last-child")
    changed = harvest(client, "projects", since)
    assert list(changed) == [bus.pk]
    assert changed[bus.pk]["city"]["slug"] == "guetersloh"
    assert "/guetersloh/" in changed[bus.pk]["url"]


def test_a_city_made_private_leaves_the_catalogue_and_comes_back(client, catalogue, koeln):
    from wagtail.models import PageViewRestriction

    since = timezone.now()
    restriction = PageViewRestriction.objects.create(
        page=koeln, restriction_type=PageViewRestriction.LOGIN
    )
    koeln_pages = {("city", koeln.pk), ("project", catalogue["opendata"].pk)}
    koeln_pages.add(("project", catalogue["bus"].pk))
    assert {(r["type"], r["id"]) for r in harvest(client, "removed", since).values()} == koeln_pages
    assert catalogue["bus"].pk not in harvest(client, "projects")

    restriction.delete()
    assert harvest(client, "removed", since) == {}
    assert {pk for kind, pk in koeln_pages if kind == "project"} <= set(
        harvest(client, "projects", since)
    )


@pytest.mark.parametrize(
    "query", ["type=person", "changed_since=gestern", "since=2026-01-01", "page=99999"]
)
def test_removed_list_rejects_bad_parameters(client, catalogue, query):
    catalogue["bus"].unpublish()
    response = client.get(f"/api/v1/removed/?{query}")
    assert response.status_code == (404 if query.startswith("page") else 400)


def test_pagination_walks_every_record_once(client, catalogue):
    seen, url = [], "/api/v1/projects/?page_size=2"
    while url:
        body = client.get(url).json()
        assert body["count"] == 3
        seen += [record["id"] for record in body["results"]]
        url = body["next"]
    assert sorted(seen) == seen and len(set(seen)) == 3
    assert client.get("/api/v1/projects/?page=99999").status_code == 404
    assert client.get("/api/v1/projects/?page=abc").status_code == 404
    assert len(client.get("/api/v1/projects/?page_size=100000").json()["results"]) == 3


def test_api_listing_query_budget(
    client, catalogue, guetersloh, topic, django_assert_max_num_queries
):
    for number in range(8):
        ProjectPageFactory(
            parent=guetersloh, title=f"Projekt {number}", topics=[topic], tags=[f"t{number}"]
        )
    # 15: the city and solution filters' choices leave out private pages, which reads the
    # view restrictions once for each; the solutions and both directions of reuse are three
    # prefetches for the whole page. The same for any number of projects.
    with django_assert_max_num_queries(15):
        response = client.get("/api/v1/projects/")
    assert response.json()["count"] == 11


def test_cities_events_and_topics(client, catalogue):
    cities = client.get("/api/v1/cities/?region=rheinland").json()["results"]
    assert [c["name"] for c in cities] == ["Köln"]
    assert client.get("/api/v1/cities/?region=atlantis").status_code == 400
    events = client.get("/api/v1/events/?city=koeln&upcoming=true").json()["results"]
    assert [e["title"] for e in events] == ["Arbeitskreis in Köln"]
    assert events[0]["agenda"] == [{"time": None, "title": "Datenethik", "projects": []}]
    assert events[0]["ical_url"].endswith("/termin.ics")
    assert client.get("/api/v1/events/?upcoming=false").json()["count"] == 0
    topics = client.get("/api/v1/topics/").json()["results"]
    assert [t["slug"] for t in topics] == ["buergerservice", "mobilitaet"]


def test_each_client_is_limited_and_told_when_to_come_back(client, catalogue, settings):
    settings.API_RATE_LIMIT = "3/minute"
    for _ in range(3):
        assert client.get("/api/v1/topics/").status_code == 200
    response = client.get("/api/v1/projects/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Anfrage" in response.json()["detail"]  # DRF's German message
    # Another address is not affected; the open data page is not throttled.
    assert client.get("/api/v1/topics/", REMOTE_ADDR="192.0.2.7").status_code == 200
    assert client.get("/daten/").status_code == 200


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, catalogue, settings):
    """Without proxies (NUM_PROXIES unset) X-Forwarded-For is the client's own words."""
    settings.API_RATE_LIMIT = "3/minute"
    answers = [
        client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(5)
    ]
    assert answers == [200, 200, 200, 429, 429]


@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [
        # Each proxy appends the address it was called from: the client is the N-th from the right.
        (1, "{spoof}, 203.0.113.9"),
        (2, "{spoof}, 203.0.113.9, 10.0.0.2"),
    ],
)
def test_behind_proxies_the_client_is_the_nth_forwarded_address(
    client, catalogue, settings, proxies, forwarded
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}
    settings.API_RATE_LIMIT = "3/minute"

    def ask(spoof, client_address="203.0.113.9"):
        header = forwarded.format(spoof=spoof).replace("203.0.113.9", client_address)
        return client.get(
            "/api/v1/topics/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=header
        ).status_code

    # What the client puts in front of the proxies' entries does not make it someone else ...
    assert [ask(f"198.51.100.{n}") for n in range(4)] == [200, 200, 200, 429]
    # ... while another client behind the same proxies has its own count.
    assert ask("198.51.100.1", client_address="203.0.113.10") == 200


RESOURCES = ["projects", "cities", "events", "removed"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_changed_since_outside_the_calendar_is_a_400_with_the_range(client, catalogue, resource):
    for since in [
        "0001-01-01",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "9999-12-31",
        "1899-12-31",
        "2201-01-01T00:00:00Z",
    ]:
        response = client.get(f"/api/v1/{resource}/", {"changed_since": since})
        assert response.status_code == 400, since
        assert "1900" in response.json()["changed_since"][0]
    # The ends of the calendar themselves are fine.
    assert client.get(f"/api/v1/{resource}/", {"changed_since": "1900-01-01"}).status_code == 200
    late = "2200-12-31T23:59:59+00:00"
    assert client.get(f"/api/v1/{resource}/", {"changed_since": late}).json()["count"] == 0


@pytest.mark.parametrize("resource", ["projects", "cities", "events"])
def test_an_id_beyond_the_database_range_is_a_404(client, catalogue, resource):
    for pk in ["99999999999999999999", "9223372036854775808", "-1", "0"]:
        response = client.get(f"/api/v1/{resource}/{pk}/")
        assert response.status_code == 404, pk
        assert response.json()["detail"]


def test_a_null_character_in_an_address_is_a_400(client, catalogue):
    for url in ("/api/v1/topics/a%00b/", "/api/v1/projects/?city=a%00b", "/daten/?x=%00"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Nullzeichen" in response.content.decode()


def test_a_tag_only_on_drafts_or_private_projects_is_unknown(client, catalogue, koeln):
    from wagtail.models import PageViewRestriction

    ProjectPageFactory(
        parent=koeln, title="Entwurf mit Schlagwort", tags=["Geheimsache Entwurf"], live=False
    )
    private = ProjectPageFactory(parent=koeln, title="Privat", tags=["Geheimsache Privat"])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for slug in ("geheimsache-entwurf", "geheimsache-privat"):
        response = client.get("/api/v1/projects/", {"tag": slug})
        assert response.status_code == 400
        assert "tag" in response.json() and "Geheimsache" not in response.content.decode()
    assert titles(client.get("/api/v1/projects/", {"tag": "open-data"})) == ["Open-Data-Plattform"]


def test_api_is_read_only(client, catalogue):
    assert client.post("/api/v1/projects/", {"title": "x"}).status_code == 405
    url = f"/api/v1/projects/{catalogue['termine'].pk}/"
    assert client.delete(url).status_code == 405
    assert client.get(url).json()["title"] == "Terminbuchung"
    # Drafts are not published data.
    assert client.get(f"/api/v1/projects/{catalogue['draft'].pk}/").status_code == 404


@pytest.mark.parametrize("name", ["projekte", "staedte", "termine"])
def test_downloads(client, catalogue, name):
    as_json = client.get(f"/daten/kommunal-digital-{name}.json")
    assert as_json.status_code == 200
    data = json.loads(body(as_json))
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["count"] == len(data["results"]) > 0
    as_csv = client.get(f"/daten/kommunal-digital-{name}.csv")
    assert as_csv["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(body(as_csv).decode("utf-8-sig"))))
    assert len(rows) == data["count"]


def test_tags_come_in_german_alphabetical_order_everywhere(client, catalogue):
    """Two harvests of unchanged data must be identical: tags have no order in the database."""
    from taggit.models import Tag

    project = catalogue["bus"]
    # Created in reverse, so the database's own order (by id) is the wrong one.
    for name in ["Zebrastreifen", "bürgerbüro", "Ämter"]:
        project.tags.add(Tag.objects.create(name=name, slug=name.lower()))
    project.save_revision().publish()
    expected = ["Ämter", "bürgerbüro", "Zebrastreifen"]

    api = client.get(f"/api/v1/projects/{project.pk}/").json()
    assert [tag["name"] for tag in api["tags"]] == expected
    rows = csv.DictReader(
        io.StringIO(body(client.get("/daten/kommunal-digital-projekte.csv")).decode("utf-8-sig"))
    )
    assert next(r for r in rows if r["title"] == "On-Demand-Bus")["tags"] == "; ".join(expected)
    page = client.get(project.url).content.decode()
    positions = [page.index(f"#{name}</a>") for name in expected]
    assert positions == sorted(positions)


def test_unknown_download_is_404(client, catalogue):
    assert client.get("/daten/kommunal-digital-passwoerter.csv").status_code == 404


def test_no_personal_data_in_any_export(client, catalogue):
    urls = [
        "/api/v1/projects/",
        "/api/v1/cities/",
        "/api/v1/events/",
        "/api/v1/topics/",
        f"/api/v1/projects/{catalogue['termine'].pk}/",
        "/daten/katalog.jsonld",
    ] + [
        f"/daten/kommunal-digital-{name}.{fmt}"
        for name in ("projekte", "staedte", "termine")
        for fmt in ("csv", "json")
    ]
    for url in urls:
        text = body(client.get(url)).decode("utf-8")
        for secret in PERSONAL:
            assert secret not in text, (url, secret)
        assert "Geheimer Entwurf" not in text


DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


def test_dcat_catalogue_parses_as_rdf_and_names_licence_and_downloads(client, catalogue):
    long_ago = timezone.now().replace(microsecond=0) - dt.timedelta(days=400)
    ProjectPage.objects.filter(pk=catalogue["termine"].pk).update(first_published_at=long_ago)
    response = client.get("/daten/katalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    graph = rdflib.Graph().parse(data=response.content, format="json-ld")
    catalogues = list(graph.subjects(rdflib.RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    datasets = list(graph.objects(catalogues[0], DCAT.dataset))
    assert len(datasets) == 3
    licence = rdflib.URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")
    for dataset in datasets:
        assert (dataset, rdflib.RDF.type, DCAT.Dataset) in graph
        assert graph.value(dataset, DCT.title) is not None
        assert graph.value(dataset, DCT.publisher) is not None
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 3
        for distribution in distributions:
            assert graph.value(distribution, DCT.license) == licence
            url = str(graph.value(distribution, DCAT.accessURL))
            assert client.get(url.removeprefix("http://testserver")).status_code == 200
    keywords = {str(k) for k in graph.objects(None, DCAT.keyword)}
    assert {"Bürgerservice", "Mobilität"} <= keywords
    # Issued: when the first project appeared; modified: the latest change.
    projects = next(d for d in datasets if str(d).endswith("#projekte"))
    last = max(ProjectPage.objects.live().values_list("last_published_at", flat=True))
    assert graph.value(projects, DCT.issued).toPython() == long_ago
    assert graph.value(projects, DCT.modified).toPython() == last.replace(microsecond=0)
    json.loads(response.content)  # plain JSON too, for harvesters without an RDF library
