"""The answers of an Abfrage as a spreadsheet for the moderators (CSV, XLSX): one row per
city, one column per question, every cell quoted so that no program runs it as a formula."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheet_cells import neutralise_row

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header(questions):
    return [
        _("City"),
        _("Municipality key (AGS)"),
        _("Region"),
        _("Last changed"),
        _("Changed by"),
        *(question.label for question in questions),
    ]


def rows(questions, answers):
    for answer in answers:
        changed = timezone.localtime(answer.updated_at).strftime("%Y-%m-%d %H:%M")
        yield [
            answer.city.title,
            answer.city.ags,
            answer.city.get_region_display(),
            changed,
            answer.changed_by_name,
            *(question.as_text(answer.data.get(question.id)) for question in questions),
        ]


def _response(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(survey, questions, answers):
    out = io.StringIO()
    # A byte order mark, so that Excel reads the umlauts as UTF-8.
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(neutralise_row(header(questions)))
    for row in rows(questions, answers):
        writer.writerow(neutralise_row(row))
    return _response(out.getvalue(), CSV_TYPE, f"abfrage-{survey.slug}.csv")


def xlsx_response(survey, questions, answers):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Answers")[:31]
    # Quoted like the CSV: openpyxl stores a text that starts with = as a formula.
    sheet.append(neutralise_row(header(questions)))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(questions, answers):
        sheet.append(neutralise_row(row))
    out = io.BytesIO()
    workbook.save(out)
    return _response(out.getvalue(), XLSX_TYPE, f"abfrage-{survey.slug}.xlsx")
