import datetime as dt
import os
import shutil

import pytest

from django.utils import timezone

from cities.factories import CityPageFactory
from core import roles
from core.factories import UserFactory
from events.factories import EventPageFactory
from events.models import AgendaItem
from home.models import HomePage
from legal.models import AccessibilityPage, ContactPage, LegalPage
from projects.factories import ProjectPageFactory, TopicFactory
from projects.models import ProjectPartner

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ETHICS = ["purpose", "data", "oversight", "transparency", "evaluation", "complaints"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run 'make browser' (apt-get install chromium)"
        )
    # Playwright's sync API keeps an event loop in the test thread for the whole session; the ORM
    # calls the tests make between browser steps are still synchronous, which Django would
    # otherwise refuse.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def new_page(browser, live_server):
    """A fresh German-speaking browser tab; fails the test on any request off this machine."""
    contexts = []
    foreign = []

    def make(**options):
        """`options` go to Playwright's `new_context` (`viewport`, `java_script_enabled` …)."""
        context = browser.new_context(locale="de-DE", base_url=live_server.url, **options)
        context.on(
            "request",
            lambda request: (
                foreign.append(request.url)
                if not request.url.startswith((live_server.url, "data:", "blob:"))
                else None
            ),
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield make
    for context in contexts:
        context.close()
    assert foreign == [], f"pages requested third-party resources: {foreign}"


@pytest.fixture
def public_site(site_tree):
    topic = TopicFactory(name="Bürgerservice")
    guetersloh = CityPageFactory(
        title="Gütersloh",
        region="ostwestfalen-lippe",
        ags="05754008",
        slug="guetersloh",
        population=101_158,
        latitude="51.90693",
        longitude="8.37853",
        website="https://www.guetersloh.de/de/rathaus/digitalisierung-und-verwaltungsmodernisierung",
    )
    koeln = CityPageFactory(
        title="Köln",
        region="rheinland",
        ags="05315000",
        slug="koeln",
        latitude="50.93753",
        longitude="6.96028",
    )
    project = ProjectPageFactory(
        parent=guetersloh,
        title="Terminbuchung im Bürgerbüro mit Dokumenten-Checkliste und Erinnerung",
        topics=[topic],
        tags=["Terminvergabe", "Bürgerbüro", "Onlinezugangsgesetz"],
        teaser="Wer online einen Termin bucht, erfährt gleich, welche Unterlagen mitzubringen sind.",
        reuse_mode="open_source",
        uses_algorithmic_system=True,
        **{f"ethics_{part}": f"Angaben zu {part}" for part in ETHICS},
        status="live",
    )
    ProjectPartner.objects.create(page=project, city=koeln, role="partner", sort_order=0)
    project.save_revision().publish()
    ProjectPageFactory(parent=koeln, title="Terminservice Köln", topics=[topic], tags=["Termin"])
    # More than a page of projects: pagination on the list and the city page.
    for number in range(24):
        ProjectPageFactory(parent=guetersloh, title=f"Digitalisierungsvorhaben Nummer {number:02d}")
    start = timezone.now() + dt.timedelta(days=14)
    event = EventPageFactory(
        title="Arbeitskreis Digitalisierung in Gütersloh", start=start, host_city=guetersloh
    )
    AgendaItem.objects.create(page=event, time=dt.time(10), title="Begrüßung", sort_order=0)
    event.save_revision().publish()
    EventPageFactory(
        title="Online-Sprechstunde", start=timezone.now() - dt.timedelta(days=40), format="online"
    )
    home = HomePage.objects.get()
    for page in [
        LegalPage(
            title="Impressum",
            slug="impressum",
            body=[
                ("note", "<p>Platzhalter</p>"),
                ("heading", "Anbieter"),
                ("paragraph", "<p>…</p>"),
            ],
        ),
        ContactPage(title="Kontakt", slug="kontakt"),
        AccessibilityPage(
            title="Erklärung zur Barrierefreiheit",
            slug="barrierefreiheit",
            enforcement="<p>Ombudsstelle für barrierefreie Informationstechnik des Landes NRW</p>",
        ),
    ]:
        home.add_child(instance=page)
        page.save_revision().publish()
    UserFactory(username="redaktion-gt", groups=[guetersloh.editor_group])
    UserFactory(username="moderation", groups=[roles.moderators_group()])
    return {"city": guetersloh, "project": project, "event": event, "start": start}
