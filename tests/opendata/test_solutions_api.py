"""/api/v1/solutions/: the solutions cities use, public ones only, with their users counted."""

import pytest

from projects.factories import ProjectPageFactory
from solutions.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def solutions(guetersloh, koeln):
    portal = SolutionPageFactory(
        title="Zaunkönig Bürgerportal", slug="zaunkoenig", origin_city=koeln, licence="EUPL-1.2"
    )
    withdrawn = SolutionPageFactory(title="Eisvogel Fachverfahren", slug="eisvogel")
    ProjectPageFactory(parent=koeln, title="Antragsstrecke Köln", solutions=[portal, withdrawn])
    ProjectPageFactory(parent=guetersloh, title="Antragsstrecke Gütersloh", solutions=[portal])
    draft_user = ProjectPageFactory(parent=guetersloh, title="Entwurf", solutions=[portal])
    draft_user.unpublish()
    withdrawn.unpublish()
    return portal


def test_lists_public_solutions_with_licence_origin_and_published_users(client, solutions):
    response = client.get("/api/v1/solutions/")

    assert response.status_code == 200
    records = response.json()["results"]
    assert [r["slug"] for r in records] == ["zaunkoenig"]  # the unpublished one is not there
    record = records[0]
    assert record["name"] == "Zaunkönig Bürgerportal"
    assert record["licence"] == "EUPL-1.2"
    assert record["origin_city"] == {"slug": "koeln", "name": "Köln"}
    assert record["project_count"] == 2  # the unpublished project does not count
    assert record["url"].endswith("/loesungen/zaunkoenig/")


def test_one_solution_by_slug_and_unknown_or_withdrawn_ones_are_not_found(client, solutions):
    assert client.get("/api/v1/solutions/zaunkoenig/").json()["slug"] == "zaunkoenig"
    assert client.get("/api/v1/solutions/eisvogel/").status_code == 404
    assert client.get("/api/v1/solutions/gibt-es-nicht/").status_code == 404


def test_listing_costs_the_same_for_many_solutions(
    client, solutions, django_assert_max_num_queries
):
    for number in range(10):
        SolutionPageFactory(title=f"Lösung {number}", slug=f"loesung-{number}")
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/solutions/").json()["count"] == 11
