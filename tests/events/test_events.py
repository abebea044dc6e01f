import datetime as dt
import threading

import pytest
import vobject
from icalendar import Calendar

from django.core import mail
from django.db import IntegrityError, connection
from django.utils import timezone

from core.factories import UserFactory
from core.models import MemberProfile
from events.calendar import MonthGrid
from events.factories import EventPageFactory
from events.models import EventPage, Registration, RegistrationError
from projects.factories import ProjectPageFactory
from tests.helpers import berlin, soon

pytestmark = pytest.mark.django_db
# --- month grid ------------------------------------------------------------------------------


def test_month_starting_on_sunday_begins_with_mondays_of_previous_month():
    grid = MonthGrid(2025, 6, EventPage.objects.none(), today=dt.date(2025, 6, 15))
    rows = grid.rows()
    assert rows[0][0]["date"] == dt.date(2025, 5, 26)  # weeks start on Monday
    assert rows[0][6]["date"] == dt.date(2025, 6, 1)
    assert [cell["in_month"] for cell in rows[0]] == [False] * 6 + [True]
    assert len(rows) == 6


def test_february_in_a_leap_year_has_29_days():
    grid = MonthGrid(2028, 2, EventPage.objects.none(), today=dt.date(2028, 1, 1))
    days = [cell["date"] for week in grid.rows() for cell in week if cell["in_month"]]
    assert days[-1] == dt.date(2028, 2, 29) and len(days) == 29


def test_meetings_on_daylight_saving_days_land_on_their_local_day(db):
    spring = EventPageFactory(
        title="Frühjahr", start=berlin(2025, 3, 30, 1, 30), hours=1
    )  # 01:30 CET → 03:30 CEST
    autumn = EventPageFactory(
        title="Herbst", start=berlin(2025, 10, 26, 23, 30), hours=1
    )  # ends after midnight
    march = MonthGrid(2025, 3, EventPage.objects.all(), today=dt.date(2025, 1, 1)).events_by_day
    october = MonthGrid(2025, 10, EventPage.objects.all(), today=dt.date(2025, 1, 1)).events_by_day
    assert march[dt.date(2025, 3, 30)] == [spring] and not march.get(dt.date(2025, 3, 29))
    assert spring.local_end.hour == 3 and spring.local_end.utcoffset() == dt.timedelta(hours=2)
    assert october[dt.date(2025, 10, 26)] == [autumn]
    assert october.get(dt.date(2025, 10, 27)) == [autumn]


def test_month_view_is_german_accessible_and_links_days(client):
    event = EventPageFactory(title="Treffen in Köln", start=soon(days=0, hour=12))
    today = timezone.localdate()
    response = client.get(f"/termine/{today.year}/{today.month}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<abbr title="Montag">' in html and "<caption>" in html
    assert 'aria-current="date"' in html
    assert f'href="{event.url}"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    german_months = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ]
    assert f"{german_months[today.month - 1]} {today.year}" in html


def test_an_empty_month_links_to_the_next_month_with_a_meeting(client):
    today = timezone.localdate()
    empty = (today.replace(day=1) + dt.timedelta(days=40)).replace(day=1)
    later = (empty + dt.timedelta(days=70)).replace(day=15)
    EventPageFactory(
        title="Treffen in Gelsenkirchen", start=berlin(later.year, later.month, 15, 10)
    )
    html = client.get(f"/termine/{empty.year}/{empty.month}/").content.decode()
    assert "Keine Treffen in diesem Monat." in html or "No meetings this month." in html
    assert f'href="/termine/{later.year}/{later.month}/"' in html
    # After the last meeting there is nothing to point to.
    after = (later + dt.timedelta(days=40)).replace(day=1)
    html = client.get(f"/termine/{after.year}/{after.month}/").content.decode()
    assert "Nächste Treffen" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/termine/2025/13/",
        "/termine/2025/0/",
        "/termine/99999/1/",
        "/termine/2201/1/",
        "/termine/99999999999999999999/1/",
    ],
)
def test_month_out_of_range_is_404(client, url):
    assert client.get(url).status_code == 404


def test_the_calendar_does_not_link_beyond_its_ends(client):
    first, last = client.get("/termine/1900/1/"), client.get("/termine/2200/12/")
    assert first.status_code == last.status_code == 200
    assert 'rel="prev"' not in first.content.decode() and 'rel="next"' in first.content.decode()
    assert 'rel="next"' not in last.content.decode() and 'rel="prev"' in last.content.decode()


def test_previous_month_of_january_is_december():
    grid = MonthGrid(2026, 1, EventPage.objects.none(), today=dt.date(2026, 1, 1))
    assert grid.previous == (2025, 12) and grid.next == (2026, 2)


# --- lists -----------------------------------------------------------------------------------


def test_index_lists_upcoming_and_past_by_year_with_filters(client, guetersloh, koeln):
    EventPageFactory(
        title="Vergangen GT", start=berlin(2024, 5, 1, 10), host_city=guetersloh, status="held"
    )
    EventPageFactory(title="Online bald", start=soon(), format="online")
    EventPageFactory(title="Köln bald", start=soon(20), host_city=koeln, format="in_person")
    response = client.get("/termine/")
    assert [e.title for e in response.context["upcoming"]] == ["Online bald", "Köln bald"]
    assert [e.title for e in response.context["past"]] == ["Vergangen GT"]
    assert "2024" in response.content.decode()
    online = client.get("/termine/?format=online")
    assert [e.title for e in online.context["upcoming"]] == ["Online bald"]
    by_city = client.get("/termine/?city=guetersloh")
    assert [e.title for e in by_city.context["past"]] == ["Vergangen GT"]
    assert not by_city.context["upcoming"]
    assert client.get("/termine/?format=telepathie").status_code == 400


def test_host_city_filter_offers_host_cities_and_takes_any_public_city(client, guetersloh, koeln):
    EventPageFactory(title="Köln bald", start=soon(), host_city=koeln)
    response = client.get("/termine/")
    select = response.content.decode().split('name="city"')[1].split("</select>")[0]
    assert 'value="koeln"' in select and 'value="guetersloh"' not in select
    # Like the API: a public city without meetings has none, it is no unknown value.
    by_city = client.get("/termine/?city=guetersloh")
    assert by_city.status_code == 200 and not by_city.context["upcoming"]
    assert client.get("/api/v1/events/?city=guetersloh").json()["count"] == 0


def test_home_city_and_project_pages_show_meetings(client, guetersloh):
    from events.models import AgendaItem

    project = ProjectPageFactory(parent=guetersloh, title="Terminbuchung")
    event = EventPageFactory(title="Arbeitskreis in Gütersloh", start=soon(), host_city=guetersloh)
    item = AgendaItem.objects.create(page=event, title="Vorstellung", speakers="Anna Berger")
    item.projects.add(project)
    item.save()  # parental many-to-many relations are written on save
    assert [e.title for e in client.get("/").context["next_events"]] == [
        "Arbeitskreis in Gütersloh"
    ]
    assert [e.title for e in client.get(guetersloh.url).context["hosted_events"]] == [event.title]
    presented = client.get(project.url)
    page = presented.content.decode()
    assert "Vorgestellt bei" in page
    assert f'<a href="{event.url}">{event.title}</a>' in page
    assert project.title in client.get(event.url).content.decode()


# --- iCal --------------------------------------------------------------------------------------


def test_ics_parses_back_with_two_libraries_and_keeps_local_times_across_dst(client):
    before = EventPageFactory(
        title="Vor der Umstellung; mit Komma, und Semikolon", start=berlin(2025, 10, 25, 10)
    )
    after = EventPageFactory(title="Nach der Umstellung", start=berlin(2025, 10, 27, 10))
    body = client.get("/termine/feed.ics").content

    parsed = Calendar.from_ical(body)
    events = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    assert set(events) == {before.uid, after.uid}
    assert str(events[before.uid]["summary"]) == before.title
    assert parsed.walk("VTIMEZONE")[0]["tzid"] == "Europe/Berlin"
    assert all("dtstamp" in e for e in events.values())

    second = vobject.readOne(body.decode())
    by_uid = {e.uid.value: e for e in second.vevent_list}
    utc = dt.UTC
    assert by_uid[before.uid].dtstart.value.astimezone(utc) == dt.datetime(
        2025, 10, 25, 8, tzinfo=utc
    )
    assert by_uid[after.uid].dtstart.value.astimezone(utc) == dt.datetime(
        2025, 10, 27, 9, tzinfo=utc
    )
    assert by_uid[before.uid].summary.value == before.title


def test_ics_lines_are_folded(client):
    EventPageFactory(
        title="Treffen",
        start=soon(),
        search_description="Ein sehr langer Text über Datenethik. " * 10,
    )
    body = client.get("/termine/feed.ics").content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert b"\r\n " in body


def test_cancelled_meeting_stays_in_feed_and_sequence_rises(client):
    event = EventPageFactory(title="Treffen", start=soon())
    first = Calendar.from_ical(client.get("/termine/feed.ics").content).walk("VEVENT")[0]
    event.status = "cancelled"
    event.save_revision().publish()
    second = Calendar.from_ical(client.get("/termine/feed.ics").content).walk("VEVENT")[0]
    assert second["uid"] == first["uid"]
    assert second["status"] == "CANCELLED"
    assert int(second["sequence"]) > int(first["sequence"])


def test_city_feed_has_only_that_citys_meetings(client, guetersloh, koeln):
    EventPageFactory(title="GT", start=soon(), host_city=guetersloh)
    EventPageFactory(title="K", start=soon(), host_city=koeln)
    feed = Calendar.from_ical(client.get("/termine/feed/guetersloh.ics").content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["GT"]
    assert client.get("/termine/feed/atlantis.ics").status_code == 404


def test_single_meeting_ics_download(client):
    event = EventPageFactory(title="Treffen", start=soon())
    response = client.get(event.ics_url)
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert client.get("/termine/gibt-es-nicht/termin.ics").status_code == 404


# --- registration ------------------------------------------------------------------------------


@pytest.fixture
def members(db, guetersloh):
    from core import roles

    people = []
    for name in ("anna", "bert", "carla"):
        user = UserFactory(
            username=name,
            groups=[roles.members_group()],
            first_name=name.title(),
            last_name="Muster",
            email=f"{name}@example.org",
        )
        MemberProfile.objects.create(user=user, city=guetersloh)
        people.append(user)
    return people


def test_capacity_waiting_list_and_moving_up_by_email(members):
    anna, bert, carla = members
    event = EventPageFactory(title="Treffen", start=soon(), capacity=1)
    assert event.register(anna).state == Registration.State.CONFIRMED
    assert event.register(bert).state == Registration.State.WAITING
    assert event.register(carla).state == Registration.State.WAITING
    assert event.seats_left() == 0
    moved = event.cancel_registration(anna)
    assert moved.user == bert and moved.state == Registration.State.CONFIRMED
    assert [r.user for r in event.waiting()] == [carla]


def test_registering_twice_keeps_one_registration(members):
    event = EventPageFactory(title="Treffen", start=soon(), capacity=5)
    event.register(members[0])
    event.register(members[0])
    assert event.registrations.count() == 1


def test_deadline_cancelled_and_past_meetings_refuse_registration(members):
    late = EventPageFactory(
        title="Spät", start=soon(), registration_deadline=timezone.now() - dt.timedelta(hours=1)
    )
    cancelled = EventPageFactory(title="Abgesagt", start=soon(), status="cancelled")
    past = EventPageFactory(
        title="Vorbei", start=berlin(2024, 1, 10, 10), status="registration_open"
    )
    for event in (late, cancelled, past):
        with pytest.raises(RegistrationError):
            event.register(members[0])


def test_registration_not_open_yet_says_from_when(client, members):
    opens = soon(days=3, hour=9)
    planned = EventPageFactory(
        title="Treffen in Witten", start=soon(days=20), status="planned", registration_opens=opens
    )
    with pytest.raises(RegistrationError, match="ab"):
        planned.register(members[0])
    client.force_login(members[0])
    html = client.get(planned.url).content.decode()
    assert f"Die Anmeldung ist ab {opens.day}. " in html and "09:00" in html
    assert "Teilnahme anmelden" not in html
    # Once the day has come, members can register although the status still says planned.
    EventPage.objects.filter(pk=planned.pk).update(
        registration_opens=timezone.now() - dt.timedelta(minutes=1)
    )
    planned.refresh_from_db()
    assert planned.register(members[0]).state == Registration.State.CONFIRMED


def test_an_open_status_waits_for_the_opening_date(members):
    event = EventPageFactory(title="Treffen", start=soon(days=20), registration_opens=soon(days=2))
    with pytest.raises(RegistrationError):
        event.register(members[0])


def test_planned_meeting_without_a_date_stays_closed(members):
    event = EventPageFactory(title="Treffen", start=soon(days=20), status="planned")
    with pytest.raises(RegistrationError, match="noch nicht"):
        event.register(members[0])


def test_registration_cannot_open_after_it_closes():
    from django.core.exceptions import ValidationError

    start = soon(days=20)
    event = EventPage(
        title="Treffen",
        start=start,
        end=start + dt.timedelta(hours=2),
        registration_deadline=start - dt.timedelta(days=5),
        registration_opens=start - dt.timedelta(days=2),
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "registration_opens" in error.value.message_dict


def test_seat_numbers_are_unique_per_meeting(members):
    event = EventPageFactory(title="Treffen", start=soon(), capacity=2)
    Registration.objects.create(event=event, user=members[0], state="confirmed", seat=1)
    with pytest.raises(IntegrityError):
        Registration.objects.create(event=event, user=members[1], state="confirmed", seat=1)


@pytest.mark.django_db(transaction=True)
def test_last_seat_is_never_given_twice_under_concurrent_requests(site_tree):
    from core import roles

    event = EventPageFactory(title="Treffen", start=soon(), capacity=1)
    people = [UserFactory(username=f"p{n}", groups=[roles.members_group()]) for n in range(2)]
    assert event.capacity == 1
    barrier = threading.Barrier(2)
    results, errors = [], []

    def register(user):
        try:
            barrier.wait(timeout=10)
            results.append(EventPage.objects.get(pk=event.pk).register(user).state)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == ["confirmed", "waiting"]
    assert event.confirmed().count() == 1


def test_register_and_cancel_through_the_page(client, members):
    anna, bert, _carla = members
    event = EventPageFactory(title="Treffen", start=soon(), capacity=1)
    client.force_login(anna)
    response = client.post(f"{event.url}anmelden/", follow=True)
    assert response.status_code == 200
    assert "Anna Muster (Gütersloh)" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.org"]
    attachment_name, attachment, mimetype = mail.outbox[0].attachments[0]
    assert mimetype == "text/calendar" and event.uid in attachment

    client.force_login(bert)
    client.post(f"{event.url}anmelden/")
    assert "Warteliste" in mail.outbox[1].subject

    client.force_login(anna)
    client.post(f"{event.url}abmelden/")
    assert mail.outbox[-1].to == ["bert@example.org"]
    assert "nachgerückt" in mail.outbox[-1].subject


def test_registering_for_a_cancelled_meeting_explains_why(client, members):
    event = EventPageFactory(title="Abgesagt", start=soon(), status="cancelled")
    client.force_login(members[0])
    response = client.post(f"{event.url}anmelden/")
    assert response.status_code == 409
    assert "abgesagt" in response.content.decode()
    assert not event.registrations.exists()


def test_non_members_cannot_register(client, members):
    event = EventPageFactory(title="Treffen", start=soon())
    anonymous = client.post(f"{event.url}anmelden/")
    assert anonymous.status_code == 302 and "/anmelden/?next=" in anonymous["Location"]
    client.force_login(UserFactory(username="fremd"))
    assert client.post(f"{event.url}anmelden/").status_code == 403
    assert client.get(f"{event.url}anmelden/").status_code == 405
    assert not event.registrations.exists()


def test_registering_for_a_password_protected_meeting_asks_for_the_password(client, members):
    from wagtail.models import PageViewRestriction

    event = EventPageFactory(title="Klausur", start=soon())
    PageViewRestriction.objects.create(page=event, restriction_type="password", password="x")
    client.force_login(members[0])
    response = client.post(f"{event.url}anmelden/")
    assert response.status_code == 200 and 'name="password"' in response.content.decode()
    assert not event.registrations.exists()


def test_a_draft_meeting_cannot_be_registered_for(client, members):
    event = EventPageFactory(title="Entwurf", start=soon())
    event.unpublish()
    client.force_login(members[0])
    assert client.post(f"{event.url}anmelden/").status_code == 404
    assert not event.registrations.exists()


def test_a_page_called_anmelden_is_still_served_by_wagtail(client, guetersloh):
    project = ProjectPageFactory(parent=guetersloh, title="Anmelden", slug="anmelden")
    response = client.get(project.url)
    assert project.url.endswith("/anmelden/") and response.status_code == 200
    assert "Anmelden" in response.content.decode()


def test_minutes_online_link_and_participants_are_for_members_only(client, members):
    event = EventPageFactory(
        title="Treffen",
        start=soon(),
        format="hybrid",
        online_url="https://video.example/geheim",
        minutes="<p>Vertrauliches Protokoll</p>",
    )
    event.register(members[0])
    public = client.get(event.url).content.decode()
    for secret in ("video.example/geheim", "Vertrauliches Protokoll", "Anna Muster"):
        assert secret not in public
    client.force_login(members[1])
    member_view = client.get(event.url).content.decode()
    for secret in ("video.example/geheim", "Vertrauliches Protokoll", "Anna Muster"):
        assert secret in member_view


def test_end_before_start_is_rejected():
    from django.core.exceptions import ValidationError

    event = EventPage(title="X", start=berlin(2025, 1, 2, 10), end=berlin(2025, 1, 2, 9))
    with pytest.raises(ValidationError):
        event.clean()
