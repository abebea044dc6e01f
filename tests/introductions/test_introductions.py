"""„Wir arbeiten auch daran“: introductions by e-mail from a project page."""

from html import escape
from unittest import mock

import pytest

from django.core import mail
from django.test import Client
from django.utils import translation

from core import roles
from core.factories import UserFactory
from core.models import MemberProfile
from introductions.models import Introduction
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


def de(text):
    """The German message as a page shows it (HTML-escaped)."""
    with translation.override("de"):
        return escape(translation.gettext(text))


@pytest.fixture
def project(koeln):
    return ProjectPageFactory(
        parent=koeln,
        title="Open-Data-Plattform",
        contact_name="Karl Kölsch",
        contact_role="Open-Data-Koordinator",
        contact_email="karl@koeln.example",
    )


@pytest.fixture
def officer(guetersloh):
    user = UserFactory(
        username="anna",
        first_name="Anna",
        last_name="Berger",
        email="anna@gt.example",
        groups=[roles.members_group()],
    )
    MemberProfile.objects.create(user=user, city=guetersloh)
    return user


@pytest.fixture
def officer_client(officer):
    client = Client()
    client.force_login(officer)
    return client


def introduce(client, project, **data):
    return client.post(
        f"/konto/vorstellen/{project.pk}/",
        {"kind": "working", "role": "Digitalisierungsbeauftragte", "message": "", **data},
    )


def test_member_is_introduced_by_one_mail_to_both_sides(officer_client, project, officer):
    response = introduce(officer_client, project, message="Wir bauen gerade dasselbe.")

    assert response.status_code == 302
    assert response["Location"] == project.url
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["anna@gt.example", "karl@koeln.example"]
    for text in (
        "Karl Kölsch",
        "Open-Data-Koordinator",
        "Köln",
        "karl@koeln.example",
        "Anna Berger",
        "Digitalisierungsbeauftragte",
        "Gütersloh",
        "anna@gt.example",
        "Wir bauen gerade dasselbe.",
        f"http://testserver{project.url}",
    ):
        assert text in message.body
    introduction = Introduction.objects.get()
    assert (introduction.member, introduction.project, introduction.city.title) == (
        officer,
        project,
        "Gütersloh",
    )


def test_second_introduction_changes_nothing_and_says_so(officer_client, project):
    introduce(officer_client, project)
    response = introduce(officer_client, project, message="Noch einmal")

    assert response.status_code == 409
    assert (
        de("You have already been introduced to this project's contact. Nothing was sent again.")
        in response.content.decode()
    )
    assert len(mail.outbox) == 1
    assert Introduction.objects.count() == 1


def test_own_city_project_is_refused(officer_client, guetersloh):
    own = ProjectPageFactory(parent=guetersloh, contact_email="team@gt.example")
    response = introduce(officer_client, own)

    assert response.status_code == 409
    assert de("This is a project of your own city: you can reach its contact directly.") in (
        response.content.decode()
    )
    assert not mail.outbox and not Introduction.objects.exists()


def test_anonymous_post_is_refused_and_sends_nothing(client, project):
    response = introduce(client, project)

    assert response.status_code == 403
    assert not mail.outbox and not Introduction.objects.exists()


def test_anonymous_post_without_csrf_token_is_refused(project):
    response = introduce(Client(enforce_csrf_checks=True), project)

    assert response.status_code == 403
    assert not mail.outbox


def test_member_without_csrf_token_is_refused(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post("/konto/vorstellen/1/", {"kind": "working"})

    assert response.status_code == 403


def test_switched_off_contact_gets_no_introduction(officer_client, project):
    project.introductions_enabled = False
    project.save_revision().publish()

    response = introduce(officer_client, project)

    assert response.status_code == 403
    assert de("The contact of this project has switched introductions off.") in (
        response.content.decode()
    )
    assert not mail.outbox


def test_rate_limit_per_member_and_day(officer_client, koeln, settings):
    settings.INTRODUCTIONS_PER_DAY = 2
    projects = [
        ProjectPageFactory(parent=koeln, contact_email=f"p{n}@koeln.example") for n in range(3)
    ]
    assert [introduce(officer_client, p).status_code for p in projects] == [302, 302, 429]
    assert len(mail.outbox) == 2
    assert Introduction.objects.count() == 2


def test_too_long_message_is_a_bad_request(officer_client, project):
    response = introduce(officer_client, project, message="x" * 1001)

    assert response.status_code == 400
    assert 'id="id_message"' in response.content.decode()
    assert not mail.outbox


def test_unknown_kind_is_a_bad_request(officer_client, project):
    assert introduce(officer_client, project, kind="bored").status_code == 400


def test_get_is_not_allowed(officer_client, project):
    assert officer_client.get(f"/konto/vorstellen/{project.pk}/").status_code == 405


def test_draft_project_is_not_found(officer_client, koeln):
    draft = ProjectPageFactory(parent=koeln, live=False, contact_email="x@koeln.example")
    assert introduce(officer_client, draft).status_code == 404


def test_project_without_contact_is_refused(officer_client, koeln):
    silent = ProjectPageFactory(parent=koeln)
    assert introduce(officer_client, silent).status_code == 409
    assert not mail.outbox


def test_mail_server_failure_records_nothing(officer_client, project):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("refused")):
        response = introduce(officer_client, project)

    assert response.status_code == 503
    assert not Introduction.objects.exists()
    assert introduce(officer_client, project).status_code == 302  # may try again


def test_members_see_form_and_interested_cities(officer_client, project, koeln):
    other = UserFactory(email="o@viersen.example", groups=[roles.members_group()])
    viersen = type(koeln).objects.exclude(pk=koeln.pk).first()  # Gütersloh
    MemberProfile.objects.create(user=other, city=viersen)
    Introduction.objects.create(
        project=project, member=other, city=viersen, kind="planning", contact_email="k@x.de"
    )

    page = officer_client.get(project.url).content.decode()

    assert f'action="/konto/vorstellen/{project.pk}/"' in page
    assert "Gütersloh" in page.split('id="introduction-heading"')[1]


def test_anonymous_page_has_no_form_no_interest_and_no_cookie(client, project, officer):
    Introduction.objects.create(project=project, member=officer, city=None, contact_email="k@x.de")
    response = client.get(project.url)
    page = response.content.decode()

    assert "/konto/vorstellen/" not in page
    assert 'id="introduction-heading"' not in page
    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_after_introduction_the_page_says_so_instead_of_the_form(officer_client, project):
    introduce(officer_client, project)
    page = officer_client.get(project.url).content.decode()

    assert f'action="/konto/vorstellen/{project.pk}/"' not in page
    assert 'id="introduction-heading"' in page
