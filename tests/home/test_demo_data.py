import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from cities.models import CityPage
from introductions.models import Introduction
from legal.models import AccessibilityPage, ContactPage, LegalPage
from projects.models import ProjectPage, ProjectReuse, Topic
from solutions.models import SolutionPage

pytestmark = pytest.mark.django_db


def load():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts():
    return (
        CityPage.objects.count(),
        ProjectPage.objects.count(),
        SolutionPage.objects.count(),
        ProjectReuse.objects.count(),
        Topic.objects.count(),
        get_user_model().objects.count(),
        LegalPage.objects.count() + ContactPage.objects.count() + AccessibilityPage.objects.count(),
        Introduction.objects.count(),
    )


def test_demo_loader_can_run_twice_without_duplicates():
    first = load()
    before = counts()
    second = load()
    assert counts() == before
    assert "(0 Objekte neu angelegt)" in second
    assert "[36/36]" in first  # progress is shown


def test_demo_has_the_pages_a_public_body_must_offer_linked_in_every_footer(client):
    load()
    pages = [
        LegalPage.objects.get(slug="impressum"),
        LegalPage.objects.get(slug="datenschutz"),
        ContactPage.objects.get(),
        AccessibilityPage.objects.get(),
        LegalPage.objects.get(slug="leichte-sprache"),
    ]
    for url in ("/", "/projekte/", pages[0].url):
        html = client.get(url).content.decode()
        footer = html[html.index("<footer") :]
        for page in pages:
            assert f'<a href="{page.url}"' in footer and page.title in footer, (url, page)
    for page in pages:
        html = client.get(page.url).content.decode()
        assert "Platzhalter – bitte durch den Text Ihrer Stelle ersetzen" in html, page
    privacy = client.get(pages[1].url).content.decode()
    for stored in ("Benutzerkonten", "Anmeldungen zu Treffen", "Folgen", "Server-Protokolle"):
        assert stored in privacy
    assert "teilweise vereinbar" in client.get(pages[3].url).content.decode()


def test_demo_data_covers_the_working_groups_examples():
    load()
    assert CityPage.objects.live().count() >= 12
    assert ProjectPage.objects.live().count() >= 30
    for ags in ("05754008", "05315000", "05513000", "05166032", "05954036"):
        assert CityPage.objects.filter(ags=ags).exists()
    open_data = ProjectPage.objects.get(slug="open-data-plattform")
    assert open_data.lead_city.title == "Köln"
    assert [(p.city.title, p.role) for p in open_data.partners.all()] == [
        ("Gütersloh", "tenant"),
        ("Bonn", "partner"),
    ]
    titles = set(ProjectPage.objects.values_list("title", flat=True))
    for expected in (
        "Chatbot für Bürgerfragen",
        "Datenethikbeirat",
        "On-Demand-Bus ohne feste Haltestellen",
        "Besucherzentrum im Rathaus",
        "Bürgerportal mit Servicekonto",
    ):
        assert expected in titles


def test_demo_projects_overlap_so_peers_can_be_found():
    load()
    termine = ProjectPage.objects.get(slug="terminbuchung-buergerbuero")
    similar = termine.similar_projects()
    assert similar
    assert all(project.lead_city != termine.lead_city for project in similar)


def test_demo_users_exist_for_each_role():
    load()
    users = get_user_model().objects.in_bulk(
        ["mitglied", "moderation", "redaktion-guetersloh", "redaktion-koeln"], field_name="username"
    )
    assert len(users) == 4
    gt = CityPage.objects.get(ags="05754008")
    assert gt.permissions_for_user(users["redaktion-guetersloh"]).can_add_subpage()
    assert not gt.permissions_for_user(users["redaktion-koeln"]).can_add_subpage()


def test_demo_meetings_cover_the_working_groups_calendar():
    from events.models import EventPage

    load()
    guetersloh = EventPage.objects.get(slug="arbeitskreis-guetersloh-2025")
    assert guetersloh.venue_name == "Stadthalle Gütersloh" and guetersloh.status == "held"
    presented = {p.slug for p in guetersloh.presented_projects()}
    assert {"terminbuchung-buergerbuero", "datenethikbeirat", "open-data-plattform"} <= presented
    assert any("Datenethik" in item.title for item in guetersloh.agenda_items.all())
    # The agenda reads in the order of the day (positions are stored, not left to the database).
    times = [item.time for item in guetersloh.agenda_items.all()]
    assert times == sorted(times) and len(times) > 2
    assert None not in {item.sort_order for item in guetersloh.agenda_items.all()}
    upcoming = EventPage.objects.live().upcoming()
    assert upcoming.filter(format="online").exists()
    assert upcoming.filter(status="cancelled").exists()
    full = upcoming.get(status="full")
    assert full.seats_left() == 0 and full.waiting().exists()


def test_demo_has_solutions_and_reuse_with_guetersloh_as_koelns_tenant_first():
    load()
    assert SolutionPage.objects.live().count() >= 5
    assert ProjectReuse.objects.confirmed().count() >= 8
    first = ProjectReuse.objects.order_by("pk").first()
    assert (first.adopter.lead_city.title, first.origin.lead_city.title, first.way) == (
        "Gütersloh",
        "Köln",
        "tenant",
    )
    platform = SolutionPage.objects.get(slug="open-data-plattform-koeln")
    assert platform.projects.live().count() >= 3
    assert ProjectReuse.objects.pending().exists()  # a request waiting for the other city


def test_demo_shows_interest_stale_projects_and_a_role_mailbox(client):
    load()
    assert Introduction.objects.values("city").distinct().count() >= 3
    assert {p.slug for p in ProjectPage.objects.stale()} == {
        "cdo-stabsstelle",
        "chief-digital-officer",
    }
    client.force_login(get_user_model().objects.get(username="mitglied"))
    bochum = ProjectPage.objects.filter(lead_city__slug="bochum").first()
    html = client.get(bochum.url).content.decode()
    assert "digitalisierung@bochum.example" in html and "daniel.wolf@" not in html
