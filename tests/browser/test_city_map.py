"""The map of member cities in Chromium, without JavaScript: folded on a phone's project list so
that the results stay on top, after the table on a phone's city list, reached and followed by
keyboard with a visible focus, and asking no other host for anything."""

import pytest
from playwright.sync_api import expect

from .helpers import DESKTOP, PHONE, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOCUSED_POINT = """() => {
  const link = document.activeElement;
  if (!link || !link.classList.contains('city-map__point')) return null;
  return getComputedStyle(link.querySelector('circle')).strokeWidth;
}"""


def test_project_map_folded_then_followed_by_keyboard(public_site, new_page, live_server):  # noqa: F811
    page = new_page(viewport=PHONE, java_script_enabled=False)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/projekte/")
    panel = page.locator("details.map-panel")
    expect(panel).not_to_have_attribute("open", "")
    # Folded, the map costs one line: the first result is still in the first screen.
    assert page.locator(".cards article").first.bounding_box()["y"] < PHONE["height"]
    panel.locator("summary").click()
    points = page.locator("a.city-map__point")
    expect(points).to_have_count(2)
    panel.locator("summary").focus()
    page.keyboard.press("Tab")
    expect(points.first).to_be_focused()
    label = points.first.get_attribute("aria-label")
    page.keyboard.press("Enter")
    page.wait_for_url("**/projekte/?city=*")
    expect(page.locator(".active-filters")).to_contain_text(label.split(":")[0])
    assert [u for u in requested if not u.startswith(live_server.url)] == []


def test_open_map_fits_a_phone_passes_axe_and_shows_focus(public_site, new_page):  # noqa: F811
    # Scripts on, only to measure: the page itself has none.
    page = new_page(viewport=PHONE)
    page.goto("/projekte/")
    page.locator("details.map-panel > summary").click()
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
    page.locator("details.map-panel > summary").focus()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_POINT) == "4px"  # site.css's focus ring on the circle


def test_city_map_after_the_table_on_a_phone_beside_it_on_a_desktop(public_site, new_page):  # noqa: F811
    phone = new_page(viewport=PHONE, java_script_enabled=False)
    phone.goto("/staedte/")
    table, figure = phone.locator(".kern-table").bounding_box(), phone.locator("figure.city-map")
    assert figure.bounding_box()["y"] >= table["y"] + table["height"]
    assert phone.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    desktop = new_page(viewport=DESKTOP, java_script_enabled=False)
    desktop.goto("/staedte/")
    table = desktop.locator(".kern-table").bounding_box()
    beside = desktop.locator("figure.city-map").bounding_box()
    assert beside["x"] >= table["x"] + table["width"] and beside["y"] < table["y"] + table["height"]
