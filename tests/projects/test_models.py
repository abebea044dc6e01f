import pytest

from django.core.exceptions import ValidationError

from cities.models import CityIndexPage, CityPage
from home.models import HomePage
from projects.factories import ProjectPageFactory
from projects.models import ProjectIndexPage, ProjectPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("ags", ["0575400", "057540080", "05A54008", ""])
def test_ags_must_have_eight_digits(ags):
    city = CityPage(title="Gütersloh", slug="gt", ags=ags)
    with pytest.raises(ValidationError) as error:
        city.full_clean(exclude=["path", "depth", "content_type", "locale", "translation_key"])
    assert "ags" in error.value.message_dict


def test_ags_state_prefix_must_match_state():
    city = CityPage(title="München", slug="m", ags="09162000", state="Nordrhein-Westfalen")
    with pytest.raises(ValidationError) as error:
        city.clean()
    assert "Bayern" in str(error.value)


def test_ags_is_unique(guetersloh):
    duplicate = CityPage(title="Doppelt", slug="doppelt", ags=guetersloh.ags)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean(exclude=["path", "depth", "content_type", "locale", "translation_key"])
    assert "ags" in error.value.message_dict


def test_city_gets_its_own_editor_group(guetersloh):
    assert guetersloh.editor_group.name == "Redaktion Gütersloh"


def test_renaming_a_city_renames_its_group(guetersloh):
    guetersloh.title = "Stadt Gütersloh"
    guetersloh.save_revision().publish()
    guetersloh.refresh_from_db()
    assert guetersloh.editor_group.name == "Redaktion Stadt Gütersloh"


def test_project_may_only_stand_under_a_city():
    assert ProjectPage.allowed_parent_page_models() == [CityPage]
    assert not ProjectPage.can_create_at(HomePage.objects.get())
    assert not ProjectPage.can_create_at(ProjectIndexPage.objects.get())
    assert not ProjectPage.can_create_at(CityIndexPage.objects.get())


def test_project_can_be_created_under_a_city(guetersloh):
    assert ProjectPage.can_create_at(guetersloh)


def test_project_knows_its_lead_city(guetersloh, koeln):
    project = ProjectPageFactory(parent=guetersloh, title="Terminbuchung")
    assert project.lead_city == guetersloh


def test_moving_a_project_changes_its_lead_city(guetersloh, koeln):
    project = ProjectPageFactory(parent=guetersloh, title="Terminbuchung")
    project.move(koeln, pos="last-child")
    project.refresh_from_db()
    assert project.lead_city == koeln


def test_go_live_cannot_precede_start(guetersloh):
    import datetime as dt

    project = ProjectPage(
        title="X",
        teaser="t",
        challenge="c",
        start_date=dt.date(2024, 5, 1),
        go_live_date=dt.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        project.clean()
    assert "go_live_date" in error.value.message_dict


def test_algorithmic_project_requires_ethics_self_assessment():
    project = ProjectPage(
        title="Chatbot",
        teaser="t",
        challenge="c",
        uses_algorithmic_system=True,
        ethics_purpose="Fragen beantworten",
    )
    with pytest.raises(ValidationError) as error:
        project.clean()
    assert set(error.value.message_dict) == {
        "ethics_data",
        "ethics_oversight",
        "ethics_transparency",
        "ethics_evaluation",
        "ethics_complaints",
    }


def test_city_counts_only_live_projects(guetersloh, koeln):
    from projects.models import ProjectPartner

    ProjectPageFactory(parent=guetersloh, title="Live")
    ProjectPageFactory(parent=guetersloh, title="Entwurf", live=False)
    shared = ProjectPageFactory(parent=koeln, title="Open Data")
    ProjectPartner.objects.create(page=shared, city=guetersloh, role="tenant")
    city = CityPage.objects.with_project_counts().get(pk=guetersloh.pk)
    assert (city.project_count, city.partner_count) == (1, 1)


def test_similar_projects_come_from_other_cities(guetersloh, koeln, topic, other_topic):
    project = ProjectPageFactory(
        parent=guetersloh, title="Termine", topics=[topic], tags=["Terminvergabe"]
    )
    ProjectPageFactory(parent=guetersloh, title="Same city", topics=[topic])
    best = ProjectPageFactory(parent=koeln, title="Best", topics=[topic], tags=["Terminvergabe"])
    weaker = ProjectPageFactory(parent=koeln, title="Weaker", topics=[topic])
    ProjectPageFactory(parent=koeln, title="Unrelated", topics=[other_topic])
    assert list(project.similar_projects()) == [best, weaker]


def test_similar_projects_weigh_a_shared_topic_over_a_shared_tag(guetersloh, koeln, topic):
    from wagtail.models import PageViewRestriction

    project = ProjectPageFactory(
        parent=guetersloh, title="Termine", topics=[topic], tags=["Terminvergabe"]
    )
    by_tag = ProjectPageFactory(parent=koeln, title="Nur Schlagwort", tags=["Terminvergabe"])
    by_topic = ProjectPageFactory(parent=koeln, title="Nur Thema", topics=[topic])
    newer_by_tag = ProjectPageFactory(
        parent=koeln, title="Neueres Schlagwort", tags=["Terminvergabe"]
    )
    ProjectPageFactory(
        parent=koeln, title="Entwurf", topics=[topic], tags=["Terminvergabe"], live=False
    )
    private = ProjectPageFactory(
        parent=koeln, title="Privat", topics=[topic], tags=["Terminvergabe"]
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert project.similar_projects() == [by_topic, newer_by_tag, by_tag]
    assert project.similar_projects(limit=1) == [by_topic]


def test_similar_projects_with_topics_only_or_no_labels(guetersloh, koeln, topic):
    project = ProjectPageFactory(parent=guetersloh, title="Termine", topics=[topic])
    other = ProjectPageFactory(parent=koeln, title="Termine in Köln", topics=[topic])
    assert project.similar_projects() == [other]
    assert ProjectPageFactory(parent=guetersloh, title="Ohne alles").similar_projects() == []
