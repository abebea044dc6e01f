"""Finding 1: a city's editor group and media collection are tied to the city by key.

Before, the group was renamed on every save from the draft's title and the collection was
found by name: a draft titled like another collection gave the editors rights on it."""

import pytest

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission

from cities.factories import CityPageFactory
from core import roles
from core.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_document(db):
    board = Collection.get_first_root_node().add_child(name="Intern Vorstand")
    return get_document_model().objects.create(
        title="Protokoll Vorstand", collection=board, file=ContentFile(b"%PDF-1.4", "v.pdf")
    )


def save_draft(city, title, user):
    """What the admin's „Entwurf speichern“ does with a page."""
    city.title = title
    city.save_revision(user=user)


def test_editor_draft_title_does_not_reach_another_collection(
    client, guetersloh, guetersloh_editor, board_document
):
    save_draft(guetersloh, "Intern Vorstand", guetersloh_editor)
    guetersloh.refresh_from_db()
    assert guetersloh.editor_group.name == "Redaktion Gütersloh"
    client.force_login(guetersloh_editor)
    response = client.get(f"/admin/documents/edit/{board_document.pk}/")
    assert response.status_code in (302, 403)


def test_editor_draft_titled_like_another_city_is_saved_without_error(
    client, guetersloh, koeln, guetersloh_editor
):
    client.force_login(guetersloh_editor)
    edit = client.get(f"/admin/pages/{guetersloh.pk}/edit/")
    assert edit.status_code == 200
    save_draft(guetersloh, "Köln", guetersloh_editor)
    assert Group.objects.filter(name="Redaktion Köln").count() == 1
    guetersloh.refresh_from_db()
    assert guetersloh.editor_group.name == "Redaktion Gütersloh"


def test_published_rename_renames_group_and_collection_in_place(guetersloh):
    group, collection = guetersloh.editor_group, guetersloh.collection
    guetersloh.title = "Stadt Gütersloh"
    guetersloh.save_revision().publish()
    guetersloh.refresh_from_db()
    assert (guetersloh.editor_group, guetersloh.collection) == (group, collection)
    group.refresh_from_db()
    collection.refresh_from_db()
    assert group.name == "Redaktion Stadt Gütersloh"
    assert collection.name == "Stadt Gütersloh"


def test_publishing_a_title_another_city_has_keeps_both_groups_apart(guetersloh, koeln):
    guetersloh.title = "Köln"
    guetersloh.save_revision().publish()
    guetersloh.refresh_from_db()
    koeln.refresh_from_db()
    assert guetersloh.editor_group != koeln.editor_group
    assert guetersloh.collection != koeln.collection
    assert koeln.editor_group.name == "Redaktion Köln"
    assert guetersloh.editor_group.name == f"Redaktion Köln ({guetersloh.ags})"


def test_editor_rights_cover_only_the_own_collection(guetersloh, koeln):
    collections = set(
        GroupCollectionPermission.objects.filter(group=guetersloh.editor_group).values_list(
            "collection", flat=True
        )
    )
    assert collections == {guetersloh.collection.pk}


def test_role_sync_takes_back_rights_on_other_collections(guetersloh, board_document):
    stray = roles._permissions("wagtaildocs", ["change_document"])[0]
    GroupCollectionPermission.objects.create(
        group=guetersloh.editor_group, collection=board_document.collection, permission=stray
    )
    roles.sync_roles()
    assert not GroupCollectionPermission.objects.filter(
        group=guetersloh.editor_group, collection=board_document.collection
    ).exists()


def test_a_group_named_like_an_editor_group_does_not_make_members(guetersloh):
    impostor = UserFactory(username="x", groups=[Group.objects.create(name="Redaktion Irgendwo")])
    editor = UserFactory(username="y", groups=[guetersloh.editor_group])
    assert not roles.is_member(impostor)
    assert roles.is_member(editor)


def test_a_city_gets_its_group_when_first_published(db):
    city = CityPageFactory(title="Viersen", slug="viersen")
    assert city.editor_group.name == "Redaktion Viersen"
    assert city.collection.name == "Viersen"
