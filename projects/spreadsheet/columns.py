"""The column format shared by the export and the import."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from ..models import (
    BudgetRange,
    ProjectPage,
    ReuseMode,
    Status,
)

LIST_SEPARATOR = ";"
# Projects created on the platform have no external id of their own; the export names them by
# their page id so that a re-import finds them again.
PLATFORM_ID = re.compile(r"^kd-(\d+)$")


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    example: str = ""
    required: bool = False
    # Export-only columns (links, dates kept by the platform) are accepted and ignored on import.
    importable: bool = True


# Descriptions are lazy: they are shown in the reader's language.
COLUMNS = [
    Column(
        "external_id",
        gettext_lazy(
            "Your stable reference for the project (e.g. the row id of your list). Re-importing "
            "a file with the same id and city updates the project instead of creating a new one."
        ),
        "GT-2025-07",
        required=True,
    ),
    Column(
        "title",
        gettext_lazy("Title of the project."),
        "Terminbuchung mit Dokumenten-Checkliste",
        True,
    ),
    Column(
        "city",
        gettext_lazy(
            "Lead city: its short name in the URL, its municipality key (AGS) or its name."
        ),
        "guetersloh",
        required=True,
    ),
    Column("status", gettext_lazy("One of: %(values)s."), "pilot"),
    Column(
        "teaser",
        gettext_lazy("Two or three sentences for lists (required for new projects)."),
        "Termine im Bürgerbüro online buchen – mit einer Checkliste der Dokumente.",
    ),
    Column(
        "challenge",
        gettext_lazy("Which problem the project addresses (required for new projects)."),
        "Viele kommen ohne die nötigen Unterlagen und müssen einen zweiten Termin vereinbaren.",
    ),
    Column(
        "solution", gettext_lazy("How the project solves it. A blank line starts a new paragraph.")
    ),
    Column("results", gettext_lazy("Results so far.")),
    Column("lessons_learned", gettext_lazy("Lessons learned.")),
    Column("start_date", gettext_lazy("Start, as YYYY-MM-DD or DD.MM.YYYY."), "2025-03-01"),
    Column("go_live_date", gettext_lazy("Go-live, as YYYY-MM-DD or DD.MM.YYYY."), ""),
    Column(
        "topics",
        gettext_lazy("Topics from the working group's list, separated by semicolons."),
        "Bürgerservice",
    ),
    Column(
        "tags", gettext_lazy("Free keywords, separated by semicolons."), "Terminvergabe; Bürgerbüro"
    ),
    Column(
        "partner_cities",
        gettext_lazy(
            "Partner cities, separated by semicolons, each optionally with its role after a "
            "colon (partner, tenant, adopter)."
        ),
        "koeln:tenant",
    ),
    Column("reuse_mode", gettext_lazy("One of: %(values)s."), ""),
    Column("licence", gettext_lazy("Licence of the solution, e.g. EUPL-1.2.")),
    Column("repository_url", gettext_lazy("Address of the source code repository.")),
    Column("budget_range", gettext_lazy("One of: %(values)s.")),
    Column("funding_programme", gettext_lazy("Funding programme.")),
    Column("uses_algorithmic_system", gettext_lazy("ja or nein."), "nein"),
    Column("ethics_purpose", gettext_lazy("Data ethics: purpose and who is affected.")),
    Column("ethics_data", gettext_lazy("Data ethics: data used.")),
    Column("ethics_oversight", gettext_lazy("Data ethics: human oversight.")),
    Column("ethics_transparency", gettext_lazy("Data ethics: transparency towards citizens.")),
    Column("ethics_evaluation", gettext_lazy("Data ethics: how it is evaluated.")),
    Column("ethics_complaints", gettext_lazy("Data ethics: where to complain.")),
    Column(
        "solutions",
        gettext_lazy("Export only: the solutions the project uses, separated by semicolons."),
        importable=False,
    ),
    Column(
        "reuses",
        gettext_lazy(
            "Export only: confirmed reuse of other projects, as city/project:way, separated by "
            "semicolons."
        ),
        importable=False,
    ),
    Column("id", gettext_lazy("Export only: the platform's page id."), importable=False),
    Column("url", gettext_lazy("Export only: address of the project page."), importable=False),
    Column("city_name", gettext_lazy("Export only: name of the lead city."), importable=False),
    Column("first_published_at", gettext_lazy("Export only: first publication."), importable=False),
    Column("last_published_at", gettext_lazy("Export only: last change."), importable=False),
    Column(
        "confirmed_at",
        gettext_lazy("Export only: last confirmed as up to date („zuletzt bestätigt“)."),
        importable=False,
    ),
]

COLUMN_NAMES = [column.name for column in COLUMNS]
IMPORTABLE = {column.name for column in COLUMNS if column.importable}
CHOICES = {"status": Status, "reuse_mode": ReuseMode, "budget_range": BudgetRange}
TEXT_FIELDS = {"challenge", "results", "lessons_learned"}
PLAIN_FIELDS = (
    "teaser",
    "licence",
    "repository_url",
    "funding_programme",
    *ProjectPage.ETHICS_FIELDS,
)
TRUE_WORDS = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
FALSE_WORDS = {"nein", "n", "no", "false", "falsch", "0", ""}


def column_description(column):
    if column.name in CHOICES:
        values = ", ".join(value for value in CHOICES[column.name].values if value)
        return column.description % {"values": values}
    return column.description


def external_id_of(project):
    return project.external_id or f"kd-{project.pk}"
