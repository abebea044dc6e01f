"""Search that understands German municipal language, on both backends: compound parts,
synonyms the working group keeps, several words of which not all occur, exact before fuzzy."""

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command

from core import german
from projects.factories import ProjectPageFactory
from search.backends import SearchRequest, get_backend
from search.models import SynonymGroup
from search.query import parse
from search.service import run_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(guetersloh, koeln, topic):
    pages = {
        "parking": ProjectPageFactory(
            parent=guetersloh,
            title="Parkscheinautomaten mit Kartenzahlung",
            teaser="Alle Parkscheinautomaten nehmen Karten an.",
        ),
        "ethics": ProjectPageFactory(
            parent=koeln,
            title="Datenethikbeirat",
            teaser="Ein Beirat begleitet algorithmische Systeme.",
        ),
        "drill": ProjectPageFactory(
            parent=koeln,
            title="Notfallübung Cyberangriff",
            teaser="Die Verwaltung übt den Ernstfall.",
        ),
        "case": ProjectPageFactory(
            parent=guetersloh,
            title="Fallmanagement Jugendhilfe",
            teaser="Ein Fall, eine digitale Akte.",
        ),
        "participation": ProjectPageFactory(
            parent=koeln,
            title="Beteiligungsplattform",
            teaser="Vorhaben der Stadt online kommentieren.",
        ),
        "bus": ProjectPageFactory(
            parent=guetersloh,
            title="On-Demand-Verkehr ohne feste Haltestellen",
            teaser="Busse auf Abruf.",
        ),
        "ai": ProjectPageFactory(
            parent=koeln,
            title="KI-Assistent im Bürgerbüro",
            teaser="Ein Assistent beantwortet Fragen.",
        ),
        "tablets": ProjectPageFactory(
            parent=guetersloh,
            title="Tablets für Schulen",
            teaser="Jedes Kind an Schulen bekommt ein Tablet.",
        ),
        "sensors": ProjectPageFactory(
            parent=koeln, title="Sensoren im Stadtpark", teaser="Sensoren messen die Luft im Park."
        ),
        "seniors": ProjectPageFactory(
            parent=guetersloh,
            title="Digitale Sprechstunde",
            tags=["Senioren"],
            teaser="Hilfe am Telefon für ältere Menschen.",
        ),
    }
    SynonymGroup.objects.create(terms="Rufbus, On-Demand-Verkehr, Bedarfsverkehr")
    SynonymGroup.objects.create(terms="KI, künstliche Intelligenz")
    if get_backend().name == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {key: page.title for key, page in pages.items()}


def ranked(text):
    return [hit.title for hit in get_backend().search(SearchRequest(query=parse(text))).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Parkschein", "parking"), ("Ethik", "ethics"), ("Notfall", "drill")],
)
def test_part_of_a_compound_finds_the_compound(engine, corpus, query, expected):
    assert ranked(query)[:1] == [corpus[expected]]


def test_a_known_compound_is_not_split_into_short_words(engine, corpus):
    assert german.compound_parts("Notfall") == ()
    assert corpus["case"] not in ranked("Notfall")


def test_a_compound_query_finds_pages_about_its_head(engine, corpus):
    assert corpus["participation"] in ranked("Bürgerbeteiligung")


def test_synonyms_and_abbreviations_find_each_other(engine, corpus):
    assert ranked("Rufbus")[:1] == [corpus["bus"]]
    assert ranked("Bedarfsverkehr")[:1] == [corpus["bus"]]
    assert ranked("künstliche Intelligenz")[:1] == [corpus["ai"]]


def test_editing_synonyms_takes_effect_without_rebuild(engine, corpus):
    assert corpus["bus"] in ranked("Rufbus")
    SynonymGroup.objects.filter(terms__startswith="Rufbus").delete()
    assert corpus["bus"] not in ranked("Rufbus")
    SynonymGroup.objects.create(terms="Rufbus, On-Demand")
    assert corpus["bus"] in ranked("Rufbus")


def test_not_every_one_of_three_words_must_match(engine, corpus):
    assert ranked("Tablets Schulen WLAN")[:1] == [corpus["tablets"]]
    assert ranked("Papier Tablets Schulen")[:1] == [corpus["tablets"]]


def test_two_words_must_both_match(engine, corpus):
    assert corpus["tablets"] not in ranked("Tablets Cyberangriff")


def test_exact_word_ranks_above_a_near_spelling(engine, corpus):
    assert ranked("Sensoren")[:1] == [corpus["sensors"]]
    assert ranked("Senioren")[:1] == [corpus["seniors"]]


def test_ae_oe_ue_and_inflections_find_the_same(engine, corpus):
    assert corpus["ai"] in ranked("Buergerbuero")
    assert corpus["tablets"] in ranked("Schule")


def test_did_you_mean_only_offers_a_query_with_results(engine, corpus, monkeypatch):
    backend = type(get_backend())
    monkeypatch.setattr(backend, "suggest", lambda self, query: "waren")  # finds nothing
    assert run_search(SearchRequest(query=parse("sparen"))).suggestion is None
    monkeypatch.setattr(backend, "suggest", lambda self, query: "Sensoren")
    assert run_search(SearchRequest(query=parse("Sensorren xqz"))).suggestion == "Sensoren"


def test_nonsense_still_finds_nothing(engine, corpus):
    assert ranked("xqzvwj") == []


def test_a_synonym_group_needs_two_terms():
    with pytest.raises(ValidationError):
        SynonymGroup(terms="KI").full_clean()
    group = SynonymGroup(terms=" KI ,künstliche   Intelligenz, KI")
    group.full_clean()
    assert group.term_list() == ["KI", "künstliche Intelligenz"]


def test_moderators_keep_the_synonyms_and_editors_cannot(client, moderator, guetersloh_editor):
    client.force_login(guetersloh_editor)
    assert client.get("/admin/snippets/search/synonymgroup/").status_code in (302, 403)
    client.force_login(moderator)
    response = client.post(
        "/admin/snippets/search/synonymgroup/add/", {"terms": "OZG, Onlinezugangsgesetz"}
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="OZG, Onlinezugangsgesetz").exists()
    single = client.post("/admin/snippets/search/synonymgroup/add/", {"terms": "OZG"})
    assert single.status_code == 200 and single.context["form"].errors


def test_database_search_tolerates_typos_from_known_words(settings, corpus):
    settings.SEARCH_ENGINE = "database"
    assert ranked("Parkscheinautomatn")[:1] == [corpus["parking"]]
    assert ranked("Datenethikbeirt")[:1] == [corpus["ethics"]]


def test_a_newly_published_word_is_known_to_the_typo_tolerance(settings, corpus, guetersloh):
    settings.SEARCH_ENGINE = "database"
    assert ranked("Hochwasserwarnun") == []
    ProjectPageFactory(parent=guetersloh, title="Hochwasserwarnung per SMS")
    assert ranked("Hochwasserwarnun")[:1] == ["Hochwasserwarnung per SMS"]


def test_place_prefix_still_autocompletes(client, engine, corpus, guetersloh):
    titles = [
        s["title"]
        for s in client.get("/suche/vorschlaege/", {"q": "Ort: Gü"}).json()["suggestions"]
    ]
    assert "Gütersloh" in titles
