"""The admin as editors and moderators meet it: branding, dashboard, workflow feedback, slugs."""

import datetime as dt

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from wagtail.models import Page, TaskState

from cities.factories import CityPageFactory
from cities.models import CityPage
from core.factories import UserFactory
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage, Status, Topic
from tests.helpers import project_form

pytestmark = pytest.mark.django_db


def test_sign_in_page_and_admin_carry_the_platform_name(client, guetersloh_editor):
    login = client.get("/admin/login/").content.decode()
    assert "Kommunal Digital – Redaktion" in login
    assert "Wagtail" not in login.split("<title>")[1].split("</title>")[0]
    assert "Sign in to Wagtail" not in login and "Bei Wagtail" not in login
    client.force_login(guetersloh_editor)
    dashboard = client.get("/admin/").content.decode()
    title = dashboard.split("<title>")[1].split("</title>")[0]
    assert "Kommunal Digital – Redaktion" in title and "Wagtail" not in title


def test_editor_dashboard_offers_a_new_project_for_the_own_city(
    client, guetersloh, koeln, guetersloh_editor
):
    mine = ProjectPageFactory(parent=guetersloh, title="Terminbuchung")
    draft = ProjectPageFactory(parent=guetersloh, title="Chatbot im Entwurf", live=False)
    ProjectPageFactory(parent=koeln, title="Open-Data-Plattform")
    client.force_login(guetersloh_editor)
    html = client.get("/admin/").content.decode()

    add_url = f"/admin/pages/add/projects/projectpage/{guetersloh.pk}/"
    assert "Neues Projekt für Gütersloh" in html and f'href="{add_url}"' in html
    assert "Neues Projekt für Köln" not in html
    assert client.get(add_url).status_code == 200

    my_projects = html.split('id="city-projects-content"')[1]
    assert "Meine Projekte" in html
    assert mine.title in my_projects and draft.title in my_projects
    assert "Open-Data-Plattform" not in my_projects
    # Moderators' panels are not for editors.
    assert "Städte ohne aktive Redaktion" not in html and "Neueste Änderungen" not in html


@pytest.mark.parametrize("role", ["guetersloh_editor", "moderator"])
def test_dashboard_costs_the_same_however_many_projects_there_are(
    client, guetersloh, role, request, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(role))
    ProjectPageFactory(parent=guetersloh, title="Projekt 0")
    client.get("/admin/")
    with django_assert_max_num_queries(200) as few:
        client.get("/admin/")
    count = len(few.captured_queries)
    for number in range(1, 16):
        ProjectPageFactory(parent=guetersloh, title=f"Projekt {number}")
    with django_assert_max_num_queries(count):
        html = client.get("/admin/").content.decode()
    if role == "guetersloh_editor":
        # Ten rows and a link to the rest.
        assert html.split('id="city-projects-content"')[1].count("/admin/pages/") >= 10
        assert "Alle 16 Projektseiten von Gütersloh" in html


def test_moderator_dashboard_shows_newest_changes_and_cities_nobody_keeps(
    client, guetersloh, koeln, moderator, koeln_editor, guetersloh_editor
):
    ProjectPageFactory(parent=koeln, title="Open-Data-Plattform")
    now = timezone.now()
    type(koeln_editor).objects.filter(pk=koeln_editor.pk).update(last_login=now)
    type(guetersloh_editor).objects.filter(pk=guetersloh_editor.pk).update(
        last_login=now - dt.timedelta(days=400)
    )
    witten = CityPageFactory(title="Witten", slug="witten")  # an editor group without any account
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()

    assert "Neueste Änderungen" in html
    assert "Open-Data-Plattform" in html.split('id="recent-changes-content"')[1]
    without = html.split('id="cities-without-editor-content"')[1]
    assert "Gütersloh" in without and "1 Redaktionskonto, inaktiv" in without
    assert witten.title in without and "kein Redaktionskonto" in without
    assert "Köln" not in without
    # Moderators edit no city of their own: no „Neues Projekt für …“.
    assert "Neues Projekt für" not in html


def _submitted_project(city, editor):
    project = ProjectPageFactory(parent=city, title="Bürger-App", live=False)
    project.get_workflow().start(project, editor)
    return project


@pytest.mark.parametrize(
    ("action", "message", "live"),
    [
        ("approve", "„Bürger-App“ ist freigegeben und veröffentlicht.", True),
        ("reject", "Für „Bürger-App“ wurden Änderungen angefordert", False),
    ],
)
def test_workflow_action_tells_the_moderator_what_happened(
    client, guetersloh, guetersloh_editor, moderator, action, message, live
):
    project = _submitted_project(guetersloh, guetersloh_editor)
    task_state = project.current_workflow_task_state
    client.force_login(moderator)
    response = client.post(
        f"/admin/pages/workflow/action/{project.pk}/{action}/{task_state.pk}/",
        {"comment": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    project.refresh_from_db()
    assert project.live is live


def test_an_editor_cannot_approve_through_the_shadowed_view(client, guetersloh, guetersloh_editor):
    project = _submitted_project(guetersloh, guetersloh_editor)
    task_state = project.current_workflow_task_state
    client.force_login(guetersloh_editor)
    response = client.post(
        f"/admin/pages/workflow/action/{project.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    project.refresh_from_db()
    assert not project.live


def test_approving_from_the_edit_form_confirms_too(
    client, guetersloh, guetersloh_editor, moderator
):

    project = _submitted_project(guetersloh, guetersloh_editor)
    client.force_login(moderator)
    data = project_form(title=project.title, slug=project.slug)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": ""}',
        }
    )
    response = client.post(f"/admin/pages/{project.pk}/edit/", data, follow=True)
    assert "„Bürger-App“ ist freigegeben und veröffentlicht." in response.content.decode()
    project.refresh_from_db()
    assert project.live


def test_saving_without_a_workflow_action_says_nothing_about_approval(
    client, guetersloh, guetersloh_editor
):

    project = _submitted_project(guetersloh, guetersloh_editor)
    client.force_login(guetersloh_editor)
    data = project_form(title=project.title, slug=project.slug)
    response = client.post(f"/admin/pages/{project.pk}/edit/", data, follow=True)
    assert response.status_code == 200
    assert "freigegeben" not in response.content.decode()


def test_slugs_are_ascii_the_german_way(guetersloh):
    city = CityPageFactory(title="Mülheim an der Ruhr")
    assert city.slug == "muelheim-an-der-ruhr"
    project = ProjectPage(title="Straßenschäden melden", teaser="t", challenge="<p>c</p>")
    guetersloh.add_child(instance=project)
    assert project.slug == "strassenschaeden-melden"
    typed = ProjectPage(title="x", slug="Bürger-Café", teaser="t", challenge="<p>c</p>")
    guetersloh.add_child(instance=typed)
    assert typed.slug == "buerger-cafe"
    assert Topic.objects.create(name="Mobilität").slug == "mobilitaet"


def test_an_umlaut_slug_clashing_with_its_ascii_sibling_is_refused(guetersloh):
    ProjectPageFactory(parent=guetersloh, title="Müll-App", slug="muell-app")
    clash = ProjectPage(title="Müll-App 2", slug="müll-app", teaser="t", challenge="<p>c</p>")
    with pytest.raises(ValidationError) as error:
        guetersloh.add_child(instance=clash)
    assert "slug" in error.value.message_dict
    # Without a slug, Wagtail's numbering applies to the ASCII form.
    numbered = ProjectPage(title="Müll-App", teaser="t", challenge="<p>c</p>")
    guetersloh.add_child(instance=numbered)
    assert numbered.slug == "muell-app-2"


def test_editor_gets_an_ascii_slug_from_the_admin_form(client, guetersloh, guetersloh_editor):
    client.force_login(guetersloh_editor)
    city = CityPage.objects.get(pk=guetersloh.pk)
    assert city.slug == "guetersloh"
    page = Page.objects.get(pk=guetersloh.pk)
    assert page.specific.slug == "guetersloh"


def test_project_status_live_is_not_wagtails_published_badge():
    from django.utils.translation import gettext

    with translation.override("de"):
        assert str(Status.LIVE.label) == "Im Betrieb"
        # Wagtail's own word for a published page stays its own.
        assert gettext("Live") == "Veröffentlicht"


def test_member_without_city_has_a_plain_dashboard(client, db):
    user = UserFactory(username="nur-admin", is_staff=True, is_superuser=True)
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "Neues Projekt für" not in html
    assert "Neueste Änderungen" in html
