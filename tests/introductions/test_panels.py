"""The interest on the admin dashboard: editors see their city's, moderators the topics where
several cities are interested."""

import pytest

from cities.factories import CityPageFactory
from core import roles
from core.factories import UserFactory
from introductions.models import Introduction
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


def interest(project, city, kind="working"):
    member = UserFactory(first_name="Mia", last_name=city.title, groups=[roles.members_group()])
    return Introduction.objects.create(
        project=project, member=member, city=city, kind=kind, contact_email="k@x.example"
    )


@pytest.fixture
def koeln_project(koeln, topic):
    return ProjectPageFactory(parent=koeln, title="Open-Data-Plattform", topics=[topic])


def test_city_editor_sees_interest_in_own_projects_only(
    client, koeln_project, guetersloh, koeln_editor, guetersloh_editor
):
    interest(koeln_project, guetersloh, kind="planning")

    client.force_login(koeln_editor)
    html = client.get("/admin/").content.decode()
    panel = html.split('id="project-interest-content"')[1]
    assert "Open-Data-Plattform" in panel and "Gütersloh" in panel and "Mia Gütersloh" in panel
    assert "Wir planen das auch" in panel

    client.force_login(guetersloh_editor)
    html = client.get("/admin/").content.decode()
    assert "Open-Data-Plattform" not in html.split('id="project-interest-content"')[1]


def test_moderator_sees_topics_where_several_cities_are_interested(
    client, koeln_project, guetersloh, koeln, topic, other_topic, moderator
):
    viersen = CityPageFactory(title="Viersen")
    interest(koeln_project, guetersloh)
    interest(ProjectPageFactory(parent=guetersloh, topics=[topic]), viersen)
    interest(ProjectPageFactory(parent=koeln, topics=[other_topic]), viersen)  # one city only

    client.force_login(moderator)
    panel = client.get("/admin/").content.decode().split('id="joint-interest-content"')[1]

    assert "Bürgerservice" in panel and "Gütersloh, Viersen" in panel
    assert "Open-Data-Plattform (Köln)" in panel
    assert "Mobilität" not in panel


def test_editors_do_not_get_the_moderators_panel(client, koeln_project, koeln_editor):
    client.force_login(koeln_editor)
    assert 'id="joint-interest-content"' not in client.get("/admin/").content.decode()


def test_interest_panels_cost_the_same_however_much_interest(
    client, koeln_project, guetersloh, koeln, moderator, django_assert_max_num_queries
):
    editor = UserFactory(groups=[koeln.editor_group, roles.moderators_group()])
    client.force_login(editor)
    interest(koeln_project, guetersloh)
    client.get("/admin/")
    with django_assert_max_num_queries(200) as few:
        client.get("/admin/")
    for number in range(12):
        interest(koeln_project, CityPageFactory(title=f"Stadt {number}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/admin/")
