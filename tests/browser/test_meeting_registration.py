"""A member finds a meeting in the month view, registers, sees themself listed, gets the .ics."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from django.utils import timezone

from cities.factories import CityPageFactory
from core import roles
from core.factories import UserFactory
from core.models import MemberProfile
from events.factories import EventPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_member_registers_from_the_month_view_and_downloads_ics(site_tree, new_page):
    witten = CityPageFactory(title="Witten", region="ruhrgebiet", ags="05954036", slug="witten")
    member = UserFactory(
        username="maria",
        groups=[roles.members_group()],
        first_name="Maria",
        last_name="Muster",
        email="maria@example.org",
    )
    MemberProfile.objects.create(user=member, city=witten)
    day = timezone.localdate() + dt.timedelta(days=3)
    event = EventPageFactory(
        title="Arbeitskreis in Witten",
        start=dt.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/Berlin")),
        host_city=witten,
        capacity=20,
        venue_name="Rathaus Witten",
    )

    page = new_page()
    page.goto(f"/anmelden/?next=/termine/{day.year}/{day.month}/")
    page.get_by_label("Benutzername").fill("maria")
    page.get_by_label("Passwort").fill("pw-12345!")
    page.get_by_role("button", name="Einloggen").click()
    expect(page.get_by_role("table")).to_contain_text(str(day.day))

    page.get_by_role("table").get_by_role("link", name="Arbeitskreis in Witten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeitskreis in Witten")
    page.get_by_role("button", name="Teilnahme anmelden").click()
    expect(page.locator(".messages")).to_contain_text("Ihre Teilnahme ist angemeldet")
    expect(page.locator(".participants")).to_contain_text("Maria Muster (Witten)")
    expect(page.get_by_text("19 von 20 Plätzen frei.")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="In den Kalender (.ics)").click()
    ics = Calendar.from_ical(download_info.value.path().read_bytes())
    [entry] = ics.walk("VEVENT")
    assert str(entry["uid"]) == event.uid
    assert entry.decoded("dtstart").hour == 10
