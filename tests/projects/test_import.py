"""Spreadsheet import: the command and the admin page, all or nothing, updates by external id,
drafts in moderation, and the export → import round trip."""

import csv
import io

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Revision
from wagtail.rich_text import RichText

from cities.factories import CityPageFactory
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage, ProjectPartner
from projects.spreadsheet import export, importer
from projects.spreadsheet.columns import COLUMN_NAMES, IMPORTABLE
from projects.spreadsheet.importer import import_file
from tests.helpers import body

pytestmark = pytest.mark.django_db

HEADER = ["external_id", "title", "city", "status", "teaser", "challenge", "start_date", "topics"]


def csv_bytes(rows, header=HEADER, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def valid_row(external_id="GT-1", title="Chatbot für Bürgerfragen", city="guetersloh", **cells):
    row = dict(
        external_id=external_id,
        title=title,
        city=city,
        status="pilot",
        teaser="Ein Chatbot beantwortet Fragen rund um die Uhr.",
        challenge="Viele Anrufe.\n\nImmer dieselben Fragen.",
        start_date="01.03.2025",
        topics="Bürgerservice",
    )
    row.update(cells)
    return [row[name] for name in HEADER]


def snapshot():
    return (
        list(ProjectPage.objects.order_by("pk").values_list("pk", "title", "live", "teaser")),
        Revision.objects.count(),
    )


@pytest.fixture
def cities(guetersloh, koeln, topic, other_topic):
    return {"guetersloh": guetersloh, "koeln": koeln}


def test_import_creates_drafts_in_moderation(cities, moderator):
    result = import_file(csv_bytes([valid_row()]), "liste.csv", user=moderator)
    assert result.ok and result.created == 1
    project = ProjectPage.objects.get(external_id="GT-1")
    assert project.lead_city == cities["guetersloh"]
    assert not project.live
    assert project.workflow_in_progress
    assert project.current_workflow_state.requested_by == moderator
    draft = project.get_latest_revision_as_object()
    assert draft.challenge == "<p>Viele Anrufe.</p><p>Immer dieselben Fragen.</p>"
    assert str(draft.start_date) == "2025-03-01"
    assert [t.name for t in draft.topics.all()] == ["Bürgerservice"]


def test_reimport_updates_instead_of_duplicating(cities, moderator):
    import_file(csv_bytes([valid_row()]), "liste.csv", user=moderator)
    again = import_file(csv_bytes([valid_row()]), "liste.csv", user=moderator)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = import_file(
        csv_bytes([valid_row(title="Chatbot „Frag Gütersloh“")]), "liste.csv", user=moderator
    )
    assert (changed.created, changed.updated) == (0, 1)
    assert ProjectPage.objects.count() == 1
    project = ProjectPage.objects.get()
    assert project.get_latest_revision_as_object().title == "Chatbot „Frag Gütersloh“"


def test_update_of_a_live_project_waits_for_moderation(cities, moderator):
    project = ProjectPageFactory(parent=cities["guetersloh"], title="Chatbot", external_id="GT-1")
    result = import_file(
        csv_bytes([valid_row(teaser="Neuer Teaser.")]), "liste.csv", user=moderator
    )
    assert result.updated == 1
    project.refresh_from_db()
    assert project.live and project.teaser == "Kurzbeschreibung Chatbot"
    assert project.has_unpublished_changes and project.workflow_in_progress
    assert project.get_latest_revision_as_object().teaser == "Neuer Teaser."


def test_same_external_id_in_two_cities_is_two_projects(cities):
    rows = [valid_row(external_id="1"), valid_row(external_id="1", city="05315000")]
    result = import_file(csv_bytes(rows), "liste.csv")
    assert result.created == 2
    assert sorted(p.lead_city.title for p in ProjectPage.objects.all()) == ["Gütersloh", "Köln"]


@pytest.mark.parametrize(
    ("rows", "row", "column", "message"),
    [
        ([valid_row(city="Atlantis")], 2, "city", "Unbekannte Stadt"),
        ([valid_row(start_date="31.02.2025")], 2, "start_date", "ist kein Datum"),
        ([valid_row(title="")], 2, "title", "Der Titel fehlt"),
        ([valid_row(status="erfunden")], 2, "status", "Unbekannter Wert"),
        ([valid_row(), valid_row(title="Anders")], 3, "external_id", "Doppelte Zeile"),
        ([valid_row(topics="Astrologie")], 2, "topics", "Unbekanntes Thema"),
        ([valid_row(teaser="")], 2, "teaser", "Kurztext ist Pflicht"),
        ([valid_row(external_id="")], 2, "external_id", "Kennung ist Pflicht"),
        # A valid first row is not written either: all or nothing.
        ([valid_row(external_id="ok"), valid_row(city="")], 3, "city", "Die Stadt fehlt"),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_written(cities, rows, row, column, message):
    before = snapshot()
    result = import_file(csv_bytes(rows), "liste.csv")
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(row, column)]
    assert message in result.errors[0].message
    assert snapshot() == before


def test_every_problem_of_a_file_is_reported_at_once(cities):
    rows = [valid_row(city="Atlantis", start_date="gestern"), valid_row("2", status="?")]
    result = import_file(csv_bytes(rows), "liste.csv")
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "city"),
        (2, "start_date"),
        (3, "status"),
    ]


def test_algorithmic_system_needs_the_ethics_answers(cities):
    header = [*HEADER, "uses_algorithmic_system", "ethics_purpose"]
    rows = [[*valid_row(), "ja", "Auskunft"]]
    result = import_file(csv_bytes(rows, header), "liste.csv")
    assert {e.column for e in result.errors} == {
        "ethics_data",
        "ethics_oversight",
        "ethics_transparency",
        "ethics_evaluation",
        "ethics_complaints",
    }
    assert ProjectPage.objects.count() == 0


def test_header_problems(cities):
    result = import_file(csv_bytes([["x"]], header=["titel"]), "liste.csv")
    columns = {(e.row, e.column) for e in result.errors}
    assert (1, "titel") in columns and (1, "external_id") in columns and (1, "city") in columns


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "liste.csv", "leer"),
        (b"PK\x03\x04 kaputt", "liste.xlsx", "kann nicht gelesen werden"),
        (b"\x00\x01\x02", "liste.csv", "keine Textdatei"),
        (b"a,b", "liste.pdf", "CSV- oder XLSX-Datei"),
        (b"x" * (importer.MAX_UPLOAD_BYTES + 1), "liste.csv", "größer als"),
    ],
)
def test_broken_files_are_refused_with_a_message(cities, data, name, message):
    result = import_file(data, name)
    assert not result.ok and message in result.errors[0].message
    assert ProjectPage.objects.count() == 0


def test_semicolon_csv_in_windows_encoding_from_a_german_spreadsheet(cities):
    data = csv_bytes([valid_row(title="Bürgerbüro")], delimiter=";").decode().encode("cp1252")
    result = import_file(data, "liste.csv")
    assert result.ok, result.errors
    assert ProjectPage.objects.get().title == "Bürgerbüro"


def test_partner_cities_keep_the_order_of_the_cell(cities):
    CityPageFactory(title="Witten", slug="witten")
    row = [*valid_row(), "witten:adopter; koeln:tenant"]
    assert import_file(csv_bytes([row], header=HEADER + ["partner_cities"]), "l.csv").ok
    project = ProjectPage.objects.get()
    # The position is stored, not left to the database's whim (PostgreSQL returns ties in any
    # order): the page and every export list the partners as the spreadsheet did.
    assert [(p.sort_order, p.city.slug, p.role) for p in project.partners.all()] == [
        (0, "witten", "adopter"),
        (1, "koeln", "tenant"),
    ]


def test_xlsx_template_and_import(cities, tmp_path):
    from openpyxl import load_workbook

    out = io.BytesIO()
    export.write_xlsx(export.template_rows(), out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    sheet = workbook["Projekte"]
    assert [c.value for c in sheet[1]] == COLUMN_NAMES
    # The example row of the template is itself a valid import.
    result = import_file(out.getvalue(), "vorlage.xlsx")
    assert result.ok, result.errors
    project = ProjectPage.objects.get()
    assert project.external_id == "GT-2025-07"
    assert sorted(t.name for t in project.tags.all()) == ["Bürgerbüro", "Terminvergabe"]
    assert [t.name for t in project.topics.all()] == ["Bürgerservice"]
    partner = ProjectPartner.objects.get(page=project)
    assert (partner.city.slug, partner.role) == ("koeln", "tenant")


def test_export_then_import_into_an_empty_database_gives_back_the_same_projects(
    client, cities, topic, other_topic, moderator
):
    gt, koeln = cities["guetersloh"], cities["koeln"]
    ProjectPageFactory(
        parent=gt,
        title="Terminbuchung",
        topics=[topic],
        tags=["Terminvergabe", "Bürgerbüro"],
        status="live",
        reuse_mode="tenant",
        start_date="2024-01-15",
        go_live_date="2024-06-01",
        challenge="<p>Wer kommt, bringt nicht alles mit.</p><p>Zweiter Absatz.</p>",
        solution=[("paragraph", RichText("<p>Eine Checkliste im Termin.</p>"))],
        licence="EUPL-1.2",
        repository_url="https://code.example/termine",
        budget_range="lt50k",
        uses_algorithmic_system=True,
        ethics_purpose="Zweck",
        ethics_data="Daten",
        ethics_oversight="Aufsicht",
        ethics_transparency="Transparenz",
        ethics_evaluation="Evaluation",
        ethics_complaints="Beschwerde",
    )
    opendata = ProjectPageFactory(
        parent=koeln, title="Open-Data-Plattform", tags=["Open Data"], external_id="K-7"
    )
    ProjectPartner.objects.create(page=opendata, city=gt, role="tenant")
    ProjectPageFactory(parent=koeln, title="On-Demand-Bus", topics=[other_topic], status="planning")

    def export():
        response = client.get("/daten/kommunal-digital-projekte.csv")
        content = body(response)
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
        return {(r["city"], r["external_id"]): r for r in rows}, content

    before, data = export()
    ProjectPage.objects.all().delete()
    assert ProjectPage.objects.count() == 0

    result = import_file(data, "export.csv", user=moderator)
    assert result.ok, result.errors
    assert result.created == 3
    for project in ProjectPage.objects.all():
        project.get_latest_revision().publish()  # the moderators approve
    after, _data = export()

    assert after.keys() == before.keys()
    for key, row in before.items():
        assert {n: after[key][n] for n in IMPORTABLE} == {n: row[n] for n in IMPORTABLE}, key


def test_command_with_progress_dry_run_and_errors(cities, tmp_path, moderator):
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes([valid_row(), valid_row("GT-2", title="Zweites")]))
    out = io.StringIO()
    call_command("import_projects", str(path), "--dry-run", stdout=out)
    assert "2 Zeilen sind gültig" in out.getvalue()
    assert ProjectPage.objects.count() == 0

    call_command("import_projects", str(path), "--user", moderator.username, stdout=out)
    assert "100% (2/2)" in out.getvalue()
    assert "2 angelegt" in out.getvalue()
    call_command("import_projects", str(path), stdout=out)
    assert "0 angelegt, 0 aktualisiert, 2 unverändert" in out.getvalue()

    path.write_bytes(csv_bytes([valid_row("GT-3", city="Atlantis")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="nichts wurde importiert"):
        call_command("import_projects", str(path), stdout=out, stderr=err)
    assert "Zeile 2, Spalte city" in err.getvalue()
    with pytest.raises(CommandError, match="kann nicht gelesen werden: Datei nicht gefunden"):
        call_command("import_projects", str(tmp_path / "fehlt.csv"))
    with pytest.raises(CommandError, match="Kein Benutzer „niemand“"):
        call_command("import_projects", str(path), "--user", "niemand")


def test_admin_upload_check_then_import(client, cities, moderator, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    client.force_login(moderator)
    page = client.get("/admin/projekte-import/")
    assert page.status_code == 200
    assert b"projekte-import/vorlage.xlsx" in page.content

    bad = io.BytesIO(csv_bytes([valid_row(city="Atlantis")]))
    bad.name = "liste.csv"
    response = client.post("/admin/projekte-import/", {"file": bad})
    assert "Atlantis" in response.content.decode()
    assert ProjectPage.objects.count() == 0

    good = io.BytesIO(csv_bytes([valid_row()]))
    good.name = "liste.csv"
    response = client.post("/admin/projekte-import/", {"file": good})
    token = response.context["token"]
    assert ProjectPage.objects.count() == 0  # checked, not yet written
    response = client.post("/admin/projekte-import/", {"token": token})
    assert response.status_code == 302
    assert ProjectPage.objects.get().external_id == "GT-1"
    # The checked file is gone; only an empty note that it was imported remains.
    assert [(p.name, p.stat().st_size) for p in (tmp_path / "imports").iterdir()] == [
        (f"{token}.imported", 0)
    ]
    # The same token cannot import twice.
    response = client.post("/admin/projekte-import/", {"token": token}, follow=True)
    assert "bereits importiert" in response.content.decode()
    assert ProjectPage.objects.count() == 1


def test_admin_upload_refuses_missing_and_oversized_files(client, cities, moderator):
    client.force_login(moderator)
    assert client.post("/admin/projekte-import/", {}).status_code == 400
    big = io.BytesIO(b"x" * (importer.MAX_UPLOAD_BYTES + 1))
    big.name = "gross.csv"
    response = client.post("/admin/projekte-import/", {"file": big})
    assert response.status_code == 400 and "größer als" in response.content.decode()


def test_template_downloads(client, cities, moderator):
    client.force_login(moderator)
    as_csv = client.get("/admin/projekte-import/vorlage.csv")
    header = next(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert header == COLUMN_NAMES
    as_xlsx = client.get("/admin/projekte-import/vorlage.xlsx")
    assert as_xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_only_moderators_import(client, cities, guetersloh_editor, member):
    good = io.BytesIO(csv_bytes([valid_row()]))
    good.name = "liste.csv"
    for user in (guetersloh_editor, member):
        client.force_login(user)
        assert client.get("/admin/projekte-import/").status_code in (302, 403)
        assert client.post("/admin/projekte-import/", {"file": good}).status_code in (302, 403)
        assert client.get("/admin/projekte-import/vorlage.csv").status_code in (302, 403)
    client.force_login(guetersloh_editor)
    assert b"projekte-import" not in client.get("/admin/").content
    assert ProjectPage.objects.count() == 0
