"""The month grid of `/termine/<year>/<month>/`: weeks start on Monday, days in Europe/Berlin."""

import calendar
import datetime as dt
from collections import defaultdict

from django.utils import formats
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR

from core.validation import month_in_range


class MonthGrid:
    def __init__(self, year, month, events, today):
        self.year, self.month, self.today = year, month, today
        self.first = dt.date(year, month, 1)
        self.weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
        by_day = defaultdict(list)
        for event in events.between(self.weeks[0][0], self.weeks[-1][-1]):
            for day in event.local_days():
                by_day[day].append(event)
        self.events_by_day = by_day

    @property
    def title(self):
        return self.title_of(self.year, self.month)

    @staticmethod
    def title_of(year, month):
        return f"{MONTHS[month]} {year}"

    @property
    def last_day(self):
        return (self.first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)

    @property
    def weekdays(self):
        return [(WEEKDAYS[n], WEEKDAYS_ABBR[n]) for n in range(7)]

    @property
    def previous(self):
        """(year, month) before this one, or None at the start of the site's calendar."""
        last_month = self.first - dt.timedelta(days=1)
        return _in_calendar(last_month.year, last_month.month)

    @property
    def next(self):
        """(year, month) after this one, or None at the end of the site's calendar."""
        next_month = (self.first + dt.timedelta(days=32)).replace(day=1)
        return _in_calendar(next_month.year, next_month.month)

    def rows(self):
        """Weeks of cells: (date, in this month, is today, meetings of that day)."""
        return [
            [
                {
                    "date": day,
                    "in_month": day.month == self.month,
                    "is_today": day == self.today,
                    "events": self.events_by_day.get(day, []),
                    "label": formats.date_format(day, "l, j. F Y"),
                }
                for day in week
            ]
            for week in self.weeks
        ]

    def events(self):
        seen, ordered = set(), []
        for week in self.rows():
            for cell in week:
                for event in cell["events"]:
                    if cell["in_month"] and event.pk not in seen:
                        seen.add(event.pk)
                        ordered.append(event)
        return ordered


def _in_calendar(year, month):
    return (year, month) if month_in_range(year, month) else None
