"""Gütersloh's editor records that Gütersloh reuses Köln's platform; the public does not see it
until Köln's editor confirms; then both projects and the solution's page show it."""

import pytest
from playwright.sync_api import expect

from cities.factories import CityPageFactory
from core.factories import UserFactory
from projects.factories import ProjectPageFactory
from projects.models import ProjectReuse
from solutions.factories import SolutionPageFactory

from .helpers import sign_in_to_admin

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reuse_is_requested_confirmed_and_then_public(site_tree, new_page):
    guetersloh = CityPageFactory(title="Gütersloh", ags="05754008", slug="guetersloh")
    koeln = CityPageFactory(title="Köln", ags="05315000", slug="koeln")
    UserFactory(username="redaktion-gt", groups=[guetersloh.editor_group])
    UserFactory(username="redaktion-k", groups=[koeln.editor_group])
    solution = SolutionPageFactory(title="Open-Data-Plattform Köln", origin_city=koeln)
    platform = ProjectPageFactory(parent=koeln, title="Open-Data-Plattform", solutions=[solution])
    portal = ProjectPageFactory(parent=guetersloh, title="Offene Daten GT", solutions=[solution])

    editor = new_page()
    sign_in_to_admin(editor, "redaktion-gt")
    editor.goto(f"/admin/nachnutzung/neu/?adopter={portal.pk}&origin={platform.pk}")
    editor.select_option("#id_way", "tenant")
    editor.select_option("#id_status", "in_operation")
    editor.fill("#id_helped", "Der Mandantenvertrag als Vorlage.")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Speichern").click()
    expect(editor.locator(".messages")).to_contain_text("angefragt")

    anonymous = new_page(java_script_enabled=False)
    anonymous.goto(platform.url)
    expect(anonymous.locator("main")).not_to_contain_text("Offene Daten GT")

    confirming = new_page()
    sign_in_to_admin(confirming, "redaktion-k")
    confirming.goto("/admin/nachnutzung/")
    with confirming.expect_navigation():
        confirming.get_by_role("button", name="Bestätigen").click()
    expect(confirming.locator(".messages")).to_contain_text("bestätigt")
    assert ProjectReuse.objects.get().is_confirmed

    anonymous.goto(platform.url)
    expect(anonymous.locator("main")).to_contain_text("Nachgenutzt von")
    expect(anonymous.locator("main")).to_contain_text("Der Mandantenvertrag als Vorlage.")
    anonymous.goto(solution.url)
    expect(anonymous.locator("figure.spread svg")).to_be_visible()
    expect(anonymous.locator("figure.spread figcaption")).to_contain_text("Gütersloh")
