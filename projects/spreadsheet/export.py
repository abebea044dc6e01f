"""Projects as rows: the CSV/XLSX downloads, the import template. Every cell is quoted so
that no spreadsheet program runs it as a formula."""

import csv

from django.utils.translation import gettext as _

from core.spreadsheet_cells import neutralise, neutralise_row
from core.text import html_to_text, stream_to_text

from ..models import (
    PartnerRole,
    ProjectPage,
)
from .columns import (
    COLUMN_NAMES,
    COLUMNS,
    LIST_SEPARATOR,
    column_description,
    external_id_of,
)


def export_row(project, base_url=""):
    """The public facts of a project as one row. Contacts are personal data: never exported."""

    def joined(values):
        return f"{LIST_SEPARATOR} ".join(values)

    def partner(p):
        return p.city.slug if p.role == PartnerRole.PARTNER else f"{p.city.slug}:{p.role}"

    city = project.lead_city
    row = {
        "external_id": external_id_of(project),
        "title": project.title,
        "city": city.slug if city else "",
        "status": project.status,
        "teaser": project.teaser,
        "challenge": html_to_text(project.challenge),
        "solution": stream_to_text(project.solution),
        "results": html_to_text(project.results),
        "lessons_learned": html_to_text(project.lessons_learned),
        "start_date": project.start_date.isoformat() if project.start_date else "",
        "go_live_date": project.go_live_date.isoformat() if project.go_live_date else "",
        "topics": joined(t.slug for t in project.topics.all()),
        "tags": joined(t.name for t in project.sorted_tags()),
        "partner_cities": joined(partner(p) for p in project.partners.all()),
        "reuse_mode": project.reuse_mode,
        "licence": project.licence,
        "repository_url": project.repository_url,
        "budget_range": project.budget_range,
        "funding_programme": project.funding_programme,
        "uses_algorithmic_system": "ja" if project.uses_algorithmic_system else "nein",
        "solutions": joined(s.title for s in project.public_solutions()),
        "reuses": joined(
            f"{r.origin.lead_city.slug if r.origin.lead_city else ''}/{r.origin.slug}:{r.way}"
            for r in getattr(project, "public_reuses", [])
        ),
        "id": project.pk,
        "url": base_url + project.url if project.url else "",
        "city_name": city.title if city else "",
        "first_published_at": _iso(project.first_published_at),
        "last_published_at": _iso(project.last_published_at),
        "confirmed_at": _iso(project.confirmed_at),
    }
    for name in ProjectPage.ETHICS_FIELDS:
        row[name] = getattr(project, name)
    return row


def _iso(value):
    return value.isoformat(timespec="seconds") if value else ""


class _Lines:
    """A file for csv.writer that hands each written line back instead of keeping it."""

    def write(self, line):
        return line


def iter_csv(rows, fieldnames=COLUMN_NAMES):
    """Every CSV the site writes goes through here, line by line (the header first): no cell may
    be run as a formula."""
    writer = csv.DictWriter(_Lines(), fieldnames=fieldnames)
    yield writer.writeheader()
    for row in rows:
        yield writer.writerow({name: neutralise(value) for name, value in row.items()})


def template_rows():
    """The template: the header and one example row."""
    return [{column.name: column.example for column in COLUMNS if column.importable}]


def write_xlsx(rows, out):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Projekte"
    sheet.append(COLUMN_NAMES)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # Quoted like the CSV: openpyxl would even store a text starting with = as a formula.
    for row in rows:
        sheet.append(neutralise_row(row.get(name, "") for name in COLUMN_NAMES))
    help_sheet = workbook.create_sheet("Spalten")
    help_sheet.append([_("Column"), _("Required"), _("Meaning")])
    for column in COLUMNS:
        help_sheet.append(
            neutralise_row(
                [column.name, _("yes") if column.required else "", str(column_description(column))]
            )
        )
    workbook.save(out)
