"""A city's editor opens an Abfrage, answers for the city, and a colleague's earlier save is
not overwritten silently."""

import pytest
from playwright.sync_api import expect

from cities.factories import CityPageFactory
from core.factories import UserFactory
from surveys.factories import SurveyPageFactory
from surveys.models import Answer

from .helpers import AXE, PHONE, RUN_AXE, TOO_WIDE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_answers_for_the_city_and_is_warned_of_a_colleagues_save(site_tree, new_page):
    city = CityPageFactory(title="Gütersloh", region="ostwestfalen-lippe", slug="guetersloh")
    UserFactory(username="greta", groups=[city.editor_group])
    colleague = UserFactory(username="gerd", groups=[city.editor_group])
    survey = SurveyPageFactory(title="Terminvergabe")

    page = new_page()
    page.goto(f"/anmelden/?next={survey.url}")
    page.get_by_label("Benutzername").fill("greta")
    page.get_by_label("Passwort").fill("pw-12345!")
    page.get_by_role("button", name="Einloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terminvergabe")
    page.get_by_role("link", name="Gütersloh").click()

    page.get_by_label("Welches System?").fill("TEVIS")
    page.get_by_role("group", name="Betrieb").get_by_label("Cloud").check()
    page.get_by_role("group", name="Online-Terminvergabe?").get_by_label("ja").check()
    page.get_by_role("button", name="Antwort speichern").click()
    expect(page.locator(".messages")).to_contain_text("Die Antwort von Gütersloh ist gespeichert")
    expect(page.locator(".survey-history")).to_contain_text("Fassung 1: greta")

    # A colleague saves while this form is open; this save must not replace theirs.
    survey.save_answer(city, colleague, {"system": "Koala"}, 1)
    page.get_by_label("Welches System?").fill("Eigenbau")
    page.get_by_role("button", name="Antwort speichern").click()
    expect(page.get_by_role("alert").first).to_contain_text("Nicht gespeichert")
    expect(page.get_by_label("Welches System?")).to_have_value("Eigenbau")
    assert Answer.objects.get().data["system"] == "Koala"

    page.get_by_role("button", name="Antwort speichern").click()
    expect(page.locator(".survey-history")).to_contain_text("Fassung 3: greta")
    assert Answer.objects.get().data["system"] == "Eigenbau"


def test_results_fit_a_phone_and_pass_axe(site_tree, new_page):
    survey = SurveyPageFactory(title="Terminvergabe")
    for n in range(12):
        city = CityPageFactory(title=f"Stadt mit langem Namen {n}", region="ruhrgebiet")
        survey.save_answer(
            city, None, {"system": f"System {n}", "betrieb": "Cloud", "online": n % 2 == 0}, 0
        )
    page = new_page(viewport=PHONE)
    for url in [survey.url, survey.results_url, f"{survey.results_url}?sortierung=-system"]:
        page.goto(url)
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), (
            url,
            page.evaluate(TOO_WIDE),
        )
        page.evaluate("source => (0, eval)(source)", AXE)
        assert page.evaluate(RUN_AXE) == [], url
    expect(page.locator("svg[role=img]").first).to_be_visible()
