"""A member says „Wir planen das auch“ on another city's project, without JavaScript, and both
sides get the e-mail; the editor confirms a project as still up to date from the dashboard."""

import pytest
from playwright.sync_api import expect

from django.core import mail

from cities.factories import CityPageFactory
from core import roles
from core.factories import UserFactory
from core.models import MemberProfile
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, username, next_url):
    page.goto(f"/anmelden/?next={next_url}")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill("pw-12345!")
    page.get_by_role("button", name="Einloggen").click()


def test_member_asks_to_be_introduced_without_javascript(site_tree, new_page):
    koeln = CityPageFactory(title="Köln", ags="05315000", slug="koeln")
    witten = CityPageFactory(title="Witten", ags="05954036", slug="witten")
    project = ProjectPageFactory(
        parent=koeln, title="Open-Data-Plattform", contact_email="karl@koeln.example"
    )
    member = UserFactory(
        username="maria", email="maria@example.org", groups=[roles.members_group()]
    )
    MemberProfile.objects.create(user=member, city=witten)

    page = new_page(java_script_enabled=False)
    sign_in(page, "maria", project.url)
    page.get_by_label("Wir planen das auch").check()
    page.get_by_label("Ihre Funktion").fill("Digitallotsin")
    page.get_by_label("Kurze Nachricht (freiwillig)").fill("Können wir telefonieren?")
    page.get_by_role("button", name="Per E-Mail vorstellen").click()

    expect(page.locator(".messages")).to_contain_text("Wir haben Sie der Ansprechperson")
    expect(page.locator(".introductions")).to_contain_text("Witten (Wir planen das auch)")
    assert sorted(mail.outbox[0].to) == ["karl@koeln.example", "maria@example.org"]
    assert "Können wir telefonieren?" in mail.outbox[0].body


def test_editor_confirms_a_project_from_the_dashboard(site_tree, new_page):
    guetersloh = CityPageFactory(title="Gütersloh", ags="05754008", slug="guetersloh")
    UserFactory(username="greta", groups=[guetersloh.editor_group])
    project = ProjectPageFactory(parent=guetersloh, title="Terminbuchung")
    ProjectPage.objects.filter(pk=project.pk).update(confirmed_at="2020-01-01T00:00:00Z")

    page = new_page()
    sign_in(page, "greta", "/admin/")
    panel = page.locator("#city-projects-content")
    expect(panel).to_contain_text("möglicherweise veraltet")
    panel.get_by_role("button", name="Ist noch aktuell").click()

    expect(page.locator("body")).to_contain_text("„Terminbuchung“ ist als aktuell bestätigt.")
    assert not ProjectPage.objects.get(pk=project.pk).is_stale
