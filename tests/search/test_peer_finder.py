"""The peer finder: similar projects, similar cities, "Wer macht das schon?"."""

import pytest

from django.core.management import call_command

from cities.factories import CityPageFactory
from projects.factories import ProjectPageFactory
from search import service

pytestmark = pytest.mark.django_db


@pytest.fixture
def peers(engine, guetersloh, koeln, topic):
    bielefeld = CityPageFactory(title="Bielefeld", region="ostwestfalen-lippe", slug="bielefeld")
    termin_text = dict(
        topics=[topic],
        tags=["Terminvergabe", "Bürgerbüro"],
        challenge="<p>Bürgerinnen kommen ohne Unterlagen zum Termin im Bürgerbüro.</p>",
    )
    pages = {
        "own": ProjectPageFactory(
            parent=guetersloh,
            title="Terminbuchung mit Checkliste",
            teaser="Termine buchen und Unterlagen vorab kennen.",
            contact_name="Anna Berger",
            contact_email="anna@gt.example",
            **termin_text,
        ),
        "same_city": ProjectPageFactory(
            parent=guetersloh,
            title="Terminerinnerung per SMS",
            teaser="Erinnerung an Termine im Bürgerbüro.",
            **termin_text,
        ),
        "other_city": ProjectPageFactory(
            parent=bielefeld,
            title="Online-Terminvergabe",
            teaser="Termine für alle Bürgerämter online buchen.",
            **termin_text,
        ),
        "unrelated": ProjectPageFactory(
            parent=koeln,
            title="Handyparken",
            tags=["Parken"],
            teaser="Parkgebühren per App zahlen.",
            challenge="<p>Parkscheinautomaten sind teuer.</p>",
        ),
    }
    if engine == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return pages


def test_similar_projects_come_from_other_cities_only_and_say_why(peers):
    similar = service.similar_projects(peers["own"])
    projects = [match.project for match in similar]
    assert peers["own"] not in projects and peers["same_city"] not in projects
    assert projects[0] == peers["other_city"]
    assert peers["unrelated"] not in projects
    reason = str(similar[0].reason)
    assert "Bürgerservice" in reason and "Terminvergabe" in reason


def test_project_page_shows_similar_projects_in_other_cities(client, peers):
    html = client.get(peers["own"].url).content.decode()
    assert "Ähnliche Projekte in anderen Städten" in html and "Online-Terminvergabe" in html
    assert "Terminerinnerung per SMS" not in html.split("Ähnliche Projekte")[1]


def test_city_page_lists_cities_with_similar_projects(client, peers, guetersloh):
    html = client.get(guetersloh.url).content.decode()
    similar = html.split("Städte mit ähnlichen Vorhaben")[1].split("</ul>")[0]
    first = similar.split("<li>")[1]
    assert ">Bielefeld</a>" in first and peers["other_city"].title in first
    assert ">Gütersloh</a>" not in similar


def test_wer_macht_das_schon_ranks_projects_and_cities(client, peers):
    response = client.get(
        "/wer-macht-das-schon/",
        {
            "challenge": "Unsere Bürger erscheinen ohne Unterlagen zum Termin im Bürgerbüro. "
            "Wir suchen eine Terminvergabe, die vorher sagt, was mitzubringen ist."
        },
    )
    assert response.status_code == 200
    projects = [match.project for match in response.context["projects"]]
    assert peers["unrelated"] not in projects
    assert {peers["own"], peers["other_city"]} <= set(projects)
    assert {city.title for city, _p in response.context["cities"]} >= {"Gütersloh", "Bielefeld"}
    html = response.content.decode()
    assert "anna@gt.example" not in html  # contacts for members only


def test_wer_macht_das_schon_shows_contacts_to_members(client, peers, member):
    client.force_login(member)
    response = client.get(
        "/wer-macht-das-schon/", {"challenge": "Termin im Bürgerbüro mit Unterlagen"}
    )
    assert "anna@gt.example" in response.content.decode()


@pytest.mark.parametrize("challenge", ["", "kurz", "x" * 6000])
def test_wer_macht_das_schon_rejects_empty_or_huge_input(client, peers, challenge):
    response = client.get("/wer-macht-das-schon/", {"challenge": challenge})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_wer_macht_das_schon_without_input_shows_the_form(client, db):
    response = client.get("/wer-macht-das-schon/")
    assert response.status_code == 200 and "<textarea" in response.content.decode()


def test_engine_away_project_page_shows_the_databases_peers_without_keeping_them(
    client, settings, peers
):
    from django.core.cache import cache

    from core import public_cache
    from search.backends.elastic import reset_client

    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.ELASTICSEARCH_TIMEOUT = 1
    reset_client()
    try:
        html = client.get(peers["own"].url).content.decode()
    finally:
        reset_client()
    assert "Online-Terminvergabe" in html.split("Ähnliche Projekte in anderen Städten")[1]
    # Kept answers are the engine's only: the database's stand-in is asked again next time.
    # (Read through the cache API: with CACHE_URL=redis://… there is no local dict to look in.)
    assert cache.get(public_cache.key(f"similar-projects:elasticsearch:{peers['own'].pk}")) is None


def test_preview_of_a_draft_shows_the_drafts_own_peers(client, peers, moderator):
    live = client.get(peers["own"].url).content.decode()
    assert "Online-Terminvergabe" in live.split("Ähnliche Projekte in anderen Städten")[1]
    draft = peers["own"]
    draft.title = "Parken ohne Kleingeld"
    draft.teaser = "Parkgebühren per App zahlen statt am Parkscheinautomaten."
    draft.challenge = "<p>Parkscheinautomaten sind teuer, Parken per App spart sie.</p>"
    draft.topics.set([])
    draft.tags.set(["Parken"])
    draft.save_revision()
    client.force_login(moderator)
    html = client.get(f"/admin/pages/{draft.pk}/view_draft/").content.decode()
    similar = html.split("Ähnliche Projekte in anderen Städten")[1]
    assert "Handyparken" in similar and "Online-Terminvergabe" not in similar


def test_the_engines_answer_is_kept_under_the_key_the_stand_in_avoids(client, peers, settings):
    from django.core.cache import cache

    from core import public_cache

    client.get(peers["own"].url)
    name = f"similar-projects:{settings.SEARCH_ENGINE}:{peers['own'].pk}"
    assert cache.get(public_cache.key(name)) is not None
