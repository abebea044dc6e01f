"""Reuse between projects: who may propose and confirm it, what is refused, who sees it."""

import pytest

from django.core.exceptions import ValidationError

from cities.factories import CityPageFactory
from core.factories import UserFactory
from projects.factories import ProjectPageFactory, ProjectReuseFactory
from projects.models import ProjectReuse
from projects.reuse import ReuseStatus, ReuseWay

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform(koeln):
    return ProjectPageFactory(parent=koeln, title="Open-Data-Plattform Köln")


@pytest.fixture
def portal(guetersloh):
    return ProjectPageFactory(parent=guetersloh, title="Datenportal Gütersloh")


def reuse_form(adopter, origin, **fields):
    return {
        "adopter": adopter.pk,
        "origin": origin.pk,
        "way": ReuseWay.TENANT,
        "since": "2024-03-01",
        "status": ReuseStatus.IN_OPERATION,
        "effort_person_days": "12",
        "cost_range": "lt10k",
        "helped": "Dieselbe Fachanwendung",
        "missing": "",
        **fields,
    }


def test_editor_proposes_and_the_other_city_confirms(
    client, portal, platform, guetersloh, guetersloh_editor, koeln_editor
):
    client.force_login(guetersloh_editor)
    response = client.post("/admin/nachnutzung/neu/", reuse_form(portal, platform))

    assert response.status_code == 302
    reuse = ProjectReuse.objects.get()
    assert (reuse.adopter, reuse.origin, reuse.proposed_by_city) == (portal, platform, guetersloh)
    assert not reuse.is_confirmed

    # The side that asked cannot confirm its own request (Wagtail's admin answers a refusal
    # with a redirect and a message).
    client.post(f"/admin/nachnutzung/{reuse.pk}/bestaetigen/")
    reuse.refresh_from_db()
    assert not reuse.is_confirmed

    client.force_login(koeln_editor)
    listing = client.get("/admin/nachnutzung/").content.decode()
    assert "Wartet auf Ihre Bestätigung" in listing and "Datenportal Gütersloh" in listing
    response = client.post(f"/admin/nachnutzung/{reuse.pk}/bestaetigen/")

    assert response.status_code == 302
    reuse.refresh_from_db()
    assert reuse.is_confirmed and reuse.confirmed_by.username == "redaktion-k"


def test_requested_reuse_is_shown_to_members_only(client, portal, platform, member):
    ProjectReuseFactory(adopter=portal, origin=platform, confirmed_at=None, helped="Gute Doku")

    public = client.get(platform.url).content.decode()
    client.force_login(member)
    members = client.get(platform.url).content.decode()

    assert "Datenportal Gütersloh" not in public
    assert "Datenportal Gütersloh" in members and "angefragt" in members


def test_confirmed_reuse_shows_on_both_projects_with_what_it_took(client, portal, platform):
    ProjectReuseFactory(adopter=portal, origin=platform, effort_person_days=12, helped="Gute Doku")

    origin_page = client.get(platform.url).content.decode()
    adopter_page = client.get(portal.url).content.decode()

    assert "Nachgenutzt von" in origin_page and "Datenportal Gütersloh" in origin_page
    assert "Gute Doku" in origin_page and "12 Personentage" in origin_page
    assert "Nutzt nach" in adopter_page and "Open-Data-Plattform Köln" in adopter_page
    assert "angefragt" not in origin_page


def test_reuse_of_a_draft_project_is_not_shown(client, platform, guetersloh):
    draft = ProjectPageFactory(parent=guetersloh, title="Geheimer Entwurf", live=False)
    ProjectReuseFactory(adopter=draft, origin=platform)

    assert "Geheimer Entwurf" not in client.get(platform.url).content.decode()


def test_one_person_for_both_sides_records_a_confirmed_reuse(client, portal, platform, moderator):
    client.force_login(moderator)

    client.post("/admin/nachnutzung/neu/", reuse_form(portal, platform))

    assert ProjectReuse.objects.get().is_confirmed


def test_editor_of_a_third_city_can_neither_propose_nor_confirm(client, portal, platform):
    bielefeld = CityPageFactory(title="Bielefeld", slug="bielefeld")
    stranger = UserFactory(username="redaktion-bi", groups=[bielefeld.editor_group])
    client.force_login(stranger)

    response = client.post("/admin/nachnutzung/neu/", reuse_form(portal, platform))
    reuse = ProjectReuseFactory(adopter=portal, origin=platform, confirmed_at=None)
    confirm = client.post(f"/admin/nachnutzung/{reuse.pk}/bestaetigen/")
    withdraw = client.post(f"/admin/nachnutzung/{reuse.pk}/zuruecknehmen/")

    assert response.status_code == 400
    assert "deren Redaktion Sie angehören" in response.content.decode()
    assert confirm.status_code in (302, 403) and withdraw.status_code in (302, 403)
    assert ProjectReuse.objects.filter(confirmed_at__isnull=True).count() == 1


def test_member_without_a_city_has_no_reuse_admin(client, member):
    client.force_login(member)

    assert client.get("/admin/nachnutzung/neu/").status_code in (302, 403)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("itself", "kann sich nicht selbst nachnutzen"),
        ("duplicate", "bereits eingetragen"),
        ("cycle", "ergäbe einen Kreis"),
    ],
)
def test_bad_relations_are_refused_with_a_message_and_nothing_changes(
    client, portal, platform, guetersloh, moderator, case, message
):
    third = ProjectPageFactory(parent=guetersloh, title="Drittes Projekt")
    ProjectReuseFactory(adopter=portal, origin=platform)
    ProjectReuseFactory(adopter=third, origin=portal)
    adopter, origin = {
        "itself": (portal, portal),
        "duplicate": (portal, platform),
        "cycle": (platform, third),  # third → portal → platform → third
    }[case]
    client.force_login(moderator)

    response = client.post("/admin/nachnutzung/neu/", reuse_form(adopter, origin))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ProjectReuse.objects.count() == 2


def test_cycle_is_refused_by_the_model_too(portal, platform):
    ProjectReuseFactory(adopter=portal, origin=platform)

    with pytest.raises(ValidationError):
        ProjectReuse(adopter=platform, origin=portal, way=ReuseWay.CODE).full_clean()


def test_either_side_may_withdraw(client, portal, platform, koeln_editor):
    reuse = ProjectReuseFactory(adopter=portal, origin=platform)
    client.force_login(koeln_editor)

    response = client.post(f"/admin/nachnutzung/{reuse.pk}/zuruecknehmen/")

    assert response.status_code == 302
    assert not ProjectReuse.objects.exists()


def test_confirm_and_withdraw_answer_only_post(client, portal, platform, koeln_editor):
    reuse = ProjectReuseFactory(adopter=portal, origin=platform, confirmed_at=None)
    client.force_login(koeln_editor)

    assert client.get(f"/admin/nachnutzung/{reuse.pk}/bestaetigen/").status_code == 405
    assert client.post("/admin/nachnutzung/99999/bestaetigen/").status_code == 404


def test_moderators_page_through_confirmed_reuse_and_see_every_request(
    client, moderator, guetersloh, koeln, monkeypatch, django_assert_max_num_queries
):
    """Confirmed relations accumulate over the years; requests ask for a decision and are all
    shown. Page numbers that do not exist answer 404."""
    monkeypatch.setattr("projects.reuse_views.CONFIRMED_PER_PAGE", 2)
    origin = ProjectPageFactory(parent=koeln, title="Open-Data-Plattform Köln")
    adopters = [ProjectPageFactory(parent=guetersloh, title=f"Nachnutzer {n}") for n in range(5)]
    for adopter in adopters[:3]:
        ProjectReuseFactory(origin=origin, adopter=adopter)
    for adopter in adopters[3:]:
        ProjectReuseFactory(origin=origin, adopter=adopter, confirmed_at=None)
    client.force_login(moderator)

    def shown(url):
        html = client.get(url).content.decode()
        return {a.title for a in adopters if f"{a.title} (" in html}

    with django_assert_max_num_queries(40):
        first = shown("/admin/nachnutzung/")
    second = shown("/admin/nachnutzung/?p=2")
    requested = {"Nachnutzer 3", "Nachnutzer 4"}
    assert requested <= first and requested <= second
    assert len(first - requested) == 2 and len(second - requested) == 1
    assert (first | second) - requested == {"Nachnutzer 0", "Nachnutzer 1", "Nachnutzer 2"}
    for page in ("3", "abc", "0"):
        assert client.get(f"/admin/nachnutzung/?p={page}").status_code == 404, page
