"""Issue 12's „Done when“ for the public site, as Chromium sees it: every public page type fits a
phone (390 px) and a desktop (1280 px) without horizontal scrolling, asks no other host for
anything, and axe-core finds no serious or critical accessibility violation on it, nor on the
editors' and moderators' dashboards. Mobile: results before filters, filters folded with their
count, the header compact; all of it without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import AXE, DESKTOP, PHONE, TOO_WIDE, axe_violations, sign_in_to_admin  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHALLENGE = "Termine im Bürgerbüro online buchen, mit Erinnerung per SMS"


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
