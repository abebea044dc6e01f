"""German relevance on the demo corpus, on the engine (osmem-server)."""

import io

import pytest

from django.core.management import call_command

from search.backends import SearchRequest, get_backend
from search.query import parse

pytestmark = pytest.mark.django_db


def titles(text, **filters):
    response = get_backend().search(SearchRequest(query=parse(text), filters=filters, per_page=50))
    return [hit.title for hit in response.hits], response


def test_german_relevance_on_the_demo_corpus(use_engine):
    call_command("load_demo", stdout=io.StringIO())
    call_command("search_index", "rebuild", stdout=io.StringIO())
    termin = "Terminbuchung im Bürgerbüro mit Dokumenten-Checkliste"

    # inflection, umlauts and their spellings, typos
    for text in ("Termine", "Termin", "Bürgerbüro", "Buergerbuero", "Burgerburo", "Bürgerbuero"):
        assert termin in titles(text)[0], text
    assert "Chatbot für Bürgerfragen" in titles("Chatbto")[0]
    assert "Ratssitzungen im Livestream" in titles("Livestrem")[0]

    # phrase and exclusion
    phrase = titles('"Open Data"')[0]
    assert "Open-Data-Plattform für die Region" in phrase
    assert "Chatbot für Bürgerfragen" not in titles("Chatbot -Köln")[0]
    assert "Chatbot der Ausländerbehörde" in titles("Chatbot -Köln")[0]

    # the two prefixes
    content, response = titles("Content: Livestream")
    assert {hit.kind for hit in response.hits} <= {"project", "event"} and content
    places, response = titles("Ort: Stadthalle")
    assert "Arbeitskreis Digitalisierung in Gütersloh" in places
    assert titles("Ort: Gütersloh")[0][0] in (
        "Gütersloh",
        "Arbeitskreis Digitalisierung in Gütersloh",
    )

    # nonsense finds nothing (guards against analyzers that index empty tokens)
    assert titles("Quarkschnitzelflugzeug")[0] == []

    # facets agree with results
    _titles, everything = titles("Bürger")
    for name, buckets in everything.facets.items():
        for value, count in buckets[:3]:
            assert titles("Bürger", **{name: value})[1].total == count, (name, value)
