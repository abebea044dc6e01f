"""RFC 5545 calendars with icalendar: stable UID, DTSTAMP, VTIMEZONE, SEQUENCE, STATUS."""

import datetime as dt

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

from django.http import HttpResponse
from django.utils import timezone

from .models import BERLIN, EventStatus

STATUS = {
    EventStatus.CANCELLED: "CANCELLED",
    EventStatus.PLANNED: "TENTATIVE",
}


def berlin_timezone():
    """VTIMEZONE for Europe/Berlin as recurrence rules (EU rules since 1996), valid past 2038."""
    zone = Timezone()
    zone.add("tzid", "Europe/Berlin")
    zone.add("x-lic-location", "Europe/Berlin")
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", dt.timedelta(hours=1))
    summer.add("tzoffsetto", dt.timedelta(hours=2))
    summer.add("dtstart", dt.datetime(1996, 3, 31, 2, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", dt.timedelta(hours=2))
    winter.add("tzoffsetto", dt.timedelta(hours=1))
    winter.add("dtstart", dt.datetime(1996, 10, 27, 3, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def build_calendar(events, name, request=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Kommunal Digital//Arbeitskreis Digitalisierung//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    now = timezone.now()
    for event in events:
        entry = Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", now)
        entry.add("dtstart", timezone.localtime(event.start, BERLIN))
        entry.add("dtend", timezone.localtime(event.end, BERLIN))
        entry.add("summary", event.title)
        entry.add("sequence", event.sequence)
        entry.add("status", STATUS.get(event.status, "CONFIRMED"))
        if event.last_published_at:
            entry.add("last-modified", event.last_published_at)
        location = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
        if location:
            entry.add("location", vText(location))
        url = request.build_absolute_uri(event.get_url(request)) if request else event.full_url
        if url:
            entry.add("url", url)
        description = event.search_description or ""
        if event.is_cancelled:
            description = f"ABGESAGT. {description}".strip()
        if description:
            entry.add("description", description)
        calendar.add_component(entry)
    calendar.subcomponents.insert(0, berlin_timezone())
    return calendar


def calendar_response(events, filename, name, request=None):
    response = HttpResponse(
        build_calendar(events, name, request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
