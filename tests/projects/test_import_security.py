"""Security of the spreadsheets (issue 9, findings 7, 8 and 10): no formulas in what the site
writes, hostile files refused quickly and with a message, no 500 in the admin's import."""

import csv
import datetime as dt
import io
import struct
import threading
import tracemalloc
import zipfile
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

import pytest
from openpyxl import load_workbook

from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from wagtail.admin.forms.pages import WagtailAdminPageForm

from cities.factories import CityPageFactory
from core.spreadsheet_cells import FORMULA_STARTS, neutralise, restore
from events.factories import EventPageFactory
from projects.admin_views import CheckedFile
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage
from projects.spreadsheet import columns, export, importer
from projects.spreadsheet.importer import import_file
from tests.helpers import body, project_form
from tests.projects.test_import import csv_bytes, valid_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(guetersloh, koeln, topic):
    return {"guetersloh": guetersloh, "koeln": koeln}


# Texts a spreadsheet program would run as formulas, and one that starts with a quote itself.
HOSTILE = ["=SUMME(A1)", "-10 % Papier", "@stadt", "+49 5241 82-0", "'zitiert", "'=schon zitiert"]


def read_csv(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def is_formula(text):
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


# ---------------------------------------------------------------------------------------------
# Finding 7: formula injection


@pytest.mark.parametrize("text", [*HOSTILE, "\tTab", "\rCR", "normal", "", "Wert = 3", "'x"])
def test_neutralised_cells_come_back_unchanged(text):
    cell = neutralise(text)
    assert not is_formula(cell)
    assert restore(cell) == text


def test_a_quote_typed_by_a_person_stays():
    # Only a quote the export could have added is taken off on import.
    assert restore("'nur so") == "'nur so"
    assert neutralise(42) == 42 and neutralise(None) is None


@pytest.fixture
def hostile_data(guetersloh, topic):
    city = CityPageFactory(title="@Stadt", slug="stadt")
    EventPageFactory(
        title="+Termin mit Formel",
        start=timezone.now() + dt.timedelta(days=3),
        host_city=city,
        venue_name='=HYPERLINK("https://evil.example";"Rathaus")',
    )
    for position, title in enumerate(HOSTILE):
        ProjectPageFactory(
            parent=guetersloh,
            title=title,
            topics=[topic],
            tags=["-minus", "Open Data"],
            external_id=f"H-{position}",
            teaser="=1+1",
            challenge="<p>-Bindestrich am Anfang</p>",
        )
    return city


@pytest.mark.parametrize("name", ["projekte", "staedte", "termine"])
def test_csv_downloads_contain_no_formulas(client, hostile_data, name):
    rows = read_csv(client.get(f"/daten/kommunal-digital-{name}.csv"))
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if is_formula(cell)] == []
    # The hostile texts are there, as text.
    assert {"'@Stadt", "'+Termin mit Formel", "'=SUMME(A1)"} & set(cells)


def test_projects_csv_quotes_every_hostile_text(client, hostile_data):
    rows = read_csv(client.get("/daten/kommunal-digital-projekte.csv"))
    header = rows[0]
    titles = {row[header.index("title")] for row in rows[1:]}
    assert titles == {"'" + title for title in HOSTILE}
    assert {row[header.index("teaser")] for row in rows[1:]} == {"'=1+1"}


def test_csv_template_contains_no_formulas(client, moderator):
    client.force_login(moderator)
    rows = read_csv(client.get("/admin/projekte-import/vorlage.csv"))
    assert [cell for row in rows for cell in row if is_formula(cell)] == []


def test_xlsx_cells_are_text_not_formulas(guetersloh):
    rows = [{"external_id": "X-1", "title": text, "teaser": "=1+1"} for text in HOSTILE]
    out = io.BytesIO()
    export.write_xlsx(rows, out)
    workbook = load_workbook(io.BytesIO(out.getvalue()))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                assert not is_formula(cell.value), cell.coordinate
    titles = [c.value for c in workbook["Projekte"]["B"][1:]]
    assert titles == ["'" + text for text in HOSTILE]


def exported_rows(client):
    rows = csv.DictReader(
        io.StringIO(body(client.get("/daten/kommunal-digital-projekte.csv")).decode("utf-8-sig"))
    )
    return {row["external_id"]: {n: row[n] for n in columns.IMPORTABLE} for row in rows}


def republish_all():
    for project in ProjectPage.objects.all():
        project.get_latest_revision().publish()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_import_round_trip_keeps_hostile_texts(client, hostile_data, moderator, fmt):
    before = exported_rows(client)
    if fmt == "csv":
        data = body(client.get("/daten/kommunal-digital-projekte.csv"))
    else:
        out = io.BytesIO()
        export.write_xlsx(
            [export.export_row(p) for p in ProjectPage.objects.live().public().for_export()], out
        )
        data = out.getvalue()
    ProjectPage.objects.all().delete()

    result = import_file(data, f"export.{fmt}", user=moderator)
    assert result.ok, result.errors
    assert sorted(ProjectPage.objects.values_list("title", flat=True)) == sorted(HOSTILE)
    project = ProjectPage.objects.get(external_id="H-0")
    draft = project.get_latest_revision_as_object()
    assert draft.teaser == "=1+1"
    assert sorted(t.name for t in draft.tags.all()) == ["-minus", "Open Data"]
    republish_all()
    assert exported_rows(client) == before


# ---------------------------------------------------------------------------------------------
# Hostile XLSX files, built here from a few lines of XML (no binaries in the repository)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>external_id</t></is></c></row>'


def xlsx(sheet=None, dimension="", rows=HEADER_ROW, shared_bytes=None, with_sheet=True):
    """A minimal workbook. `shared_bytes`: a shared string of that many bytes, streamed into
    the archive so that the test itself never holds it in memory."""
    shared = shared_bytes is not None
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/>'
        + (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings+xml"/>'
            if shared
            else ""
        )
        + "</Types>"
    )
    package_rels = (
        f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
        f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheets = '<sheet name="Projekte" sheetId="1" r:id="rId1"/>' if with_sheet else ""
    workbook = f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{sheets}</sheets></workbook>'
    workbook_rels = (
        f'<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        + (
            f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
            if shared
            else ""
        )
        + "</Relationships>"
    )
    if sheet is None:
        sheet = f'<worksheet xmlns="{MAIN}">{dimension}<sheetData>{rows}</sheetData></worksheet>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared:
            with archive.open("xl/sharedStrings.xml", "w") as part:
                part.write(f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode())
                chunk = b"x" * 2**20
                for _ in range(shared_bytes // len(chunk)):
                    part.write(chunk)
                part.write(b"</t></si></sst>")
    return out.getvalue()


def shrink_declared_size(data, name, size):
    """The archive lies: it declares `size` unpacked bytes for `name`, which holds more."""
    data = bytearray(data)
    encoded = name.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_offset : start + name_offset + len(encoded)] == encoded:
                data[start + size_offset : start + size_offset + 4] = struct.pack("<I", size)
            start += 4
    return bytes(data)


def refused_cheaply(data, filename="liste.xlsx"):
    """The import's answer, checked to come without much memory: a file that were read before
    it is refused would build its declared rows and cells first. (Memory, not time: a timing
    fails on a busy machine and proves nothing on a fast one.)"""
    tracemalloc.start()
    try:
        result = import_file(data, filename)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not result.ok
    assert peak < 30 * 2**20, f"{peak / 2**20:.0f} MB"
    return result.errors[0].message


def test_the_minimal_workbook_is_a_valid_spreadsheet(cities):
    # Otherwise the hostile variants below would be refused for the wrong reason.
    header, rows = importer.read_table(xlsx(), "liste.xlsx")
    assert (header, rows) == (["external_id"], [])


# ---------------------------------------------------------------------------------------------
# Finding 8: resource limits


@pytest.mark.parametrize(
    ("dimension", "rows", "message"),
    [
        # 16,384 columns × 5,000 rows declared by a file of a few hundred bytes.
        ('<dimension ref="A1:XFD5000"/>', HEADER_ROW, "16.384 Spalten"),
        ('<dimension ref="A1:B1048576"/>', HEADER_ROW, "1.048.576 Zeilen"),
        # No size declared, but every row reaches the last column.
        (
            "",
            HEADER_ROW
            + "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(2, 5001)),
            "Pflichtspalte fehlt",
        ),
    ],
)
def test_xlsx_declaring_a_huge_sheet_is_refused_before_it_is_read(cities, dimension, rows, message):
    assert message in refused_cheaply(xlsx(dimension=dimension, rows=rows))
    assert ProjectPage.objects.count() == 0


def test_xlsx_zip_bomb_is_refused_before_unpacking(cities):
    data = xlsx(
        rows='<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        shared_bytes=importer.MAX_UNPACKED_BYTES + 2**20,
    )
    assert len(data) < importer.MAX_UPLOAD_BYTES
    assert "Entpackt wäre die XLSX-Datei größer" in refused_cheaply(data)


def test_xlsx_that_lies_about_its_unpacked_size_is_not_unpacked_further(cities):
    data = xlsx(rows='<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared_bytes=20 * 2**20)
    data = shrink_declared_size(data, "xl/sharedStrings.xml", 1000)
    assert "kann nicht gelesen werden" in refused_cheaply(data)


def test_overlong_cells_are_refused(cities):
    long_text = "x" * (importer.MAX_CELL_CHARS + 1)
    as_xlsx = xlsx(
        rows=HEADER_ROW
        + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{long_text}</t></is></c></row>'
    )
    assert "Zeile 2: Eine Zelle hat mehr als 32.767 Zeichen" in refused_cheaply(as_xlsx)
    # Beyond the csv module's own limit too, with the same message instead of its English one.
    for length in (importer.MAX_CELL_CHARS + 1, 200_000):
        as_csv = f"external_id,title\nX,{'y' * length}\n".encode()
        assert "Zeile 2: Eine Zelle hat mehr als" in refused_cheaply(as_csv, "liste.csv")


def test_cells_at_the_limit_are_accepted(cities):
    text = "x" * importer.MAX_CELL_CHARS
    header, rows = importer.read_table(f"external_id\n{text}\n".encode(), "liste.csv")
    assert rows == [[text]]


# ---------------------------------------------------------------------------------------------
# Finding 10: broken files give a message, not a server error


BROKEN_FILES = [
    # Valid neither as UTF-8 nor as Windows-1252 (0x81 and 0x8d are unassigned there).
    (b"external_id,title\nX,\x81\x8d\n", "liste.csv", "weder in UTF-8"),
    (
        xlsx(
            sheet=f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ti'
        ),
        "liste.xlsx",
        "kann nicht gelesen werden",
    ),
    (xlsx(with_sheet=False), "liste.xlsx", "kein Tabellenblatt"),
]


@pytest.mark.parametrize(("data", "name", "message"), BROKEN_FILES)
def test_broken_files_get_a_message(cities, data, name, message):
    result = import_file(data, name)
    assert not result.ok and message in result.errors[0].message


@pytest.mark.parametrize(("data", "name", "message"), BROKEN_FILES)
def test_admin_import_shows_the_message_of_a_broken_file(
    client, cities, moderator, data, name, message
):
    client.force_login(moderator)
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post("/admin/projekte-import/", {"file": upload})
    assert response.status_code in (200, 400)
    assert message in response.content.decode()
    assert ProjectPage.objects.count() == 0


# ---------------------------------------------------------------------------------------------
# Finding 10: „Jetzt importieren“ pressed several times at once


def test_only_one_of_concurrent_claims_gets_the_checked_file(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    CheckedFile.keep("tok", b"external_id\n", "liste.csv")
    barrier = threading.Barrier(3)

    def claim():
        barrier.wait()
        return CheckedFile("tok").claim()

    with ThreadPoolExecutor(3) as pool:
        claimed = [path for path in pool.map(lambda _i: claim(), range(3)) if path]
    assert len(claimed) == 1
    assert CheckedFile("tok").taken


def check_upload(client, data=None):
    upload = io.BytesIO(data or csv_bytes([valid_row()]))
    upload.name = "liste.csv"
    response = client.post("/admin/projekte-import/", {"file": upload})
    assert response.status_code == 200
    return response.context["token"]


def second_tab(client):
    """Another browser tab of the same moderator: same session, own requests."""
    tab = Client()
    tab.cookies = SimpleCookie({name: morsel.value for name, morsel in client.cookies.items()})
    return tab


def while_importing(monkeypatch, requests):
    """Run `requests` while the first import has checked its rows and is about to write them:
    the moment at which concurrent requests collide."""
    real_import_rows = importer.import_rows
    answers = []

    def import_rows(*args, **kwargs):
        monkeypatch.setattr(importer, "import_rows", real_import_rows)
        answers.extend(request() for request in requests)
        return real_import_rows(*args, **kwargs)

    monkeypatch.setattr(importer, "import_rows", import_rows)
    return answers


@pytest.fixture
def import_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path / "imports"


def test_pressing_import_three_times_at_once_imports_once(
    client, cities, moderator, import_dir, monkeypatch
):
    client.force_login(moderator)
    token = check_upload(client)
    tabs = [second_tab(client), second_tab(client)]
    answers = while_importing(
        monkeypatch,
        [
            lambda tab=tab: tab.post("/admin/projekte-import/", {"token": token}, follow=True)
            for tab in tabs
        ],
    )

    first = client.post("/admin/projekte-import/", {"token": token}, follow=True)
    assert first.status_code == 200
    assert "1 Projekte angelegt" in first.content.decode()
    assert ProjectPage.objects.filter(external_id="GT-1").count() == 1
    for answer in answers:
        assert answer.status_code == 200
        assert "Diese Datei wurde bereits importiert" in answer.content.decode()


def test_two_checked_copies_of_one_file_imported_at_once_do_not_duplicate(
    client, cities, moderator, import_dir, monkeypatch
):
    client.force_login(moderator)
    first_token, second_token = check_upload(client), check_upload(client)
    tab = second_tab(client)
    answers = while_importing(
        monkeypatch, [lambda: tab.post("/admin/projekte-import/", {"token": second_token})]
    )

    response = client.post("/admin/projekte-import/", {"token": first_token})
    assert answers[0].status_code == 302  # the copy that got in first was imported
    assert response.status_code == 200
    assert "Aus dieser Datei wurde nichts importiert" in response.content.decode()
    assert ProjectPage.objects.filter(external_id="GT-1").count() == 1
    # The losing copy is still there, to be checked and imported again.
    assert CheckedFile(first_token).claim() is not None


# ---------------------------------------------------------------------------------------------
# Finding 10: a new page saved while Wagtail's autosave creates it


def add_url(parent):
    return f"/admin/pages/add/projects/projectpage/{parent.pk}/"


def autosave(tab, parent):
    # Wagtail's autosave posts the form to the same address and asks for JSON.
    return tab.post(add_url(parent), project_form(), HTTP_ACCEPT="application/json")


def after_validation(monkeypatch, request):
    """Run `request` after the page form was validated and before the page is saved: the
    moment at which the autosave running in the background collides with „Publish“."""
    real_is_valid = WagtailAdminPageForm.is_valid
    answers = []

    def is_valid(form):
        valid = real_is_valid(form)
        monkeypatch.setattr(WagtailAdminPageForm, "is_valid", real_is_valid)
        answers.append(request())
        return valid

    monkeypatch.setattr(WagtailAdminPageForm, "is_valid", is_valid)
    return answers


def assert_one_project(parent):
    assert ProjectPage.objects.filter(slug="chatbot-fur-burgerfragen").count() == 1
    parent.refresh_from_db()
    assert parent.numchild == parent.get_children().count()  # the tree is intact


def test_submitting_a_new_project_while_autosave_creates_it_gives_a_form_error(
    client, guetersloh, moderator, monkeypatch
):
    client.force_login(moderator)
    answers = after_validation(monkeypatch, lambda: autosave(second_tab(client), guetersloh))

    response = client.post(add_url(guetersloh), project_form(**{"action-submit": "1"}))
    assert answers[0].status_code == 200 and answers[0].json()["success"]
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nichts wurde doppelt gespeichert" in page
    assert "chatbot-fur-burgerfragen" in str(response.context["form"].errors["slug"])
    assert_one_project(guetersloh)


def test_autosave_losing_the_race_answers_with_a_json_error(
    client, guetersloh, moderator, monkeypatch
):
    client.force_login(moderator)
    tab = second_tab(client)
    answers = after_validation(
        monkeypatch,
        lambda: tab.post(add_url(guetersloh), project_form(**{"action-submit": "1"})),
    )

    response = autosave(client, guetersloh)
    assert answers[0].status_code == 302  # submitted for moderation
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert_one_project(guetersloh)


def test_two_pages_given_the_same_tree_position_give_a_form_error(
    client, guetersloh, moderator, monkeypatch
):
    client.force_login(moderator)

    def insert_clash(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: wagtailcore_page.path")

    monkeypatch.setattr(ProjectPage, "save", insert_clash)
    response = client.post(add_url(guetersloh), project_form(**{"action-submit": "1"}))
    assert response.status_code == 200
    assert "Nichts wurde doppelt gespeichert" in response.content.decode()
    monkeypatch.undo()
    assert not ProjectPage.objects.exists()
    guetersloh.refresh_from_db()
    assert guetersloh.numchild == 0


def test_adding_pages_keeps_the_admins_access_rules(client, guetersloh, koeln_editor, member):
    url = add_url(guetersloh)
    assert client.get(url)["Location"].startswith("/admin/login/")
    client.force_login(member)
    assert client.get(url).status_code in (302, 403)
    client.force_login(koeln_editor)  # an editor of another city
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, project_form(**{"action-submit": "1"})).status_code in (302, 403)
    assert not ProjectPage.objects.exists()
    assert client.get(url)["Cache-Control"].startswith("max-age=0")


def test_wagtails_own_exports_contain_no_formulas(client, guetersloh, moderator):
    """Admin reports are spreadsheets too: a title typed by an editor must not become a formula
    in the moderator's spreadsheet program."""
    project = ProjectPageFactory(
        parent=guetersloh, title='=HYPERLINK("https://evil.example";"Bericht")'
    )
    project.save_revision(user=moderator, log_action=True)
    client.force_login(moderator)
    for url in ("/admin/reports/site-history/", "/admin/reports/aging-pages/"):
        rows = read_csv(client.get(url, {"export": "csv"}))
        cells = [cell for row in rows for cell in row]
        assert any("evil.example" in cell for cell in cells), url
        assert [cell for cell in cells if is_formula(cell)] == [], url
        response = client.get(url, {"export": "xlsx"})
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        values = [c for row in workbook.active.iter_rows() for c in row]
        assert any("evil.example" in str(c.value) for c in values), url
        assert [c.value for c in values if c.data_type == "f" or is_formula(c.value)] == [], url


def test_xml_entity_bombs_are_refused(cities):
    # "Billion laughs": a few entities that expand to gigabytes when an XML parser resolves
    # them. openpyxl refuses entities only when defusedxml is installed.
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        "<is><t>&a9;</t></is></c></row></sheetData></worksheet>"
    )
    assert "kann nicht gelesen werden" in refused_cheaply(xlsx(sheet=sheet))


def test_the_open_data_page_explains_the_apostrophe(client):
    assert "steht in jeder CSV-Datei vor einer Zelle" in client.get("/daten/").content.decode()
