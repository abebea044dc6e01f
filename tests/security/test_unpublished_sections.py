"""A city unpublished without its projects takes them out of public view with it: their pages
answer 404 and they appear in no list, file, feed, API, map or search – on both backends –
until the city is published again."""

import pytest

from django.core.management import call_command

from opendata.models import Removal
from projects.factories import ProjectPageFactory
from search.backends import SearchRequest, get_backend
from search.query import parse
from tests.helpers import body

pytestmark = pytest.mark.django_db

PUBLIC_ADDRESSES = (
    "/projekte/",
    "/api/v1/projects/",
    "/daten/kommunal-digital-projekte.csv",
    "/daten/kommunal-digital-projekte.json",
    "/projekte/feed/rss/",
    "/sitemap-1.xml",
    "/staedte/",
)


def found(text):
    return {hit.title for hit in get_backend().search(SearchRequest(query=parse(text))).hits}


def shown(client, text):
    """The public addresses that show `text`."""
    return {url for url in PUBLIC_ADDRESSES if text in body(client.get(url)).decode()}


@pytest.fixture
def withdrawn(client, guetersloh, django_capture_on_commit_callbacks):
    """Gütersloh with a live project, unpublished without its subpages."""
    project = ProjectPageFactory(parent=guetersloh, title="Sperrmüllanmeldung", slug="sperrmuell")
    assert client.get(project.url).status_code == 200
    assert shown(client, "Sperrmüllanmeldung") >= {"/projekte/", "/api/v1/projects/"}
    with django_capture_on_commit_callbacks(execute=True):
        guetersloh.unpublish()  # Wagtail's default: the projects below stay live
    project.refresh_from_db()
    assert project.live
    return project


def test_a_project_below_an_unpublished_city_is_not_served(client, withdrawn):
    assert client.get("/staedte/guetersloh/sperrmuell/").status_code == 404
    assert client.get("/staedte/guetersloh/").status_code == 404


def test_a_project_below_an_unpublished_city_is_in_no_list_file_or_feed(client, withdrawn):
    assert shown(client, "Sperrmüllanmeldung") == set()
    assert shown(client, "Gütersloh") == set()


def test_open_data_reports_it_removed_and_back_with_its_city(
    client, guetersloh, withdrawn, django_capture_on_commit_callbacks
):
    assert Removal.objects.filter(kind="project", record_id=withdrawn.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        guetersloh.save_revision().publish()
    assert not Removal.objects.filter(kind="project", record_id=withdrawn.pk).exists()
    assert client.get(withdrawn.url).status_code == 200
    assert "Sperrmüllanmeldung" in client.get("/projekte/").content.decode()


def test_a_project_published_below_an_unpublished_city_stays_hidden(
    client, withdrawn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn.save_revision().publish()
    assert client.get("/staedte/guetersloh/sperrmuell/").status_code == 404
    assert shown(client, "Sperrmüllanmeldung") == set()
    assert Removal.objects.filter(kind="project", record_id=withdrawn.pk).exists()


def test_search_forgets_it_and_finds_it_again_on_both_backends(
    engine, client, guetersloh, django_capture_on_commit_callbacks
):
    ProjectPageFactory(parent=guetersloh, title="Sperrmüllanmeldung")
    if engine == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found("Sperrmüllanmeldung") == {"Sperrmüllanmeldung"}
    with django_capture_on_commit_callbacks(execute=True):
        guetersloh.unpublish()
    assert found("Sperrmüllanmeldung") == set()
    assert client.get("/suche/vorschlaege/", {"q": "Sperrm"}).json()["suggestions"] == []
    with django_capture_on_commit_callbacks(execute=True):
        guetersloh.save_revision().publish()
    assert found("Sperrmüllanmeldung") == {"Sperrmüllanmeldung"}


def test_editing_a_live_city_does_not_reach_its_projects(
    guetersloh, withdrawn, django_capture_on_commit_callbacks
):
    """Publishing a city that was live already changes nothing below it: its projects are
    not marked changed for harvesters."""
    with django_capture_on_commit_callbacks(execute=True):
        guetersloh.save_revision().publish()
    withdrawn.refresh_from_db()
    first = withdrawn.last_published_at
    with django_capture_on_commit_callbacks(execute=True):
        guetersloh.save_revision().publish()
    withdrawn.refresh_from_db()
    assert withdrawn.last_published_at == first
