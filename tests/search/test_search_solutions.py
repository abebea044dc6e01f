"""A search for a solution's name finds the projects that use it, and „Lösung“ is a facet – on
the engine and on the database."""

import pytest

from django.core.management import call_command

from projects.factories import ProjectPageFactory
from search.backends import SearchRequest, get_backend
from search.query import parse
from solutions.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(guetersloh, koeln):
    suite = SolutionPageFactory(title="Zaunkönig Bürgerportal", slug="zaunkoenig")
    withdrawn = SolutionPageFactory(title="Eisvogel Fachverfahren", slug="eisvogel")
    ProjectPageFactory(parent=koeln, title="Antragsstrecke Köln", solutions=[suite, withdrawn])
    ProjectPageFactory(parent=guetersloh, title="Antragsstrecke Gütersloh", solutions=[suite])
    ProjectPageFactory(parent=guetersloh, title="Antragsstrecke ohne Portal")
    withdrawn.unpublish()
    if get_backend().name == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115


def run(text, **kwargs):
    return get_backend().search(SearchRequest(query=parse(text), **kwargs))


def test_product_name_finds_the_projects_that_use_it(engine, corpus):
    found = {hit.title for hit in run("Zaunkönig").hits}

    assert {"Antragsstrecke Köln", "Antragsstrecke Gütersloh"} <= found
    assert "Antragsstrecke ohne Portal" not in found


def test_solution_facet_counts_and_filters(engine, corpus):
    response = run("Antragsstrecke")
    narrowed = run("Antragsstrecke", filters={"solution": "zaunkoenig"})

    assert ("zaunkoenig", 2) in response.facets["solution"]
    assert {hit.title for hit in narrowed.hits} == {
        "Antragsstrecke Köln",
        "Antragsstrecke Gütersloh",
    }


def test_search_page_offers_the_facet_without_unpublished_solutions(client, engine, corpus):
    html = client.get("/suche/", {"q": "Antragsstrecke"}).content.decode()

    assert "Lösung" in html and "Zaunkönig Bürgerportal" in html
    assert "solution=zaunkoenig" in html
    assert "eisvogel" not in html and "Eisvogel" not in html


@pytest.fixture
def indexed(engine, guetersloh, django_capture_on_commit_callbacks):
    solution = SolutionPageFactory(title="Kranich Terminportal", slug="kranich")
    with django_capture_on_commit_callbacks(execute=True):
        ProjectPageFactory(parent=guetersloh, title="Termine im Bürgerbüro", solutions=[solution])
    if get_backend().name == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert {hit.title for hit in run("Kranich").hits} == {"Termine im Bürgerbüro"}
    return solution


def test_a_withdrawn_solution_no_longer_finds_the_projects_that_used_it(
    indexed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        indexed.unpublish()

    assert run("Kranich").hits == []
    assert {hit.title for hit in run("Bürgerbüro").hits} == {"Termine im Bürgerbüro"}


def test_a_renamed_solution_finds_its_projects_by_the_new_name_only(
    indexed, django_capture_on_commit_callbacks
):
    renamed = indexed.get_latest_revision_as_object()
    renamed.title = "Reiher Terminportal"
    with django_capture_on_commit_callbacks(execute=True):
        renamed.save_revision().publish()

    assert {hit.title for hit in run("Reiher").hits} == {"Termine im Bürgerbüro"}
    assert run("Kranich").hits == []
