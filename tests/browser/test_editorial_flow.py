"""A city editor creates and submits a project; a moderator publishes it; the public finds it."""

import re

import pytest
from playwright.sync_api import expect

from cities.factories import CityPageFactory
from core import roles
from core.factories import UserFactory
from projects.models import ProjectPage

from .helpers import sign_in_to_admin

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_submits_moderator_publishes_public_finds_by_tag(site_tree, new_page, settings):
    # Wagtail's autosave would create the page in the background while the editor types; on a
    # busy machine it can still be saving when „Submit“ is clicked, and the editor gets the
    # form error for that race (tests/projects/test_import_security.py, finding 10). This journey is
    # about the workflow, so it types and submits without autosave.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    guetersloh = CityPageFactory(
        title="Gütersloh", region="ostwestfalen-lippe", ags="05754008", slug="guetersloh"
    )
    UserFactory(username="redaktion-gt", groups=[guetersloh.editor_group])
    UserFactory(username="moderation", groups=[roles.moderators_group()])

    editor = new_page()
    sign_in_to_admin(editor, "redaktion-gt")
    editor.goto(f"/admin/pages/add/projects/projectpage/{guetersloh.pk}/")
    editor.wait_for_load_state("networkidle")  # the editors (Draftail, tag field) are scripts
    editor.fill("#id_title", "Digitale Sperrmüllanmeldung")
    editor.fill("#id_teaser", "Sperrmüll online anmelden, Termin sofort erhalten.")
    challenge = editor.locator("[data-contentpath=challenge] [role=textbox]")
    challenge.click()
    challenge.press_sequentially("Telefonische Anmeldungen banden viel Personal.")
    expect(editor.locator("#id_challenge")).to_have_value(re.compile("Telefonische Anmeldungen"))
    editor.get_by_role("tab", name="Einordnung").click()
    tag_input = editor.locator("[data-contentpath=tags] .tagit input")
    for tag in ("Sperrmüll", "Abfallwirtschaft"):
        tag_input.press_sequentially(f"{tag},")
    expect(editor.locator("[data-contentpath=tags] .tagit-choice")).to_have_count(2)
    with editor.expect_navigation():
        editor.locator("button[name='action-submit']").dispatch_event("click")
    expect(editor.locator(".messages")).to_contain_text("Digitale Sperrmüllanmeldung")

    project = ProjectPage.objects.get(title="Digitale Sperrmüllanmeldung")
    assert not project.live
    assert project.current_workflow_state.status == "in_progress"

    anonymous = new_page()
    anonymous.goto("/projekte/?tag=sperrmüll")
    assert anonymous.locator(".kern-card .kern-title").count() == 0  # submitted is not published

    moderator = new_page()
    sign_in_to_admin(moderator, "moderation")
    moderator.goto(f"/admin/pages/{project.pk}/edit/")
    # "Genehmigen und veröffentlichen": the approve action without a comment dialog.
    with moderator.expect_navigation():
        moderator.locator(
            "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
        ).dispatch_event("click")

    project.refresh_from_db()
    assert project.live
    response = anonymous.goto("/projekte/?tag=sperrmüll")
    assert response.status == 200
    assert anonymous.locator(".kern-card .kern-title").all_inner_texts() == [
        "Digitale Sperrmüllanmeldung"
    ]
    anonymous.click("text=Digitale Sperrmüllanmeldung")
    assert anonymous.locator("h1").inner_text() == "Digitale Sperrmüllanmeldung"
    assert anonymous.locator("a.chip", has_text="#Abfallwirtschaft").count() == 1
