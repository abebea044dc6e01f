"""Cells of the spreadsheets the site writes, safe to open in Excel or LibreOffice.

A cell that starts with = + - @ (or a tab or carriage return) is run as a formula when a
spreadsheet program opens the file: a project title such as ``=HYPERLINK("https://evil.example")``
would become a live link in every download ("CSV injection"). As OWASP recommends, such a cell
is written with a single quote in front, which spreadsheet programs show as plain text.

The quote must not change the data: the import takes it off again. So that a text which itself
starts with a quote survives the round trip too, it gets a quote in front as well; the import
takes off exactly one quote, and only where the export could have put one.
"""

QUOTE = "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value as a spreadsheet cell that no program runs as a formula. Only text is quoted:
    numbers, dates and empty cells are never formulas."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def neutralise_row(values):
    return [neutralise(value) for value in values]


def restore(text):
    """The text of a cell as :func:`neutralise` received it. A quote in front of anything else
    was typed by a person, not added by the export, and stays."""
    if text.startswith(QUOTE) and text[1:].startswith((*FORMULA_STARTS, QUOTE)):
        return text[1:]
    return text


def quote_wagtail_exports():
    """Wagtail's own CSV and XLSX exports (admin reports such as „Site history“ or „Aging
    pages“, listings with `list_export`) carry page titles and names that editors typed; in CSV
    Wagtail quotes nothing. Its documented per-value hook is wrapped once, at start-up, so that
    every exported value passes through `neutralise` as well."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(original(self, field, value, export_format))

    preprocess_field_value.neutralises = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
