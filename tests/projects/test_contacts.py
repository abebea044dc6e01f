"""Contacts: a person or a role mailbox; a person who left (account deactivated) is replaced
by the city's role mailbox."""

import pytest

from django.core import mail

from core import roles
from core.factories import UserFactory
from core.models import MemberProfile
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def koeln_with_mailbox(koeln):
    koeln.role_mailbox = "digitalisierung@koeln.example"
    koeln.save_revision().publish()
    return koeln


@pytest.fixture
def project(koeln_with_mailbox):
    return ProjectPageFactory(
        parent=koeln_with_mailbox,
        title="Open-Data-Plattform",
        contact_name="Karl Kölsch",
        contact_role="Koordinator",
        contact_email="karl@koeln.example",
    )


def page_for(client, user, project):
    client.force_login(user)
    return client.get(project.url).content.decode()


def test_active_person_is_shown(client, project, member):
    UserFactory(email="karl@koeln.example")
    html = page_for(client, member, project)
    assert "karl@koeln.example" in html and "digitalisierung@koeln.example" not in html


def test_person_without_an_account_is_shown(client, project, member):
    html = page_for(client, member, project)
    assert "Karl Kölsch" in html and "digitalisierung@koeln.example" not in html


def test_deactivated_person_is_replaced_by_the_role_mailbox(client, project, member):
    UserFactory(email="Karl@Koeln.example", is_active=False)
    html = page_for(client, member, project)

    assert "digitalisierung@koeln.example" in html
    assert "karl@koeln.example" not in html and "Karl Kölsch" not in html
    assert "Digitalisierung, Stadt Köln" in html
    assert "nicht mehr hier tätig" in html


def test_project_without_contact_shows_the_role_mailbox(client, koeln_with_mailbox, member):
    project = ProjectPageFactory(parent=koeln_with_mailbox)
    assert "digitalisierung@koeln.example" in page_for(client, member, project)


def test_anonymous_visitors_see_no_address(client, project):
    UserFactory(email="karl@koeln.example", is_active=False)
    html = client.get(project.url).content.decode()
    assert "@koeln.example" not in html and "Karl Kölsch" not in html


def test_introduction_goes_to_the_role_mailbox_of_a_person_who_left(client, project, guetersloh):
    UserFactory(email="karl@koeln.example", is_active=False)
    officer = UserFactory(email="anna@gt.example", groups=[roles.members_group()])
    MemberProfile.objects.create(user=officer, city=guetersloh)
    client.force_login(officer)

    client.post(f"/konto/vorstellen/{project.pk}/", {"kind": "planning"})

    assert sorted(mail.outbox[0].to) == ["anna@gt.example", "digitalisierung@koeln.example"]
