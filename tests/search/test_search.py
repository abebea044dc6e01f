"""Search contract: the same behaviour on Elasticsearch (osmem-server) and the database."""

import pytest

from django.core.management import call_command

from cities.factories import CityPageFactory
from events.factories import EventPageFactory
from projects.factories import ProjectPageFactory
from search.backends import SearchRequest, get_backend
from search.query import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(guetersloh, koeln, topic, other_topic):
    import datetime as dt

    from django.utils import timezone

    witten = CityPageFactory(
        title="Witten",
        region="ruhrgebiet",
        slug="witten",
        strategy="<p>Witten macht Ratsarbeit zugänglich.</p>",
    )
    pages = {
        "termine": ProjectPageFactory(
            parent=guetersloh,
            title="Terminbuchung im Bürgerbüro",
            topics=[topic],
            tags=["Terminvergabe"],
            teaser="Online einen Termin buchen und erfahren, welche Unterlagen mitzubringen sind.",
            status="live",
        ),
        "chatbot": ProjectPageFactory(
            parent=koeln,
            title="Chatbot für Bürgerfragen",
            topics=[topic],
            tags=["Chatbot", "KI"],
            teaser="Ein Chatbot beantwortet Fragen zu städtischen Leistungen.",
            status="live",
        ),
        "opendata": ProjectPageFactory(
            parent=koeln,
            title="Open-Data-Plattform",
            topics=[other_topic],
            tags=["Open Data"],
            teaser="Offene Daten der Region, Gütersloh ist Mandant.",
            status="pilot",
        ),
        "stream": ProjectPageFactory(
            parent=witten,
            title="Livestream aus dem Ratssaal",
            tags=["Livestream"],
            teaser="Ratssitzungen live im Netz <script>alert(1)</script>.",
            status="completed",
        ),
        "meeting": EventPageFactory(
            title="Arbeitskreis in der Stadthalle",
            start=timezone.now() + dt.timedelta(days=5),
            host_city=guetersloh,
            venue_name="Stadthalle Gütersloh",
            search_description="Projekte und Datenethik.",
        ),
    }
    pages["witten"] = witten
    if get_backend().name == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return pages


def run(text, **kwargs):
    return get_backend().search(SearchRequest(query=parse(text), **kwargs))


def titles(response):
    return {hit.title for hit in response.hits}


def test_finds_projects_by_word(engine, corpus):
    assert "Chatbot für Bürgerfragen" in titles(run("Chatbot"))


def test_nonsense_finds_nothing(engine, corpus):
    response = run("xqzvwj")
    assert response.total == 0 and response.hits == []


def test_content_prefix_searches_projects_and_meetings_only(engine, corpus):
    kinds = {hit.kind for hit in run("Content: Witten Livestream").hits}
    assert kinds and kinds <= {"project", "event"}


def test_place_prefix_finds_cities_and_venues(engine, corpus):
    response = run("Ort: Stadthalle")
    assert {hit.kind for hit in response.hits} == {"event"}
    assert "Witten" in titles(run("Orte: Witten"))


def test_exclusion(engine, corpus):
    assert "Chatbot für Bürgerfragen" in titles(run("Chatbot"))
    assert "Chatbot für Bürgerfragen" not in titles(run("Chatbot -Köln"))


def test_phrase(engine, corpus):
    assert "Open-Data-Plattform" in titles(run('"Offene Daten"'))
    assert "Open-Data-Plattform" not in titles(run('"Daten Offene"'))


def test_facet_counts_agree_with_results(engine, corpus):
    everything = run("Bürgerfragen Termin Chatbot Livestream Daten Ratssitzungen")
    for name, buckets in everything.facets.items():
        for value, count in buckets:
            narrowed = run(
                "Bürgerfragen Termin Chatbot Livestream Daten Ratssitzungen", filters={name: value}
            )
            assert narrowed.total == count, (name, value)


def test_unknown_facet_value_finds_nothing(engine, corpus):
    assert run("Chatbot", filters={"city": "atlantis"}).total == 0


def test_highlights_cannot_inject_markup(engine, corpus):
    [hit] = [h for h in run("Ratssitzungen").hits if h.title.startswith("Livestream")]
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "<mark>" in hit.snippet


def test_sort_by_date_puts_newest_first(engine, corpus):
    response = run("Bürgerservice", sort="date")
    assert [hit.title for hit in response.hits][:2] == [
        "Chatbot für Bürgerfragen",
        "Terminbuchung im Bürgerbüro",
    ]


# --- German relevance on the engine ---------------------------------------------------------


@pytest.mark.parametrize("text", ["Termine", "Termin", "Bürgerbüro", "Buergerbuero", "Burgerburo"])
def test_german_inflection_and_umlaut_spellings(use_engine, corpus, text):
    assert "Terminbuchung im Bürgerbüro" in titles(run(text))


def test_typo_tolerance(use_engine, corpus):
    assert "Chatbot für Bürgerfragen" in titles(run("Chatbto"))


# --- the page -------------------------------------------------------------------------------


def test_search_page_shows_results_and_facets(client, engine, corpus):
    response = client.get("/suche/", {"q": "Chatbot"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chatbot für Bürgerfragen" in html
    assert "<mark>" in html
    assert "?q=Chatbot&amp;city=koeln" in html or "q=Chatbot&amp;city=koeln" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 1000},
        {"q": "Chatbot", "page": "abc"},
        {"q": "Chatbot", "year": "zwanzig"},
    ],
)
def test_bad_input_is_a_400_with_a_message(client, engine, corpus, params):
    response = client.get("/suche/", params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("q", ['"Open Data', "\\", "title:(a OR b)^2", "Chat\x07bot", "-", '"'])
def test_odd_queries_never_fail(client, engine, corpus, q):
    assert client.get("/suche/", {"q": q}).status_code == 200


@pytest.mark.parametrize("page", ["99999", "2"])
def test_page_out_of_range(client, engine, corpus, page):
    assert client.get("/suche/", {"q": "Chatbot", "page": page}).status_code in (400, 404)


def test_engine_down_falls_back_to_database_and_says_so(client, settings, corpus):
    from search.backends.elastic import reset_client

    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.ELASTICSEARCH_TIMEOUT = 1
    reset_client()
    try:
        response = client.get("/suche/", {"q": "Chatbot"})
    finally:
        reset_client()
    assert response.status_code == 200
    assert "Chatbot für Bürgerfragen" in response.content.decode()
    assert response.context["results"].engine == "database"
    assert response.context["results"].notice


def test_autocomplete_suggests_titles_as_json(client, engine, corpus):
    response = client.get("/suche/vorschlaege/", {"q": "Chatb"})
    assert response.status_code == 200
    titles_ = [item["title"] for item in response.json()["suggestions"]]
    assert "Chatbot für Bürgerfragen" in titles_
    assert response.json()["suggestions"][0]["url"].startswith("/")


@pytest.mark.parametrize("q", ["", "a", "\\", "x" * 5000, '"('])
def test_autocomplete_never_fails(client, engine, corpus, q):
    response = client.get("/suche/vorschlaege/", {"q": q})
    assert response.status_code == 200 and "suggestions" in response.json()


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/suche/vorschlaege/", {"q": "Chat\x00bot"}),
        ("/suche/", {"q": "Chat\x00bot"}),
        ("/suche/", {"q": "Chatbot", "tag": "k\x00i"}),
        ("/suche/", {"q": "Chatbot", "page": "1\x00"}),
        ("/wer-macht-das-schon/", {"challenge": "Termine online buchen\x00 für alle"}),
    ],
)
def test_a_null_character_is_a_400_with_a_message(client, settings, corpus, url, params):
    settings.SEARCH_ENGINE = "database"  # the backend that failed on it
    response = client.get(url, params)
    assert response.status_code == 400
    assert "Nullzeichen" in response.content.decode()


@pytest.mark.parametrize("where", ["draft", "private"])
def test_did_you_mean_never_offers_a_tag_of_a_draft_or_private_project(
    client, settings, corpus, koeln, where
):
    from wagtail.models import PageViewRestriction

    settings.SEARCH_ENGINE = "database"
    project = ProjectPageFactory(
        parent=koeln, title="Vertraulich", tags=["Geheimprojekt"], live=where != "draft"
    )
    if where == "private":
        PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/suche/", {"q": "Geheimprojekd"})
    assert response.context["results"].total == 0
    assert response.context["results"].suggestion is None
    assert "geheimprojekt" not in response.content.decode().lower()
    # A tag of a published project is still known: the typo finds its project.
    found = client.get("/suche/", {"q": "Terminvergabf"}).context["results"]
    assert [hit.title for hit in found.hits] == ["Terminbuchung im Bürgerbüro"]


def test_nothing_found_suggests_a_spelling(client, engine, corpus):
    response = client.get("/suche/", {"q": "Xhatbot"})
    results = response.context["results"]
    if engine == "database":
        # The database corrects towards known words itself: the page is found right away.
        assert [hit.title for hit in results.hits] == ["Chatbot für Bürgerfragen"]
        return
    assert results.total == 0
    assert results.suggestion == "chatbot"
    assert "Meinten Sie" in response.content.decode()


def test_page_and_sort_links_keep_query_and_filters(client, engine, corpus):
    for number in range(12):
        ProjectPageFactory(parent=corpus["witten"], title=f"Ratssitzungen Archiv {number}")
    if engine == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    html = client.get("/suche/", {"q": "Ratssitzungen", "city": "witten"}).content.decode()
    assert "?q=Ratssitzungen&amp;city=witten&amp;page=2" in html
    assert "?q=Ratssitzungen&amp;city=witten&amp;sort=date" in html
    assert (
        client.get("/suche/", {"q": "Ratssitzungen", "city": "witten", "page": 2}).status_code
        == 200
    )
