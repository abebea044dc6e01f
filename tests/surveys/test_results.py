import csv
import io

import pytest
from openpyxl import load_workbook

from django.core import mail
from django.core.management import call_command

from cities.factories import CityPageFactory
from core.factories import UserFactory
from surveys.models import ReminderSent
from tests.helpers import Structure, check_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(survey, guetersloh, koeln, guetersloh_editor, koeln_editor):
    survey.save_answer(
        guetersloh,
        guetersloh_editor,
        {"system": "TEVIS", "betrieb": "Cloud", "zufriedenheit": 4, "kontakt": "Anna Berger"},
        0,
    )
    survey.save_answer(
        koeln,
        koeln_editor,
        {"system": '=HYPERLINK("https://evil.example")', "betrieb": "Cloud", "standorte": 12},
        0,
    )
    return survey


def test_anonymous_sees_only_public_questions(client, answered):
    page = client.get(answered.results_url).content.decode()
    assert "TEVIS" in page and "Betrieb" in page
    # Satisfaction and contact are for members only.
    assert "Zufriedenheit" not in page and "Anna Berger" not in page
    assert "redaktion-gt" not in page


def test_member_sees_every_question(client, answered, member):
    client.force_login(member)
    page = client.get(answered.results_url).content.decode()
    assert "Zufriedenheit" in page and "Anna Berger" in page


def test_table_filters_by_region(client, answered):
    page = client.get(answered.results_url, {"region": "rheinland"}).content.decode()
    assert "Köln" in page and "Gütersloh" not in page


def test_table_sorts_by_a_column(client, answered, member):
    client.force_login(member)
    ascending = client.get(answered.results_url, {"sortierung": "standorte"}).content.decode()
    # Köln has the only number; Gütersloh, without one, comes last either way.
    assert ascending.index("Köln</th>") < ascending.index("Gütersloh</th>")
    descending = client.get(answered.results_url, {"sortierung": "-stadt"}).content.decode()
    assert descending.index("Köln</th>") < descending.index("Gütersloh</th>")
    assert 'aria-sort="descending"' in descending


@pytest.mark.parametrize(
    "params", [{"region": "atlantis"}, {"sortierung": "nope"}, {"sortierung": "-zufriedenheit"}]
)
def test_bad_filter_values_are_a_400(client, answered, params):
    # Anonymous visitors cannot sort by a members-only question either.
    response = client.get(answered.results_url, params)
    assert response.status_code == 400
    assert "TEVIS" not in response.content.decode()


def test_choice_question_has_an_svg_chart_with_a_text_alternative(client, answered):
    page = client.get(answered.results_url).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    assert "Betrieb – 2 Antworten. Eigenbetrieb: 0; Dienstleister: 0; Cloud: 2" in page
    assert "<script" not in page.split("<main")[1]


def test_results_page_queries_are_bounded(client, survey, member, django_assert_max_num_queries):
    for n in range(12):
        city = CityPageFactory(title=f"Stadt {n}")
        survey.save_answer(city, None, {"system": f"S{n}", "betrieb": "Cloud"}, 0)
    client.force_login(member)
    with django_assert_max_num_queries(25):
        assert client.get(survey.results_url).status_code == 200


def test_moderator_downloads_csv_with_formulas_neutralised(client, answered, moderator):
    client.force_login(moderator)
    response = client.get(f"{answered.url}export/csv/")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Stadt", "Gemeindeschlüssel (AGS)"]
    koeln = next(row for row in rows if row[0] == "Köln")
    assert '\'=HYPERLINK("https://evil.example")' in koeln


def test_moderator_downloads_xlsx_with_formulas_neutralised(client, answered, moderator):
    client.force_login(moderator)
    response = client.get(f"{answered.url}export/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("https://evil.example")' in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)


def test_only_moderators_download(client, answered, member, guetersloh_editor):
    assert client.get(f"{answered.url}export/csv/").status_code == 302
    for user in (member, guetersloh_editor):
        client.force_login(user)
        assert client.get(f"{answered.url}export/csv/").status_code == 403
    assert client.get(f"{answered.url}export/pdf/").status_code == 404


def test_reminders_go_once_a_day_to_editors_of_cities_without_answer(
    survey, guetersloh, koeln, guetersloh_editor
):
    koeln_editor = UserFactory(email="k@koeln.example", groups=[koeln.editor_group])
    guetersloh_editor.email = "gt@gt.example"
    guetersloh_editor.save()
    survey.save_answer(guetersloh, guetersloh_editor, {"system": "TEVIS"}, 0)
    out = io.StringIO()
    call_command("remind_surveys", stdout=out)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == [koeln_editor.email]
    assert survey.answer_url(koeln) in mail.outbox[0].body
    assert "100%" in out.getvalue()
    call_command("remind_surveys", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.count() == 1


def test_public_results_kept_for_anonymous_visitors_are_renewed_by_an_answer(
    client, settings, survey, guetersloh, koeln, guetersloh_editor, koeln_editor
):
    settings.PAGE_CACHE_SECONDS = 300
    survey.save_answer(guetersloh, guetersloh_editor, {"system": "TEVIS"}, 0)
    assert "TEVIS" in client.get(survey.results_url).content.decode()
    survey.save_answer(koeln, koeln_editor, {"system": "Qmatic"}, 0)
    assert "Qmatic" in client.get(survey.results_url).content.decode()


def test_members_page_with_forms_is_never_kept(client, settings, survey, guetersloh_editor):
    settings.PAGE_CACHE_SECONDS = 300
    client.force_login(guetersloh_editor)
    response = client.get(survey.url)
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    client.logout()
    assert "Die Antwort Ihrer Stadt" not in client.get(survey.url).content.decode()


def test_survey_pages_are_structurally_accessible(client, answered, guetersloh, member):
    pages = [answered.get_parent().url, answered.url, answered.results_url]
    check_pages(client, [*pages, f"{answered.results_url}?region=atlantis"])
    client.force_login(member)
    check_pages(client, pages)


def test_every_answer_field_has_a_label(client, answered, guetersloh, guetersloh_editor):
    # Editors' pages carry Wagtail's user bar (its own headings): the form is checked alone.
    client.force_login(guetersloh_editor)
    page = Structure()
    page.feed(client.get(answered.answer_url(guetersloh)).content.decode())
    assert len(page.controls) > 10
    for control_id, aria_label, wrapped in page.controls:
        assert control_id in page.labels_for or aria_label or wrapped, control_id
