"""Issue 12's „Done when“ for the public site, as Chromium sees it: every public page type fits a
phone (390 px) and a desktop (1280 px) without horizontal scrolling, asks no other host for
anything, and axe-core finds no serious or critical accessibility violation on it, nor on the
editors' and moderators' dashboards. Mobile: results before filters, filters folded with their
count, the header compact; all of it without JavaScript."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

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

from .test_editorial_flow import sign_in_to_admin

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# axe-core, vendored (tests/browser/vendor/, MPL-2.0): CI needs no npm.
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ETHICS = ["purpose", "data", "oversight", "transparency", "evaluation", "complaints"]
CHALLENGE = "Termine im Bürgerbüro online buchen, mit Erinnerung per SMS"

# The elements wider than the window, to say what to fix when a page scrolls sideways.
TOO_WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).slice(0, 3)})`);
}"""


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


def public_urls(site):
    return [
        "/",
        "/projekte/",
        "/projekte/?topic=buergerservice&reusable=on",
        "/projekte/?page=2",
        site["project"].url,
        "/staedte/",
        site["city"].url,
        "/termine/",
        f"/termine/{site['start']:%Y/%m}/",
        site["event"].url,
        "/suche/?q=Termin",
        "/suche/?q=Termin&type=project",
        f"/wer-macht-das-schon/?challenge={CHALLENGE}",
        "/wer-macht-das-schon/?challenge=kurz",  # a 400 with its message
        "/daten/",
        "/daten/api/",
        "/daten/api/interaktiv/",  # Swagger UI, from the site's own static files
        "/impressum/",
        "/kontakt/",
        "/barrierefreiheit/",
        "/anmelden/",
        "/gibt-es-nicht/",  # the 404 page
    ]


def visit(page, url):
    # Chromium's load event waits for the stylesheets and the fonts the first layout uses.
    response = page.goto(url)
    assert response.status in (200, 400, 404), f"{url}: {response.status}"


def axe_violations(page):
    """Serious and critical violations axe-core finds on the page. It is evaluated through the
    browser's debugging protocol, not as a page script: the site's Content-Security-Policy (no
    inline or eval'd script) stays as it is."""
    page.evaluate("source => (0, eval)(source)", AXE)
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_public_pages_fit_the_screen_ask_no_other_host_and_pass_axe(
    public_site, new_page, live_server, viewport
):
    page = new_page(viewport=viewport)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    problems = {"wider than the window": {}, "requests to other hosts": {}, "axe": {}}
    for url in public_urls(public_site):
        requested.clear()
        visit(page, url)
        if not page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"):
            problems["wider than the window"][url] = page.evaluate(TOO_WIDE)
        others = [u for u in requested if not u.startswith((live_server.url, "data:"))]
        if others:
            problems["requests to other hosts"][url] = others
        if violations := axe_violations(page):
            problems["axe"][url] = violations
    assert problems == {"wider than the window": {}, "requests to other hosts": {}, "axe": {}}


def test_axe_finds_nothing_serious_on_the_dashboards(public_site, new_page):
    found = {}
    for username in ["redaktion-gt", "moderation"]:
        page = new_page()
        sign_in_to_admin(page, username)
        for url in ["/admin/", public_site["project"].url]:  # the public page with the user bar
            visit(page, url)
            page.wait_for_load_state("networkidle")  # the admin builds its menus by script
            if violations := axe_violations(page):
                found[f"{username} {url}"] = violations
    assert found == {}


def test_phone_shows_results_first_and_filters_folded_with_their_count(public_site, new_page):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto("/projekte/?topic=buergerservice&reusable=on")
    panel = page.locator("details.filter-panel")
    results = page.locator("section.results")
    assert results.bounding_box()["y"] < panel.bounding_box()["y"]
    expect(panel.locator("summary")).to_have_text("Filter (2 aktiv)")
    expect(page.get_by_label("Thema")).to_be_hidden()
    panel.locator("summary").click()
    expect(page.get_by_label("Thema")).to_be_visible()
    page.get_by_label("Status").select_option(label="Pilot")
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page.locator("details.filter-panel summary")).to_have_text("Filter (3 aktiv)")
    expect(page.locator("#results-heading")).to_have_text("0 Projekte")

    page.goto("/suche/?q=Termin&type=project")
    expect(page.locator("details.filter-panel summary")).to_have_text("Filter (1 aktiv)")
    assert (
        page.locator(".search-results").bounding_box()["y"]
        < page.locator("details.filter-panel").bounding_box()["y"]
    )


def test_desktop_shows_filters_beside_the_results_without_a_click(public_site, new_page):
    page = new_page(viewport=DESKTOP, java_script_enabled=False)
    page.goto("/projekte/")
    expect(page.get_by_label("Thema")).to_be_visible()
    expect(page.locator("details.filter-panel summary")).to_be_hidden()
    panel, results = page.locator("details.filter-panel"), page.locator("section.results")
    assert panel.bounding_box()["x"] > results.bounding_box()["x"]
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_visible()


def test_phone_header_is_compact_and_its_menu_works_without_javascript(public_site, new_page):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto("/")
    assert page.locator(".site-header").bounding_box()["height"] <= 140
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    expect(navigation).to_be_hidden()
    page.get_by_text("Menü").click()
    navigation.get_by_role("link", name="Wer macht das schon?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wer macht das schon?")


def test_home_page_box_asks_the_peer_finder(public_site, new_page):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto("/")
    box = page.get_by_role("region", name="Wer macht das schon?")
    box.get_by_label("Beschreiben Sie Ihr Vorhaben …").fill(CHALLENGE)
    box.get_by_role("button", name="Städte finden").click()
    expect(page).to_have_url(re.compile(r"/wer-macht-das-schon/\?challenge="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Wer macht das schon?")
    expect(page.get_by_label("Beschreiben Sie Ihre Herausforderung")).to_have_value(CHALLENGE)
    expect(page.get_by_role("link", name=public_site["city"].title).first).to_be_visible()
