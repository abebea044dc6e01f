"""Every admin URL and the public views, for every role, against objects of another city.

The admin's URL patterns are read from the URLconf, so a new admin view (a plugin, a new
Wagtail version) fails here until it is classified below. Objects named in URLs belong to
Köln; the editor is Gütersloh's. What each role may do is asserted, not just "no error"."""

import re

import pytest

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    Site,
    Task,
    Workflow,
)

from core import roles
from core.factories import UserFactory
from core.models import MemberProfile
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db

# Admin pages anybody may open: signing in and resetting a password, and static helpers.
OPEN_TO_ALL = {
    "admin/login/",
    "admin/password_reset/",
    "admin/password_reset/done/",
    "admin/password_reset/complete/",
    "admin/jsi18n/",
    "admin/sprite/",
}
# Patterns a GET cannot exercise meaningfully (the catch-all 404, token links, session pings).
NOT_WALKED = {
    "admin/^.*/$": "catch-all for unknown admin URLs",
    "admin/failwhale/": "Wagtail's deliberate error, to test error reporting",
    "admin/password_reset/confirm/<uidb64>/<token>/": "needs a valid reset token",
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/": "POST only",
    "admin/editing-sessions/release/<int:session_id>/": "POST only",
    "admin/pages/^(\\d+)/revisions/compare/(live|earliest|\\d+)\\.\\.\\.(live|latest|\\d+)/$": "walked by its own URL below",
}
# What an editor of one city may read although the URL names another city's page: choosers
# and the admin API list titles of all pages for linking (Wagtail's design; no content).
EDITOR_MAY_READ_OTHER_CITY = {
    "admin/choose-page/<int:parent_page_id>/",
    "admin/api/main/^pages/<int:pk>/",
    "admin/pages/<int:parent_page_id>/",
    "admin/pages/<int:parent_page_id>/results/",
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/",
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/",
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
    # Wagtail shows the confirmation on GET without a check; the move itself is refused
    # (test_editor_cannot_move_another_citys_project).
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
    # Answers whether publishing needs a confirmation (a modal step, no page content).
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
    # A chooser's answer: the moderation task's name, for the workflow form.
    "admin/workflows/task_chooser/<int:task_id>/",
}


def admin_patterns():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    return [p for p in dict.fromkeys(walk(get_resolver().url_patterns)) if p.startswith("admin/")]


@pytest.fixture
def world(guetersloh, koeln, topic):
    """Köln's objects, which Gütersloh's editor must not reach, and private ones."""
    project = ProjectPageFactory(parent=koeln, title="Kölner Projekt", topics=[topic])
    draft = ProjectPageFactory(parent=koeln, title="Kölner Entwurf", live=False)
    private = ProjectPageFactory(parent=koeln, title="Kölner Intern")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    document = get_document_model().objects.create(
        title="Kölner Kalkulation",
        collection=koeln.collection,
        file=ContentFile(b"%PDF-1.4", "k.pdf"),
    )
    image = get_image_model().objects.create(
        title="Kölner Foto", collection=koeln.collection, file=get_test_image_file()
    )
    board = Collection.get_first_root_node().add_child(name="Vorstand")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    moderator = UserFactory(username="mod", groups=[roles.moderators_group()])
    profile = MemberProfile.objects.create(user=moderator, city=koeln)
    return {
        "page": project,
        "draft": draft,
        "private": private,
        "city": koeln,
        "revision": project.latest_revision,
        "document": document,
        "image": image,
        "collection": koeln.collection,
        "group": koeln.editor_group,
        "user": moderator,
        "profile": profile,
        "topic": topic,
        "site": Site.objects.get(),
        "workflow": Workflow.objects.get(active=True),
        "task": Task.objects.get(name=roles.TASK_NAME),
        "board": board,
        "redirect": Redirect.objects.create(old_path="/alt", redirect_page=project),
    }


def fill(pattern, world):
    """A URL for the pattern, naming Köln's objects; None for what cannot be walked."""
    if pattern in NOT_WALKED:
        return None
    section = pattern.split("/")[1]

    def pk_for(name):
        if name in ("page_id", "parent_page_id", "page_to_move_id", "page_pk"):
            return world["page"].pk
        if name == "destination_id":
            return world["city"].pk
        if name == "revision_id":
            return world["revision"].pk
        if name in ("document_id", "doc_id"):
            return world["document"].pk
        if name == "image_id":
            return world["image"].pk
        if name == "collection_id":
            return world["board"].pk
        if name in ("task_id", "task_state_id", "workflow_state_id", "uploaded_file_id"):
            return 1
        if name == "redirect_id":
            return world["redirect"].pk
        if name == "workflow_pk":
            return world["workflow"].pk
        if name in ("pk", "object_id"):
            by_section = {
                "api": world["page"],
                "collections": world["collection"],
                "workflows": world["task"] if "/tasks/" in pattern else world["workflow"],
                "users": world["user"],
                "groups": world["group"],
                "sites": world["site"],
                "redirects": world["redirect"],
                "projekte": world["page"],  # „ist noch aktuell“ of Köln's project
            }
            if section == "api":
                return {"^documents": world["document"], "^images": world["image"]}.get(
                    pattern.split("/")[3], world["page"]
                ).pk
            if section == "snippets":
                return (world["topic"] if "/topic/" in pattern else world["profile"]).pk
            if section in ("documents", "images") and "chooser" in pattern:
                return world[section[:-1]].pk
            if by_section.get(section) is not None:
                return by_section[section].pk
            return 1
        raise KeyError(name)

    texts = {
        "content_type_app_name": "projects",
        "content_type_model_name": "projectpage",
        "app_label": "wagtailcore" if section == "bulk" else "projects",
        "model_name": "page" if section == "bulk" else "projectpage",
        "app_name": "projects",
        "action": "delete",
        "action_name": "approve",
        "filter_spec": "original",
        "fmt": "csv",
        "slug": "x",
    }
    if section == "settings":
        texts.update(app_name="wagtailcore", model_name="site")

    def value(name):
        return str(texts[name] if name in texts else pk_for(name))

    pattern = pattern.replace("vorlage\\.(?P<fmt>csv|xlsx)$", "vorlage.csv")
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), pattern)
    url = url.replace("^", "").replace("$", "")
    return "/" + url


def test_every_admin_pattern_is_walked_or_explained(world):
    unfilled = [
        p for p in admin_patterns() if p not in NOT_WALKED and re.search(r"[(\\]", fill(p, world))
    ]
    assert unfilled == []


@pytest.fixture
def roles_users(guetersloh):
    return {
        "anonymous": None,
        "member": UserFactory(username="member", groups=[roles.members_group()]),
        "stranger": UserFactory(
            username="stranger", groups=[Group.objects.create(name="Redaktion Irgendwo")]
        ),
        "editor": UserFactory(username="gt-editor", groups=[guetersloh.editor_group]),
    }


def walk(client, world, user):
    if user is not None:
        client.force_login(user)
    answers = {}
    for pattern in admin_patterns():
        url = fill(pattern, world)
        if url is not None:
            answers[pattern] = (url, client.get(url))
    return answers


@pytest.mark.parametrize("role", ["anonymous", "member", "stranger"])
def test_people_without_admin_access_reach_no_admin_view(client, world, roles_users, role):
    for pattern, (url, response) in walk(client, world, roles_users[role]).items():
        assert response.status_code < 500, url
        if pattern in OPEN_TO_ALL:
            continue
        location = response.get("Location", "")
        assert response.status_code in (302, 403, 404, 405), (url, response.status_code)
        if response.status_code == 302:
            assert location.startswith("/admin/login/"), (url, location)


def test_editor_reaches_no_other_citys_object_and_no_admin_setting(client, world, roles_users):
    hidden = ("Kölner Kalkulation", "Kölner Foto")
    for pattern, (url, response) in walk(client, world, roles_users["editor"]).items():
        assert response.status_code < 500, url
        names_object = bool(re.search(r"<(?:\w+:)?\w+>", pattern))
        if names_object and pattern not in EDITOR_MAY_READ_OTHER_CITY | OPEN_TO_ALL:
            assert response.status_code != 200, url
        body = (
            response.content.decode(errors="replace")
            if response.status_code == 200 and not response.streaming
            else ""
        )
        for title in hidden:
            assert title not in body, (url, title)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/users/",
        "/admin/groups/",
        "/admin/sites/",
        "/admin/collections/",
        "/admin/workflows/list/",
        "/admin/redirects/",
        "/admin/snippets/projects/topic/add/",
        "/admin/snippets/core/memberprofile/",
        "/admin/projekte-import/",
    ],
)
def test_editor_cannot_open_the_platforms_settings(client, roles_users, url):
    client.force_login(roles_users["editor"])
    assert client.get(url).status_code in (302, 403)


def test_editor_cannot_move_another_citys_project(client, world, guetersloh, roles_users):
    client.force_login(roles_users["editor"])
    page = world["page"]
    response = client.post(f"/admin/pages/{page.pk}/move/{guetersloh.pk}/confirm/")
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.get_parent().pk == world["city"].pk


def test_moderator_previews_a_draft_with_partners_and_documents(client, world, guetersloh):
    from projects.models import ProjectDocument, ProjectPartner

    draft = world["draft"]
    ProjectPartner.objects.create(page=draft, city=guetersloh, sort_order=0)
    ProjectDocument.objects.create(page=draft, document=world["document"], sort_order=0)
    draft.refresh_from_db()
    draft.save_revision()
    client.force_login(world["user"])
    response = client.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Gütersloh" in body and "Kölner Kalkulation" in body


def test_editor_works_on_own_city(client, guetersloh, roles_users):
    own = ProjectPageFactory(parent=guetersloh, title="Eigenes Projekt")
    client.force_login(roles_users["editor"])
    for url in (
        "/admin/",
        f"/admin/pages/{own.pk}/edit/",
        f"/admin/pages/add/projects/projectpage/{guetersloh.pk}/",
        "/admin/documents/add/",
        "/admin/images/add/",
    ):
        assert client.get(url).status_code == 200, url


def test_moderator_gets_an_answer_from_every_admin_view(client, world):
    for _pattern, (url, response) in walk(client, world, world["user"]).items():
        assert response.status_code < 500, url


# --- the public site ---------------------------------------------------------------------------


def public_urls(world):
    page, draft, private = world["page"], world["draft"], world["private"]
    return {
        "live": [page.url, world["city"].url, f"/api/v1/projects/{page.pk}/"],
        "draft": [
            f"/staedte/koeln/{draft.slug}/",
            f"/api/v1/projects/{draft.pk}/",
            f"/admin/pages/{draft.pk}/view_draft/",
        ],
        "private": [private.url, f"/api/v1/projects/{private.pk}/"],
    }


@pytest.mark.parametrize("role", ["anonymous", "member", "editor"])
def test_public_views_honour_drafts_and_restrictions(client, world, roles_users, role):
    user = roles_users[role]
    if user is not None:
        client.force_login(user)
    urls = public_urls(world)
    for url in urls["live"]:
        assert client.get(url).status_code == 200, url
    for url in urls["draft"]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Kölner Entwurf" not in response.content.decode(), url
    page_url, api_url = urls["private"]
    response = client.get(page_url)
    if role == "anonymous":
        assert response.status_code == 302 and "/anmelden/" in response["Location"]
    else:
        assert response.status_code == 200  # signed in: the restriction is met
    assert client.get(api_url).status_code == 404  # the API is public: private pages stay out
    for listing in ("/projekte/", "/suche/?q=Kölner", "/projekte/feed/rss/", "/api/v1/projects/"):
        body = client.get(listing).content.decode()
        assert "Kölner Entwurf" not in body and "Kölner Intern" not in body, listing
