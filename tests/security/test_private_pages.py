"""Findings 3, 4 and 11: a page's restrictions hold wherever its data appears – calendar
files, the search index and suggestions, agendas, partner lists and document links."""

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cities.factories import CityPageFactory
from events.factories import EventPageFactory
from events.models import AgendaItem, EventPage
from projects.factories import ProjectPageFactory
from projects.models import ProjectDocument, ProjectPartner
from search.backends import SearchRequest, get_backend
from search.query import parse
from tests.helpers import soon

pytestmark = pytest.mark.django_db


def restrict(page, kind):
    fields = {"password": "geheim"} if kind == PageViewRestriction.PASSWORD else {}
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_ics_of_a_private_meeting_reveals_nothing(client, kind):
    event = EventPageFactory(title="Vorstandsklausur", start=soon(), venue_name="Hinterzimmer")
    restrict(event, kind)
    response = client.get(event.ics_url)
    body = response.content.decode()
    assert not response["Content-Type"].startswith("text/calendar")
    assert "Vorstandsklausur" not in body and "Hinterzimmer" not in body


def test_ics_of_a_members_only_meeting_works_for_members(client, member):
    event = EventPageFactory(title="Vorstandsklausur", start=soon())
    restrict(event, PageViewRestriction.LOGIN)
    client.force_login(member)
    response = client.get(event.ics_url)
    assert response["Content-Type"].startswith("text/calendar")
    assert "Vorstandsklausur" in response.content.decode()


def test_calendar_feeds_leave_out_private_meetings(client, guetersloh):
    EventPageFactory(title="Offen", start=soon(), host_city=guetersloh)
    restrict(
        EventPageFactory(title="Intern", start=soon(), host_city=guetersloh),
        PageViewRestriction.LOGIN,
    )
    for url in ("/termine/feed.ics", f"/termine/feed/{guetersloh.slug}.ics"):
        body = client.get(url).content.decode()
        assert "Offen" in body and "Intern" not in body


def test_agenda_does_not_name_draft_or_private_projects(client, guetersloh, member):
    public = ProjectPageFactory(parent=guetersloh, title="Ratsinformationssystem")
    draft = ProjectPageFactory(parent=guetersloh, title="Geheimer Entwurf", live=False)
    private = ProjectPageFactory(parent=guetersloh, title="Nur für Mitglieder")
    restrict(private, PageViewRestriction.LOGIN)
    event = EventPageFactory(title="Treffen", start=soon())
    item = AgendaItem.objects.create(page=event, title="Projekte", speakers="Dr. Speaker")
    item.projects.set([public, draft, private])
    item.save()  # parental many-to-many relations are written on save
    body = client.get(event.url).content.decode()
    assert "Ratsinformationssystem" in body
    assert "Geheimer Entwurf" not in body and "Nur für Mitglieder" not in body


def test_speakers_names_are_for_members_like_officers_names(client, guetersloh, member):
    event = EventPageFactory(title="Treffen", start=soon())
    item = AgendaItem.objects.create(page=event, title="Datenethik", speakers="Dr. Speaker")
    item.speaker_cities.set([guetersloh])
    item.save()
    public = client.get(event.url).content.decode()
    assert "Dr. Speaker" not in public
    assert "Datenethik" in public and "Gütersloh" in public
    client.force_login(member)
    assert "Dr. Speaker" in client.get(event.url).content.decode()


def test_speakers_names_cannot_be_searched(engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = EventPageFactory(title="Treffen", start=soon())
        AgendaItem.objects.create(page=event, title="Datenethik", speakers="Dr. Sprechername")
        event.refresh_from_db()
        event.save_revision().publish()
    assert found("Datenethik") == {"Treffen"}
    assert found("Sprechername") == set()


def test_private_or_draft_partner_cities_are_not_linked(client, guetersloh, koeln):
    hidden = CityPageFactory(title="Geheimstadt", slug="geheimstadt")
    restrict(hidden, PageViewRestriction.LOGIN)
    project = ProjectPageFactory(parent=guetersloh, title="Verbund")
    ProjectPartner.objects.create(page=project, city=koeln, sort_order=0)
    ProjectPartner.objects.create(page=project, city=hidden, sort_order=1)
    body = client.get(project.url).content.decode()
    assert "Köln" in body and "Geheimstadt" not in body


def test_documents_of_restricted_collections_are_not_listed_for_the_public(
    client, guetersloh, member
):
    board = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    Document = get_document_model()
    public = Document.objects.create(title="Flyer", file=ContentFile(b"%PDF", "flyer.pdf"))
    internal = Document.objects.create(
        title="Kalkulation", collection=board, file=ContentFile(b"%PDF", "k.pdf")
    )
    project = ProjectPageFactory(parent=guetersloh, title="Projekt")
    ProjectDocument.objects.create(page=project, document=public, sort_order=0)
    ProjectDocument.objects.create(page=project, document=internal, sort_order=1)
    body = client.get(project.url).content.decode()
    assert "Flyer" in body and "Kalkulation" not in body
    client.force_login(member)
    assert "Kalkulation" in client.get(project.url).content.decode()


def test_capacity_zero_is_refused():
    from django.core.exceptions import ValidationError

    event = EventPage(title="Voll", slug="voll", start=soon(), end=soon(hour=12), capacity=0)
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["path", "depth", "content_type", "locale", "translation_key"])
    assert "capacity" in error.value.message_dict


def test_a_meeting_without_seats_puts_everybody_on_the_waiting_list(member):
    event = EventPageFactory(title="Voll", start=soon())
    EventPage.objects.filter(pk=event.pk).update(capacity=0)  # stored before the rule existed
    event.refresh_from_db()
    assert event.register(member).state == "waiting"


# --- the engine's index -----------------------------------------------------------------------


def found(text):
    return {hit.title for hit in get_backend().search(SearchRequest(query=parse(text))).hits}


def suggested(client, text):
    return client.get("/suche/vorschlaege/", {"q": text}).json()["suggestions"]


def test_making_a_page_private_takes_it_out_of_search_and_suggestions(
    use_engine, client, guetersloh, django_capture_on_commit_callbacks
):
    project = ProjectPageFactory(parent=guetersloh, title="Sperrmüllanmeldung")
    call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found("Sperrmüllanmeldung") == {"Sperrmüllanmeldung"}
    with django_capture_on_commit_callbacks(execute=True):
        restriction = restrict(project, PageViewRestriction.LOGIN)
    assert found("Sperrmüllanmeldung") == set()
    assert not any("Sperrmüll" in str(s) for s in suggested(client, "Sperrm"))
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert found("Sperrmüllanmeldung") == {"Sperrmüllanmeldung"}


def test_making_a_city_private_takes_its_projects_out_of_search(
    use_engine, guetersloh, django_capture_on_commit_callbacks
):
    ProjectPageFactory(parent=guetersloh, title="Sperrmüllanmeldung")
    call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with django_capture_on_commit_callbacks(execute=True):
        restrict(guetersloh, PageViewRestriction.PASSWORD)
    assert found("Sperrmüllanmeldung") == set()


def test_a_private_or_draft_city_is_unknown_to_public_filters(client, guetersloh):
    hidden = CityPageFactory(title="Geheimstadt", slug="geheimstadt")
    restrict(hidden, PageViewRestriction.LOGIN)
    for url in ("/projekte/", "/api/v1/projects/", "/api/v1/events/"):
        response = client.get(url, {"city": "geheimstadt"})
        assert response.status_code == 400, url
        assert client.get(url, {"city": guetersloh.slug}).status_code == 200, url
