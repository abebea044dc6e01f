"""„Zuletzt bestätigt“: set on publish and by „ist noch aktuell“, without a new revision;
after STALE_AFTER_MONTHS a project is „möglicherweise veraltet“."""

import datetime as dt

import pytest

from django.utils import timezone

from core.factories import UserFactory
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage, months_before

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(guetersloh):
    return ProjectPageFactory(parent=guetersloh, title="Digitale Terminbuchung")


def confirmed(project, months_ago):
    ProjectPage.objects.filter(pk=project.pk).update(
        confirmed_at=months_before(timezone.now(), months_ago)
    )
    return ProjectPage.objects.get(pk=project.pk)


def test_publishing_confirms(project):
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.confirmed_at == project.last_published_at
    assert project.confirmed_by is None


def test_months_before_keeps_to_the_calendar():
    moment = dt.datetime(2026, 8, 31, 12, 0, tzinfo=dt.UTC)
    assert months_before(moment, 18) == dt.datetime(2025, 2, 28, 12, 0, tzinfo=dt.UTC)
    assert months_before(moment, 6) == dt.datetime(2026, 2, 28, 12, 0, tzinfo=dt.UTC)


def test_editor_confirms_with_one_click_without_a_new_revision(client, project, guetersloh_editor):
    project = confirmed(project, 20)
    revisions = project.revisions.count()
    client.force_login(guetersloh_editor)

    response = client.post(f"/admin/projekte/{project.pk}/aktuell/", {"next": "/admin/"})

    assert response.status_code == 302 and response["Location"] == "/admin/"
    project.refresh_from_db()
    assert project.confirmed_by == guetersloh_editor
    assert timezone.now() - project.confirmed_at < dt.timedelta(minutes=1)
    assert project.revisions.count() == revisions
    assert not project.is_stale


def test_the_link_only_asks_a_get_confirms_nothing(client, project, guetersloh_editor):
    project = confirmed(project, 20)
    client.force_login(guetersloh_editor)

    response = client.get(f"/admin/projekte/{project.pk}/aktuell/")

    assert response.status_code == 200
    assert "Ist noch aktuell" in response.content.decode()
    assert ProjectPage.objects.get(pk=project.pk).confirmed_at == project.confirmed_at


def test_editor_of_another_city_cannot_confirm(client, project, koeln_editor):
    project = confirmed(project, 20)
    client.force_login(koeln_editor)

    # Wagtail's admin answers a refusal with its message on the dashboard.
    response = client.post(f"/admin/projekte/{project.pk}/aktuell/", follow=True)
    assert "keinen Zugang zu diesem Bereich" in response.content.decode()
    assert ProjectPage.objects.get(pk=project.pk).confirmed_at == project.confirmed_at


def test_member_without_admin_access_cannot_confirm(client, project, member):
    client.force_login(member)
    response = client.post(f"/admin/projekte/{project.pk}/aktuell/")
    assert response.status_code in (302, 403)
    assert ProjectPage.objects.get(pk=project.pk).confirmed_by is None


def test_next_cannot_lead_elsewhere(client, project, guetersloh_editor):
    client.force_login(guetersloh_editor)
    response = client.post(
        f"/admin/projekte/{project.pk}/aktuell/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_unknown_project_is_not_found(client, guetersloh_editor):
    client.force_login(guetersloh_editor)
    assert client.post("/admin/projekte/999999/aktuell/").status_code == 404


def test_public_page_shows_last_confirmed_and_the_stale_mark(client, project):
    page = client.get(project.url).content.decode()
    assert "Zuletzt bestätigt" in page and "möglicherweise veraltet" not in page

    confirmed(project, 19)
    page = client.get(project.url).content.decode()
    assert "möglicherweise veraltet" in page
    # Lists show the mark on the project's card.
    assert "möglicherweise veraltet" in client.get("/projekte/").content.decode()


def test_stale_after_is_a_setting(client, project, settings):
    project = confirmed(project, 7)
    assert not project.is_stale
    settings.STALE_AFTER_MONTHS = 6
    assert project.is_stale
    assert list(ProjectPage.objects.stale()) == [project]


def test_editor_dashboard_offers_the_one_click(client, project, guetersloh_editor):
    confirmed(project, 20)
    client.force_login(guetersloh_editor)
    panel = client.get("/admin/").content.decode().split('id="city-projects-content"')[1]
    assert f'action="/admin/projekte/{project.pk}/aktuell/"' in panel
    assert 'name="csrfmiddlewaretoken"' in panel.split("</form>")[0]
    assert "möglicherweise veraltet" in panel


def test_confirming_shows_at_once_on_kept_pages(client, project, guetersloh_editor, settings):
    settings.PAGE_CACHE_SECONDS = 300
    project = confirmed(project, 20)
    anonymous = client.__class__()
    assert "möglicherweise veraltet" in anonymous.get(project.url).content.decode()

    editor = client.__class__()
    editor.force_login(guetersloh_editor)
    editor.post(f"/admin/projekte/{project.pk}/aktuell/")

    assert "möglicherweise veraltet" not in anonymous.get(project.url).content.decode()


def test_confirmed_by_is_kept_when_the_user_is_deleted(project):
    user = UserFactory()
    project.confirm(user)
    user.delete()
    assert ProjectPage.objects.get(pk=project.pk).confirmed_at is not None


def test_api_and_downloads_carry_last_confirmed(client, project):
    project = confirmed(project, 19)
    [record] = client.get("/api/v1/projects/").json()["results"]
    assert record["confirmed_at"].startswith(project.confirmed_at.date().isoformat()[:7])
    assert record["possibly_outdated"] is True

    csv = b"".join(client.get("/daten/kommunal-digital-projekte.csv").streaming_content)
    assert b"confirmed_at" in csv.splitlines()[0]
