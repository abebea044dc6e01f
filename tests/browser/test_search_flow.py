"""Type into the box, pick a suggestion, narrow by a facet, open a result, follow a similar
project to another city – on the real engine (osmem-server)."""

import pytest
from playwright.sync_api import expect

from django.core.management import call_command

from cities.factories import CityPageFactory
from projects.factories import ProjectPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_autocomplete_facet_result_and_similar_project(site_tree, use_engine, new_page):
    from projects.models import Topic

    topic = Topic.objects.create(name="Bürgerservice")
    guetersloh = CityPageFactory(
        title="Gütersloh", region="ostwestfalen-lippe", ags="05754008", slug="guetersloh"
    )
    bielefeld = CityPageFactory(
        title="Bielefeld", region="ostwestfalen-lippe", ags="05711000", slug="bielefeld"
    )
    koeln = CityPageFactory(title="Köln", region="rheinland", ags="05315000", slug="koeln")
    common = dict(
        topics=[topic],
        tags=["Terminvergabe"],
        challenge="<p>Ohne Unterlagen zum Termin im Bürgerbüro: ein zweiter Besuch.</p>",
    )
    ProjectPageFactory(
        parent=guetersloh,
        title="Terminbuchung mit Checkliste",
        teaser="Termine und Unterlagen.",
        **common,
    )
    ProjectPageFactory(
        parent=bielefeld,
        title="Online-Terminvergabe",
        teaser="Termine für alle Bürgerämter.",
        **common,
    )
    ProjectPageFactory(
        parent=koeln, title="Terminservice Köln", teaser="Termine im Kundenzentrum.", **common
    )
    call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115

    page = new_page()
    page.goto("/suche/")
    box = page.get_by_label("Projekte, Termine und Städte durchsuchen")
    box.press_sequentially("Terminbu", delay=50)
    suggestion = page.locator("datalist option[value='Terminbuchung mit Checkliste']")
    expect(suggestion).to_have_count(1)
    box.fill(suggestion.get_attribute("value"))  # what choosing the suggestion does
    box.press("Enter")
    expect(page.locator(".search-result__title")).to_contain_text(["Terminbuchung mit Checkliste"])

    page.get_by_label("Projekte, Termine und Städte durchsuchen").fill("Termine")
    page.get_by_role("button", name="Suche", exact=True).last.click()
    expect(page.locator(".search-result")).to_have_count(3)
    page.locator(".facet a", has_text="Ostwestfalen-Lippe").click()
    expect(page.locator(".search-result")).to_have_count(2)
    page.get_by_role("link", name="Terminbuchung mit Checkliste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terminbuchung mit Checkliste")

    similar = page.locator(
        "section[aria-labelledby=similar-heading] .kern-card .kern-title a"
    ).first
    expect(similar).not_to_have_text("Terminbuchung mit Checkliste")
    similar.click()
    expect(page.locator(".breadcrumbs")).not_to_contain_text("Gütersloh")


def test_typed_filters_completed_shown_as_chips_and_corrected(site_tree, settings, new_page):
    from projects.models import Topic

    settings.SEARCH_ENGINE = "database"
    mobility = Topic.objects.create(name="Mobilität")
    guetersloh = CityPageFactory(title="Gütersloh", slug="guetersloh")
    koeln = CityPageFactory(title="Köln", slug="koeln")
    ProjectPageFactory(
        parent=guetersloh, title="Rufbus für die Dörfer", topics=[mobility], teaser="Ein Bus."
    )
    ProjectPageFactory(parent=koeln, title="Bus-Auskunft", teaser="Wann kommt der Bus?")

    page = new_page()
    page.goto("/suche/")
    page.locator("summary", has_text="Suchhilfe").click()
    expect(page.locator("details.search-help")).to_contain_text("Nachnutzbar: ja")

    box = page.get_by_label("Projekte, Termine und Städte durchsuchen")
    box.press_sequentially("Bus Stadt: Gü", delay=50)
    suggestion = page.locator("datalist option[value='Bus Stadt: Gütersloh']")
    expect(suggestion).to_have_count(1)
    box.fill(suggestion.get_attribute("value"))  # what choosing the suggestion does
    box.press("Enter")
    expect(page.locator(".search-result__title")).to_have_text(["Rufbus für die Dörfer"])

    page.locator("a.chip", has_text="Stadt: Gütersloh").click()
    expect(page.get_by_label("Projekte, Termine und Städte durchsuchen")).to_have_value("Bus")
    expect(page.locator(".search-result")).to_have_count(2)

    page.get_by_label("Projekte, Termine und Städte durchsuchen").fill("Thema: Mobilitaet2")
    page.get_by_role("button", name="Suche", exact=True).last.click()
    expect(page.locator(".kern-alert--warning")).to_contain_text(
        "Kein Thema ‚Mobilitaet2‘ – meinten Sie ‚Mobilität‘?"
    )
    page.get_by_role("link", name="Mit „Mobilität“ suchen").click()
    expect(page.locator(".search-result__title")).to_have_text(["Rufbus für die Dörfer"])
