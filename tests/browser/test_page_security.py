"""Part 2: the main public pages and the admin load nothing from other hosts and break no rule
of the Content-Security-Policy, as Chromium sees it."""

import datetime as dt

import pytest

from django.utils import timezone

from cities.factories import CityPageFactory
from core import roles
from core.factories import UserFactory
from events.factories import EventPageFactory
from events.models import AgendaItem
from projects.factories import ProjectPageFactory
from projects.models import ProjectPartner

from .helpers import RECORD_VIOLATIONS, sign_in_to_admin

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(site_tree):
    guetersloh = CityPageFactory(
        title="Gütersloh", region="ostwestfalen-lippe", ags="05754008", slug="guetersloh"
    )
    koeln = CityPageFactory(title="Köln", region="rheinland", ags="05315000", slug="koeln")
    project = ProjectPageFactory(
        parent=guetersloh,
        title="Digitale Terminbuchung",
        tags=["Termin"],
        teaser="Termine online buchen.",
    )
    ProjectPartner.objects.create(page=project, city=koeln, role="partner", sort_order=0)
    project.save_revision().publish()
    event = EventPageFactory(
        title="Arbeitskreis Digitalisierung",
        start=timezone.now() + dt.timedelta(days=14),
        host_city=guetersloh,
    )
    AgendaItem.objects.create(page=event, time=dt.time(10), title="Begrüßung", sort_order=0)
    event.save_revision().publish()
    UserFactory(
        username="moderation",
        groups=[roles.moderators_group()],
        email="moderation@kommunal.example",
    )
    return {"city": guetersloh, "project": project, "event": event}


def about_policies(message):
    """Chromium's console messages on the site's policies: violations and header errors."""
    text = message.text.lower()
    return any(
        name in text
        for name in ("content security policy", "content-security-policy", "permissions-policy")
    )


def tour(page, urls):
    """Visit each URL; return the policy violations the browser reported, per URL."""
    console = []
    page.on(
        "console", lambda message: console.append(message.text) if about_policies(message) else None
    )
    page.add_init_script(RECORD_VIOLATIONS)
    problems = {}
    for url in urls:
        console.clear()
        response = page.goto(url)
        assert response.status < 400, f"{url}: {response.status}"
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__cspViolations") + console
        if found:
            problems[url] = found
    return problems


def test_public_pages_keep_to_the_site_and_its_policy(site, new_page):
    page = new_page()
    urls = [
        "/",
        "/projekte/",
        site["project"].url,
        "/staedte/",
        site["city"].url,
        "/termine/",
        site["event"].url,
        "/suche/?q=Termin",
        "/daten/",
        "/daten/api/",
        "/daten/api/interaktiv/",
        "/wer-macht-das-schon/?q=Termine+online+buchen",
        "/anmelden/",
    ]
    assert tour(page, urls) == {}
    # The search field's suggestions are fetched by script: from the site itself.
    page.goto("/")
    page.fill("#header-q", "Term")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == []
    # Requests to other hosts fail the test in new_page's teardown.


def test_admin_keeps_to_the_site_and_its_policy(site, new_page):
    page = new_page()
    sign_in_to_admin(page, "moderation")
    urls = [
        "/admin/",
        f"/admin/pages/{site['city'].pk}/",
        f"/admin/pages/{site['project'].pk}/edit/",
        f"/admin/pages/{site['event'].pk}/edit/",
        f"/admin/pages/add/projects/projectpage/{site['city'].pk}/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/account/",
        # The public pages with Wagtail's user bar for editors.
        "/",
        site["project"].url,
    ]
    assert tour(page, urls) == {}
