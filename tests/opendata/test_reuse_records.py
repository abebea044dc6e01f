"""Solutions and confirmed reuse in the API and the downloads; requested reuse and drafts
never."""

import csv
import io
import json

import pytest

from projects.factories import ProjectPageFactory, ProjectReuseFactory
from solutions.factories import SolutionPageFactory
from tests.helpers import body

pytestmark = pytest.mark.django_db


@pytest.fixture
def reuse(koeln, guetersloh):
    platform = SolutionPageFactory(title="Open-Data-Plattform", slug="open-data-plattform")
    origin = ProjectPageFactory(parent=koeln, title="Offene Daten Köln", solutions=[platform])
    adopter = ProjectPageFactory(parent=guetersloh, title="Datenportal GT", solutions=[platform])
    requested = ProjectPageFactory(parent=guetersloh, title="Nur angefragt")
    draft = ProjectPageFactory(parent=guetersloh, title="Entwurf", live=False)
    ProjectReuseFactory(origin=origin, adopter=adopter, effort_person_days=12, helped="Doku")
    ProjectReuseFactory(origin=origin, adopter=requested, confirmed_at=None)
    ProjectReuseFactory(origin=origin, adopter=draft)
    return origin, adopter


def records(client):
    return {r["title"]: r for r in client.get("/api/v1/projects/").json()["results"]}


def test_api_record_names_solutions_and_confirmed_reuse_only(client, reuse):
    found = records(client)

    origin, adopter = found["Offene Daten Köln"], found["Datenportal GT"]
    assert origin["solutions"] == [
        {"slug": "open-data-plattform", "name": "Open-Data-Plattform", "kind": "software"}
    ]
    assert [r["project"]["title"] for r in origin["reused_by"]] == ["Datenportal GT"]
    assert adopter["reuses"][0]["project"]["city"]["slug"] == "koeln"
    assert adopter["reuses"][0]["effort_person_days"] == 12
    assert found["Nur angefragt"]["reuses"] == []
    assert "Entwurf" not in json.dumps(found)


def test_api_detail_has_the_same_reuse(client, reuse):
    origin, _adopter = reuse

    record = client.get(f"/api/v1/projects/{origin.pk}/").json()

    assert [r["project"]["title"] for r in record["reused_by"]] == ["Datenportal GT"]


def test_csv_download_has_solutions_and_reuse(client, reuse):
    text = body(client.get("/daten/kommunal-digital-projekte.csv")).decode("utf-8-sig")

    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["Datenportal GT"]["solutions"] == "Open-Data-Plattform"
    assert rows["Datenportal GT"]["reuses"] == "koeln/offene-daten-koeln:tenant"
    assert rows["Nur angefragt"]["reuses"] == ""
