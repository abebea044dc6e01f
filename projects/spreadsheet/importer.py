"""Rows back into projects: read a CSV or XLSX upload within fixed limits, check every row,
save the good ones as drafts in moderation and report the rest by row and column."""

import csv
import datetime as dt
import io
import logging
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cities.models import CityPage
from core.slugs import ascii_slug
from core.spreadsheet_cells import restore
from core.text import html_to_text, stream_to_text, text_to_html

from ..models import (
    PartnerRole,
    ProjectPage,
    ProjectPartner,
    Topic,
)
from .columns import (
    CHOICES,
    COLUMN_NAMES,
    COLUMNS,
    FALSE_WORDS,
    IMPORTABLE,
    LIST_SEPARATOR,
    PLAIN_FIELDS,
    PLATFORM_ID,
    TEXT_FIELDS,
    TRUE_WORDS,
)
from .export import export_row

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# The format has 35 columns; a few more for the city's own notes do no harm.
MAX_COLUMNS = 100
# Excel's own limit for one cell: no genuine spreadsheet has longer cells.
MAX_CELL_CHARS = 32_767
# An XLSX file is a zip archive: a few kilobytes can unpack to gigabytes ("zip bomb"). The
# archive declares the unpacked size of each part, and Python's zipfile never unpacks more
# than declared, so the declaration can be checked before anything is unpacked.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_PARTS = 1000

logger = logging.getLogger(__name__)


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class RowError:
    row: int  # line number as the spreadsheet shows it (the header is row 1)
    column: str
    message: str

    def __str__(self):
        where = _("row %(row)s") % {"row": self.row}
        if self.column:
            where += ", " + _("column %(column)s") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass
class ParsedRow:
    row: int
    values: dict  # column name -> cleaned value, only for columns present in the file
    city: object
    existing: object = None


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False

    @property
    def ok(self):
        return not self.errors


def too_large_message():
    return _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // 2**20}


def read_table(data, filename):
    """(header, rows) from CSV or XLSX bytes. Rows are lists of strings, as they were before
    the export quoted them (see core.spreadsheet_cells)."""
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportFileError(too_large_message())
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        table = _read_xlsx(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _read_csv(data)
    else:
        raise ImportFileError(_("Please upload a CSV or XLSX file."))
    for number, cells in enumerate(table, 1):
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise ImportFileError(cell_too_long_message(number))
    table = [[restore(cell) for cell in cells] for cells in table]
    if not table or not any(cell.strip() for cell in table[0]):
        raise ImportFileError(_("The file has no header row."))
    header = [cell.strip() for cell in table[0]]
    return header, table[1:]


def cell_too_long_message(row):
    return _("Row %(row)s: a cell has more than %(max)s characters.") % {
        "row": row,
        "max": number_format(MAX_CELL_CHARS, force_grouping=True),
    }


def _read_csv(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(
            _(
                "The file is neither in UTF-8 nor in Windows encoding (cp1252). Please save it "
                "as “CSV UTF-8” and upload it again."
            )
        )
    if "\x00" in text:
        raise ImportFileError(_("This is not a text file. Please upload a CSV or XLSX file."))
    first_line = text.split("\n", 1)[0]
    # German spreadsheet programs write semicolons; others commas.
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            rows.append(cells)
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as exc:
        # The csv module refuses fields over its own limit (128 KiB): longer than any cell.
        if "field larger than field limit" in str(exc):
            raise ImportFileError(cell_too_long_message(len(rows) + 1)) from exc
        raise ImportFileError(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc
    return rows


def _unreadable_xlsx():
    return ImportFileError(
        _(
            "The XLSX file cannot be read: it is damaged or not an Excel workbook. Please save "
            "it again in your spreadsheet program."
        )
    )


def _check_archive(data):
    """Refuse a zip bomb from the sizes the archive declares, before unpacking anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable_xlsx() from exc
    if len(parts) > MAX_ARCHIVE_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "Unpacked, the XLSX file would take more than %(size)s MB. Please upload a "
                "smaller file or save it as CSV."
            )
            % {"size": MAX_UNPACKED_BYTES // 2**20}
        )


def _check_dimensions(sheet):
    """The size the sheet declares (`<dimension ref>`). openpyxl fills every row up to the
    declared width, so 16,384 columns times 5,000 rows are 80 million cells from a few bytes."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > MAX_ROWS + 1 or columns > MAX_COLUMNS:
        raise ImportFileError(
            _(
                "The worksheet declares %(rows)s rows and %(columns)s columns; at most "
                "%(max_rows)s rows (plus the header) and %(max_columns)s columns are allowed. "
                "Please delete empty rows and columns at the end of the sheet."
            )
            % {
                "rows": number_format(rows, force_grouping=True),
                "columns": number_format(columns, force_grouping=True),
                "max_rows": number_format(MAX_ROWS, force_grouping=True),
                "max_columns": MAX_COLUMNS,
            }
        )


def _read_xlsx(data):
    from openpyxl import load_workbook

    _check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        # A damaged file can fail anywhere in openpyxl with any kind of error: it is the
        # file's fault, and the moderator needs a message, not a server error.
        logger.info("Unreadable XLSX upload", exc_info=True)
        raise _unreadable_xlsx() from exc
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The XLSX file contains no worksheet."))
        sheet = workbook.worksheets[0]
        _check_dimensions(sheet)
        # Bounded even where the sheet declares no size: a row is never filled up to the
        # last column a hostile file names.
        rows = []
        for values in sheet.iter_rows(
            max_row=MAX_ROWS + 2,
            max_col=min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS),
            values_only=True,
        ):
            cells = [_cell_text(value) for value in values]
            while cells and not cells[-1]:
                cells.pop()  # the padding up to max_col
            rows.append(cells)
    except ImportFileError:
        raise
    except Exception as exc:
        logger.info("Unreadable XLSX upload", exc_info=True)
        raise _unreadable_xlsx() from exc
    finally:
        workbook.close()
    return rows


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Lookups:
    """Cities, topics and choices, loaded once per file."""

    def __init__(self):
        self.cities = {}
        for city in CityPage.objects.all():
            for key in (city.slug, city.ags, city.title):
                self.cities.setdefault(key.casefold(), city)
        self.topics = {}
        for topic in Topic.objects.all():
            self.topics[topic.slug.casefold()] = topic
            self.topics[topic.name.casefold()] = topic

    def city(self, text):
        return self.cities.get(text.strip().casefold())

    @staticmethod
    def choice(choices, text):
        wanted = text.strip().casefold()
        for value, label in choices.choices:
            if wanted in {value.casefold(), str(label).casefold()}:
                return value
        return None


def _parse_date(text):
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError


def _split(text):
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def validate_table(header, rows):
    """Every problem of the file, by row and column, and the cleaned rows."""
    errors = []
    known = set(COLUMN_NAMES)
    for name in header:
        if name and name not in known:
            errors.append(RowError(1, name, _("Unknown column. Known columns: see the template.")))
    if len([name for name in header if name]) != len({name for name in header if name}):
        errors.append(RowError(1, "", _("A column appears twice in the header.")))
    for column in COLUMNS:
        if column.required and column.name not in header:
            errors.append(RowError(1, column.name, _("This required column is missing.")))
    if errors:
        return [], errors
    if len(rows) > MAX_ROWS:
        return [], [RowError(1, "", _("At most %(max)s rows per file.") % {"max": MAX_ROWS})]

    lookups = _Lookups()
    parsed, seen = [], {}
    for offset, cells in enumerate(rows):
        number = offset + 2
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            errors.append(RowError(number, "", _("The row has more cells than the header.")))
            continue
        raw = {
            name: (cells[i] if i < len(cells) else "").strip()
            for i, name in enumerate(header)
            if name in IMPORTABLE
        }
        row_errors = []
        result = _parse_row(number, raw, lookups, row_errors)
        if result is not None:
            key = (result.city.pk, raw["external_id"].casefold())
            if key in seen:
                row_errors.append(
                    RowError(
                        number,
                        "external_id",
                        _("Duplicate row: the same id and city as row %(row)s.")
                        % {"row": seen[key]},
                    )
                )
            else:
                seen[key] = number
        errors.extend(row_errors)
        if result is not None and not row_errors:
            parsed.append(result)
    return parsed, errors


def _parse_row(number, raw, lookups, errors):
    def error(column, message):
        errors.append(RowError(number, column, message))

    values = {}
    external_id = raw["external_id"]
    if not external_id:
        error("external_id", _("An id is required so that a later import can update the row."))
    elif len(external_id) > 100:
        error("external_id", _("At most 100 characters."))
    title = raw["title"]
    if not title:
        error("title", _("The title is missing."))
    elif len(title) > 255:
        error("title", _("At most 255 characters."))
    values["title"] = title

    city = lookups.city(raw["city"]) if raw["city"] else None
    if not raw["city"]:
        error("city", _("The city is missing."))
    elif city is None:
        error("city", _("Unknown city “%(value)s”.") % {"value": raw["city"]})

    for name, choices in CHOICES.items():
        if name in raw and raw[name]:
            value = lookups.choice(choices, raw[name])
            if value is None:
                allowed = ", ".join(v for v in choices.values if v)
                error(
                    name,
                    _("Unknown value “%(value)s”. Allowed: %(allowed)s.")
                    % {"value": raw[name], "allowed": allowed},
                )
            values[name] = value
        elif name in raw:
            values[name] = "" if name != "status" else None

    for name in ("start_date", "go_live_date"):
        if name in raw:
            try:
                values[name] = _parse_date(raw[name])
            except ValueError:
                error(
                    name,
                    _("“%(value)s” is not a date (YYYY-MM-DD or DD.MM.YYYY).")
                    % {"value": raw[name]},
                )
    if "topics" in raw:
        topics = []
        for name in _split(raw["topics"]):
            topic = lookups.topics.get(name.casefold())
            if topic is None:
                error("topics", _("Unknown topic “%(value)s”.") % {"value": name})
            else:
                topics.append(topic)
        values["topics"] = topics
    if "tags" in raw:
        tags = _split(raw["tags"])
        for tag in tags:
            if len(tag) > 100:
                error("tags", _("A tag has at most 100 characters."))
        values["tags"] = tags
    if "partner_cities" in raw:
        partners = []
        for item in _split(raw["partner_cities"]):
            name, _sep, role = item.partition(":")
            partner_city = lookups.city(name)
            role = role.strip() or PartnerRole.PARTNER
            if partner_city is None:
                error("partner_cities", _("Unknown city “%(value)s”.") % {"value": name})
            elif role not in PartnerRole.values:
                error(
                    "partner_cities",
                    _("Unknown role “%(value)s” (partner, tenant or adopter).") % {"value": role},
                )
            elif city is not None and partner_city.pk == city.pk:
                error("partner_cities", _("The lead city cannot be its own partner."))
            else:
                partners.append((partner_city, role))
        values["partner_cities"] = partners

    if "uses_algorithmic_system" in raw:
        word = raw["uses_algorithmic_system"].casefold()
        if word in TRUE_WORDS:
            values["uses_algorithmic_system"] = True
        elif word in FALSE_WORDS:
            values["uses_algorithmic_system"] = False
        else:
            error("uses_algorithmic_system", _("Please write ja or nein."))

    for name in PLAIN_FIELDS:
        if name in raw:
            values[name] = raw[name]
    if raw.get("repository_url"):
        try:
            URLValidator(schemes=["http", "https"])(raw["repository_url"])
        except ValidationError:
            error("repository_url", _("This is not a web address (https://…)."))
    for name in TEXT_FIELDS | {"solution"}:
        if name in raw:
            values[name] = raw[name]

    if errors or city is None:
        return None
    existing = find_existing(city, external_id)
    _check_model_rules(number, values, existing, errors)
    return ParsedRow(number, {"external_id": external_id, **values}, city, existing)


def find_existing(city, external_id):
    project = ProjectPage.objects.filter(lead_city=city, external_id=external_id).first()
    if project is None and (match := PLATFORM_ID.match(external_id)):
        project = ProjectPage.objects.filter(
            lead_city=city, pk=int(match.group(1)), external_id=""
        ).first()
    return project


def _check_model_rules(number, values, existing, errors):
    """The rules a moderator's edit form enforces, applied to the row as it would be saved."""
    page = _draft_of(existing) if existing else ProjectPage()
    _assign_fields(page, values)
    if not page.teaser.strip():
        errors.append(RowError(number, "teaser", _("A teaser is required.")))
    if not html_to_text(page.challenge):
        errors.append(RowError(number, "challenge", _("The challenge is required.")))
    try:
        page.clean_fields(
            exclude=[
                "path",
                "depth",
                "numchild",
                "url_path",
                "slug",
                "content_type",
                "draft_title",
                "challenge",
                "solution",
                "teaser",
            ]
        )
        page.validate_project_rules()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            column = name if name in IMPORTABLE else ""
            for message in messages:
                errors.append(RowError(number, column, message))


def _draft_of(page):
    """The newest version of a page as a fresh object: for a page without pending changes
    Wagtail hands back the very instance, which must not be changed in place."""
    return ProjectPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def _assign_fields(page, values):
    if "title" in values:
        page.title = values["title"]
        page.draft_title = values["title"]
    for name in ("status", "reuse_mode", "budget_range"):
        if values.get(name) is not None:
            setattr(page, name, values[name])
    for name in ("start_date", "go_live_date", "uses_algorithmic_system", *PLAIN_FIELDS):
        if name in values:
            setattr(page, name, values[name])
    for name in TEXT_FIELDS:
        # Unchanged text keeps its formatting (lists, links); changed text replaces it.
        if name in values and values[name] != html_to_text(getattr(page, name)):
            setattr(page, name, text_to_html(values[name]))
    if "solution" in values and values["solution"] != stream_to_text(page.solution):
        media = [(b.block_type, b.value) for b in page.solution if b.block_type != "paragraph"]
        # Images, documents and links have no text form: they stay, after the new text.
        blocks = [("paragraph", text_to_html(values["solution"]))] if values["solution"] else []
        page.solution = blocks + [(kind, value) for kind, value in media if kind != "quote"]


def _assign_relations(page, values):
    if "topics" in values:
        page.topics = values["topics"]
    if "tags" in values:
        page.tags.set(values["tags"])
    if "partner_cities" in values:
        # In the order of the cell; only the admin's forms set an Orderable's position.
        page.partners = [
            ProjectPartner(city=c, role=role, sort_order=position)
            for position, (c, role) in enumerate(values["partner_cities"])
        ]


def import_rows(parsed, user=None, progress=None):
    """Write the validated rows as drafts and submit them to moderation. All or nothing."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for position, row in enumerate(parsed, 1):
            counts[_write(row, user)] += 1
            if progress:
                progress(position, len(parsed))
    return counts


def _write(row, user):
    values = row.values
    if row.existing is None:
        page = ProjectPage(external_id=values["external_id"], live=False)
        _assign_fields(page, values)
        page.slug = _free_slug(row.city, values["title"])
        _assign_relations(page, values)
        row.city.add_child(instance=page)
        outcome = "created"
    else:
        page = _draft_of(row.existing)
        before = _comparable(page)
        _assign_fields(page, values)
        _assign_relations(page, values)
        if _comparable(page) == before:
            return "unchanged"
        outcome = "updated"
    page.save_revision(user=user, log_action=True)
    _submit_for_moderation(page, user)
    return outcome


def _comparable(page):
    row = export_row(page)
    row["tags"] = sorted(t.casefold() for t in _split(row["tags"]))
    return {name: row[name] for name in IMPORTABLE}


def _free_slug(city, title):
    base = ascii_slug(title)[:240] or "projekt"
    taken = set(city.get_children().values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _submit_for_moderation(page, user):
    page = ProjectPage.objects.get(pk=page.pk)
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, user)


def import_file(data, filename, user=None, dry_run=False, progress=None):
    """Read, validate and (unless dry_run or invalid) write a spreadsheet of projects."""
    result = ImportResult(dry_run=dry_run)
    try:
        header, rows = read_table(data, filename)
    except ImportFileError as exc:
        result.errors.append(RowError(0, "", str(exc)))
        return result
    result.rows, result.errors = validate_table(header, rows)
    if result.errors or dry_run:
        return result
    try:
        counts = import_rows(result.rows, user=user, progress=progress)
    except (IntegrityError, ValidationError) as exc:
        # Someone else (a second import of the same projects, an editor) wrote one of these
        # projects between the check and now. import_rows is all or nothing: nothing was written.
        logger.info("Import conflict", exc_info=True)
        message = _(
            "While importing, another import or an editor changed the same projects. Nothing "
            "from this file was imported; please check the file again."
        )
        if isinstance(exc, ValidationError):
            message += " " + " ".join(exc.messages)
        result.errors.append(RowError(0, "", message))
        return result
    result.created, result.updated, result.unchanged = (
        counts["created"],
        counts["updated"],
        counts["unchanged"],
    )
    return result
