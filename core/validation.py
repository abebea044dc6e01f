"""Checks for values that arrive in addresses (path or query string): dates, years and ids.

A value the calendar or the database cannot hold is the client's mistake and gets a 400 or 404
with the reason; it must never reach a query, where SQLite raises OverflowError for a year 0 or
an id beyond 64 bits."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The site's calendar: meetings, project dates, search facets and harvests all lie in it.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200

# Every table's ids fit PostgreSQL's bigint and SQLite's 64-bit integers.
MAX_ID = 2**63 - 1


def year_in_range(year):
    return EARLIEST_YEAR <= year <= LATEST_YEAR


def month_in_range(year, month):
    return year_in_range(year) and 1 <= month <= 12


def parse_moment(text):
    """A date (YYYY-MM-DD, midnight in the site's time zone) or an ISO 8601 date and time, as an
    aware datetime. Raises ValidationError with a message for the client."""
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            moment = dt.datetime.combine(day, dt.time.min)
        else:
            # A "+" in a query string arrives as a space when the client did not encode it.
            moment = dt.datetime.fromisoformat(text.replace(" ", "+"))
    except ValueError as exc:
        raise ValidationError(
            _("Use a date (2026-01-31) or an ISO 8601 date and time."), code="invalid"
        ) from exc
    # Checked before any time zone arithmetic, which overflows at the ends of datetime's range.
    if not year_in_range(moment.year):
        raise ValidationError(
            _("Use a date between the years %(earliest)d and %(latest)d."),
            code="out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse_id(value):
    """The record id in an address as an int, or None if no record can have it."""
    text = str(value)
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None
