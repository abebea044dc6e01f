"""Typed filters in the search box: `Stadt:`, `Thema:`, `Schlagwort:`/`#`, `Status:`,
`Nachnutzbar:`, `Jahr:` – parsed, filtered on both backends, shown as chips, explained when
they name nothing, completed by the autocomplete, never leaking a private name."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command

from wagtail.models import PageViewRestriction

from cities.factories import CityPageFactory
from projects.factories import ProjectPageFactory, TopicFactory
from search.backends import get_backend
from search.prefixes import folded
from search.query import QueryError, parse

SEARCH = "/suche/"
SUGGEST = "/suche/vorschlaege/"


# --- parsing --------------------------------------------------------------------------------


def test_typed_filters_combine_with_free_text():
    query = parse("Thema: Mobilität Stadt: Paderborn Bus")
    assert [(t.facet, t.value) for t in query.terms] == [
        ("topic", "Mobilität"),
        ("city", "Paderborn"),
    ]
    assert query.words == ["Bus"]


@pytest.mark.parametrize(
    ("raw", "facet", "value"),
    [
        ("STADT:köln", "city", "köln"),
        ("stadt : Köln", "city", "Köln"),
        ("#KI", "tag", "KI"),
        ("Schlagwort: Chatbot", "tag", "Chatbot"),
        ("Status: pilot", "status", "pilot"),
        ("Nachnutzbar: ja", "reusable", "ja"),
        ("Jahr:2024", "year", "2024"),
        ('Stadt: "Bergisch Gladbach"', "city", "Bergisch Gladbach"),
    ],
)
def test_each_typed_filter_is_read_in_any_case(raw, facet, value):
    [term] = parse(raw).terms
    assert (term.facet, term.value) == (facet, value)


def test_a_value_of_several_words_is_as_long_as_a_known_name():
    known = {"bergisch gladbach"}

    def value_length(facet, words):
        return 2 if " ".join(words[:2]).lower() in known else 1

    query = parse("Stadt: Bergisch Gladbach Bus", value_length=value_length)
    assert [t.value for t in query.terms] == ["Bergisch Gladbach"]
    assert query.words == ["Bus"]


def test_a_filter_word_inside_quotes_or_a_word_is_plain_text():
    query = parse('"Stadt: Köln" Ratsstadt:Bonn')
    assert query.terms == []
    assert query.phrases == ["Stadt Köln"]


@pytest.mark.parametrize(
    ("raw", "example"),
    [
        ("Stadt:", "Stadt: Gütersloh"),
        ("Bus Thema:", "Thema: Mobilität"),
        ("Stadt: -Köln", "Stadt: Gütersloh"),
        ('Jahr: ""', "Jahr: 2024"),
    ],
)
def test_a_filter_without_value_is_an_error_that_names_an_example(raw, example):
    with pytest.raises(QueryError, match=example):
        parse(raw)


def test_a_lone_hash_is_a_character_not_a_filter():
    assert parse("# Bus").terms == []


def test_removing_a_filter_keeps_the_rest_of_the_text():
    query = parse('Bus Stadt: "Bergisch Gladbach" #KI -Köln')
    city, tag = query.terms
    assert query.without(city) == "Bus #KI -Köln"
    assert query.without(city, tag) == "Bus -Köln"


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Guetersloh", "Gütersloh"),
        ("gutersloh", "Gütersloh"),
        ("mobilitaet", "Mobilität"),
        ("OPEN-data", "Open Data"),
    ],
)
def test_names_are_matched_without_case_umlauts_and_hyphens(typed, name):
    assert folded(typed) == folded(name)


# --- filtering, on both backends --------------------------------------------------------------


@pytest.fixture
def catalogue(guetersloh, koeln, topic, other_topic):
    """Two cities' projects: Gütersloh's bus on mobility (reusable, live since 2024), Köln's
    bus on citizen services (a pilot), Köln's open data on mobility (not reusable)."""
    pages = {
        "gt_bus": ProjectPageFactory(
            parent=guetersloh,
            title="Rufbus für Gütersloh",
            topics=[other_topic],
            tags=["Rufbus", "On-Demand"],
            teaser="Ein Bus auf Bestellung für die Dörfer.",
            status="live",
            reuse_mode="open_source",
            go_live_date=dt.date(2024, 5, 1),
        ),
        "k_bus": ProjectPageFactory(
            parent=koeln,
            title="Bus-Auskunft im Bürgerbüro",
            topics=[topic],
            tags=["Auskunft"],
            teaser="Fahrplanauskunft für den Bus am Schalter.",
            status="pilot",
            go_live_date=dt.date(2023, 2, 1),
        ),
        "k_data": ProjectPageFactory(
            parent=koeln,
            title="Offene Mobilitätsdaten",
            topics=[other_topic],
            tags=["Open Data"],
            teaser="Daten zu Rädern, Bussen und Parkplätzen.",
            status="completed",
            reuse_mode="not_reusable",
        ),
    }
    if get_backend().name == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return pages


def found(client, text, **params):
    response = client.get(SEARCH, {"q": text, **params})
    assert response.status_code == 200, response.content[:2000]
    page = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(strip=True) for a in page.select(".search-result__title a")}


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("Thema: Mobilität Stadt: Gütersloh Bus", {"Rufbus für Gütersloh"}),
        ("thema: mobilitaet stadt: koeln", {"Offene Mobilitätsdaten"}),
        ("Bus #Auskunft", {"Bus-Auskunft im Bürgerbüro"}),
        ("Schlagwort: open-data", {"Offene Mobilitätsdaten"}),
        ("Status: Pilot", {"Bus-Auskunft im Bürgerbüro"}),
        ("Status: im betrieb Bus", {"Rufbus für Gütersloh"}),
        ("Nachnutzbar: ja", {"Rufbus für Gütersloh"}),
        ("Nachnutzbar: nein Stadt: Köln", {"Bus-Auskunft im Bürgerbüro", "Offene Mobilitätsdaten"}),
        ("Jahr: 2023", {"Bus-Auskunft im Bürgerbüro"}),
        ("#Rufbus #On-Demand", {"Rufbus für Gütersloh"}),
        ("#Rufbus #Auskunft", set()),
    ],
)
def test_typed_filters_narrow_the_results(engine, catalogue, client, text, titles):
    assert found(client, text) == titles


def test_a_typed_filter_finds_what_its_facet_finds(engine, catalogue, client):
    assert found(client, "Bus Thema: Bürgerservice") == found(client, "Bus", topic="buergerservice")


def test_a_typed_filter_takes_the_place_of_its_facet_parameter(engine, catalogue, client):
    assert found(client, "Daten Stadt: Köln", city="guetersloh") == {"Offene Mobilitätsdaten"}


# --- chips, facet links and messages (the page, on the database) ------------------------------


@pytest.fixture
def database(settings):
    settings.SEARCH_ENGINE = "database"


def page_of(response):
    return BeautifulSoup(response.content, "html.parser")


def query_of(href):
    return parse_qs(urlsplit(href).query)


def test_each_typed_filter_is_a_chip_whose_link_removes_it(database, catalogue, client):
    response = client.get(SEARCH, {"q": "Thema: mobilitaet Bus Stadt: Guetersloh", "sort": "date"})
    chips = {a.get_text(" ", strip=True): a["href"] for a in page_of(response).select("a.chip")}
    assert set(chips) == {
        "Filter entfernen: Thema: Mobilität ✕",
        "Filter entfernen: Stadt: Gütersloh ✕",
    }
    assert query_of(chips["Filter entfernen: Stadt: Gütersloh ✕"]) == {
        "q": ["Thema: mobilitaet Bus"],
        "sort": ["date"],
    }


def test_the_facet_of_a_typed_filter_edits_the_query_text(database, catalogue, client):
    response = client.get(SEARCH, {"q": "Bus Stadt: Köln"})
    links = {
        a.get_text(" ", strip=True): a["href"]
        for a in page_of(response).select(".facet a")
        if "Köln" in a.get_text() or "Gütersloh" in a.get_text()
    }
    [selected] = [href for text, href in links.items() if "Köln" in text]
    assert query_of(selected) == {"q": ["Bus"]}


def test_an_unknown_value_says_so_and_links_the_search_meant(database, catalogue, client):
    response = client.get(SEARCH, {"q": "Bus Thema: Mobilitaet2"})
    assert response.status_code == 200
    page = page_of(response)
    alert = page.select_one(".kern-alert--warning")
    assert "Kein Thema ‚Mobilitaet2‘ – meinten Sie ‚Mobilität‘?" in alert.get_text()
    assert not page.select(".search-result")
    assert query_of(alert.a["href"]) == {"q": ["Bus Thema: Mobilität"]}
    assert found(client, query_of(alert.a["href"])["q"][0]) == {"Rufbus für Gütersloh"}


def test_a_city_of_several_words_needs_no_quotes(database, catalogue, client):
    gladbach = CityPageFactory(title="Bergisch Gladbach", slug="bergisch-gladbach")
    ProjectPageFactory(parent=gladbach, title="Bus-Tracker", teaser="Wo ist der Bus?")
    for text in ("Stadt: bergisch gladbach Bus", 'Bus Stadt: "Bergisch Gladbach"'):
        response = client.get(SEARCH, {"q": text})
        assert [a.get_text(" ", strip=True) for a in page_of(response).select("a.chip")] == [
            "Filter entfernen: Stadt: Bergisch Gladbach ✕"
        ]
        assert found(client, text) == {"Bus-Tracker"}


def test_did_you_mean_keeps_the_typed_filters(database, catalogue, client):
    response = client.get(SEARCH, {"q": "Opem Stadt: Köln"})
    link = page_of(response).select_one(".suggestion a")
    assert query_of(link["href"]) == {"q": ["open Stadt: Köln"]}


def test_typed_filters_cost_a_bounded_number_of_queries(
    database, catalogue, client, django_assert_max_num_queries
):
    client.get(SEARCH, {"q": "Bus Stadt: Köln"})  # the names are read once, then kept
    with django_assert_max_num_queries(25):
        client.get(SEARCH, {"q": "Bus Thema: Mobilität #Rufbus Stadt: Gütersloh Jahr: 2024"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Status: Planing", "Kein Status ‚Planing‘ – meinten Sie ‚Planung‘?"),
        ("#Rufbuss", "Kein Schlagwort ‚Rufbuss‘ – meinten Sie ‚Rufbus‘?"),
        ("Stadt: Gutersloo Bus", "Keine Stadt ‚Gutersloo‘ – meinten Sie ‚Gütersloh‘?"),
    ],
)
def test_each_kind_of_unknown_value_names_the_value_meant(
    database, catalogue, client, text, message
):
    response = client.get(SEARCH, {"q": text})
    assert message in page_of(response).select_one(".kern-alert--warning").get_text()


def test_an_unknown_city_without_anything_near_says_so(database, catalogue, client):
    response = client.get(SEARCH, {"q": "Stadt: Xqzvw"})
    assert response.status_code == 200
    assert "Keine Stadt ‚Xqzvw‘." in page_of(response).select_one(".kern-alert--warning").text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Jahr: abc", "Jahreszahl"),
        ("Jahr: 20245", "zwischen 1900 und 2200"),
        ("Jahr: 0", "zwischen 1900 und 2200"),
        ("Nachnutzbar: vielleicht", "„ja“ oder „nein“"),
        ("Stadt:", "z. B. Stadt: Gütersloh"),
        ("Bus Jahr:", "z. B. Jahr: 2024"),
        ("Stadt: Köln Stadt: Gütersloh", "nur einmal"),
        ("Status: Pilot Status: Idee", "nur einmal"),
    ],
)
def test_a_malformed_filter_is_a_clear_400(database, catalogue, client, text, message):
    response = client.get(SEARCH, {"q": text})
    assert response.status_code == 400
    assert message in page_of(response).select_one(".kern-alert--danger").get_text()


@pytest.mark.parametrize(
    "text",
    [
        "Stadt: " + "x" * 290,
        "Thema: " + " ".join(["Mobilität"] * 30),
        "#" + "#" * 100,
        "Stadt: Köln Stadt: Köln",
        "#KI #KI #ki",
        "Thema:Thema:Thema:",
        'Stadt:"',
        "Jahr: ٢٠٢٤",
        "Jahr: 2024 Jahr: 2024",
        "Stadt: \u200bKöln\u202e",
        "Status: ☃",
        "Content: Ort: Stadt: Köln",
    ],
)
def test_odd_filters_never_fail(database, catalogue, client, text):
    assert client.get(SEARCH, {"q": text}).status_code in (200, 400)
    assert client.get(SUGGEST, {"q": text}).status_code == 200


def test_the_search_help_explains_every_typed_filter(db, client, database):
    response = client.get(SEARCH)
    help_ = page_of(response).select_one("details.search-help")
    assert help_.summary.get_text(strip=True) == "Suchhilfe"
    for example in ("Stadt:", "Thema:", "Schlagwort:", "#KI", "Status:", "Nachnutzbar:", "Jahr:"):
        assert example in help_.get_text()
    assert "Abgeschlossen" in help_.get_text()


# --- autocomplete after the colon ---------------------------------------------------------


def suggestions(client, text):
    response = client.get(SUGGEST, {"q": text})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["suggestions"]]


def test_autocomplete_completes_a_typed_city_and_topic(database, catalogue, client):
    assert suggestions(client, "Stadt: Gü") == ["Stadt: Gütersloh"]
    assert suggestions(client, "Bus thema: mob") == ["Bus Thema: Mobilität"]
    assert suggestions(client, "#open") == ["#Open-Data"]
    assert "Status: Pilot" in suggestions(client, "Status: pi")
    assert suggestions(client, "Nachnutzbar: j") == ["Nachnutzbar: ja"]


def test_autocomplete_after_a_complete_city_completes_titles(database, catalogue, client):
    assert "Rufbus für Gütersloh" in suggestions(client, "Stadt: Gütersloh Rufb")


def test_autocomplete_never_names_a_private_city_or_a_topic_without_public_content(
    database, catalogue, client
):
    hidden = CityPageFactory(title="Geheimhausen", slug="geheimhausen")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    TopicFactory(name="Geheimthema")
    assert suggestions(client, "Stadt: Geh") == []
    assert suggestions(client, "Thema: Geh") == []
    response = client.get(SEARCH, {"q": "Stadt: Geheimhausn"})
    assert "Geheimhausen" not in response.content.decode()
