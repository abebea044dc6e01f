"""The permission matrix: each role × create, edit, publish × own city, other city."""

import pytest

from django.contrib.auth.models import AnonymousUser

from core import roles
from core.factories import UserFactory
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(guetersloh, koeln):
    return {
        "own": ProjectPageFactory(parent=guetersloh, title="Eigenes"),
        "other": ProjectPageFactory(parent=koeln, title="Fremdes"),
    }


def rights(user, city, project):
    city_perms = city.permissions_for_user(user)
    project_perms = project.permissions_for_user(user)
    return {
        "create": city_perms.can_add_subpage(),
        "edit": project_perms.can_edit(),
        "publish": project_perms.can_publish(),
    }


NONE = {"create": False, "edit": False, "publish": False}
EDIT = {"create": True, "edit": True, "publish": False}
ALL = {"create": True, "edit": True, "publish": True}


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [
        ("public", NONE, NONE),
        ("member", NONE, NONE),
        ("city_editor", EDIT, NONE),
        ("moderator", ALL, ALL),
        ("admin", ALL, ALL),
    ],
)
def test_permission_matrix(role, own, other, guetersloh, koeln, projects):
    user = {
        "public": lambda: AnonymousUser(),
        "member": lambda: UserFactory(username="m", groups=[roles.members_group()]),
        "city_editor": lambda: UserFactory(username="e", groups=[guetersloh.editor_group]),
        "moderator": lambda: UserFactory(username="mod", groups=[roles.moderators_group()]),
        "admin": lambda: UserFactory(username="root", is_superuser=True),
    }[role]()
    assert rights(user, guetersloh, projects["own"]) == own
    assert rights(user, koeln, projects["other"]) == other


def test_editor_cannot_open_other_citys_project_in_admin(client, guetersloh_editor, projects):
    client.force_login(guetersloh_editor)
    own = client.get(f"/admin/pages/{projects['own'].pk}/edit/")
    other = client.get(f"/admin/pages/{projects['other'].pk}/edit/")
    assert own.status_code == 200
    assert other.status_code in (302, 403)


def test_editor_cannot_add_project_under_other_city(client, guetersloh_editor, koeln):
    client.force_login(guetersloh_editor)
    response = client.get(f"/admin/pages/add/projects/projectpage/{koeln.pk}/")
    assert response.status_code in (302, 403)


def test_members_have_no_admin_access(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 302


def test_only_moderators_manage_topics(client, guetersloh_editor, moderator):
    client.force_login(guetersloh_editor)
    assert client.get("/admin/snippets/projects/topic/add/").status_code in (302, 403)
    client.force_login(moderator)
    assert client.get("/admin/snippets/projects/topic/add/").status_code == 200


def test_projects_go_through_moderation_workflow(guetersloh):
    project = ProjectPageFactory(parent=guetersloh, title="Neu", live=False)
    workflow = project.get_workflow()
    assert workflow is not None and workflow.name == roles.WORKFLOW_NAME
    [task] = workflow.tasks
    assert list(task.specific.groups.all()) == [roles.moderators_group()]


def test_roles_sync_is_idempotent_and_restores_permissions(guetersloh):
    from wagtail.models import GroupPagePermission

    GroupPagePermission.objects.filter(group=guetersloh.editor_group).delete()
    roles.sync_roles()
    roles.sync_roles()
    codenames = set(
        GroupPagePermission.objects.filter(
            group=guetersloh.editor_group, page=guetersloh
        ).values_list("permission__codename", flat=True)
    )
    assert codenames == set(roles.EDITOR_PAGE_PERMISSIONS)


def test_contact_details_are_for_members_only(client, guetersloh, member):
    from cities.models import CityOfficer

    CityOfficer.objects.create(
        page=guetersloh, name="Anna Berger", email="anna@gt.example", phone="05241 1"
    )
    project = ProjectPageFactory(
        parent=guetersloh,
        title="Projekt",
        contact_name="Bernd Kontakt",
        contact_email="bernd@gt.example",
    )
    for url in (guetersloh.url, project.url):
        public = client.get(url).content.decode()
        assert "@gt.example" not in public
        assert "nur für eingeloggte Mitglieder" in public or "signed-in members" in public
    client.force_login(member)
    assert "anna@gt.example" in client.get(guetersloh.url).content.decode()
    assert "bernd@gt.example" in client.get(project.url).content.decode()


def test_logged_in_user_outside_member_groups_is_not_a_member(client, guetersloh):
    from cities.models import CityOfficer

    CityOfficer.objects.create(page=guetersloh, name="Anna Berger", email="anna@gt.example")
    client.force_login(UserFactory(username="stranger"))
    assert "anna@gt.example" not in client.get(guetersloh.url).content.decode()


def test_member_signs_in_on_the_site_and_returns_to_the_page(client, member, guetersloh):
    response = client.post(
        "/anmelden/", {"username": "mitglied", "password": "pw-12345!", "next": guetersloh.url}
    )
    assert response.status_code == 302 and response["Location"] == guetersloh.url
    assert "Ausloggen" in client.get(guetersloh.url).content.decode()


def test_wrong_password_gets_a_message_not_an_error(client, member):
    response = client.post("/anmelden/", {"username": "mitglied", "password": "falsch"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_sign_in_does_not_redirect_off_site(client, member):
    response = client.post(
        "/anmelden/",
        {"username": "mitglied", "password": "pw-12345!", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"
