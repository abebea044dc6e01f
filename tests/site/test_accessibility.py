"""Structural WCAG checks on every public page type: language, landmarks, labels, headings.

These complement, not replace, a manual audit: they catch the regressions templates make most.
"""

import pytest

from core.factories import UserFactory
from home.models import HomePage
from legal.models import AccessibilityPage, ContactPage, LegalPage
from projects.factories import ProjectPageFactory, ProjectReuseFactory
from projects.models import ProjectPartner
from solutions.factories import SolutionPageFactory
from tests.helpers import Structure, check_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(guetersloh, koeln, topic):
    project = ProjectPageFactory(
        parent=guetersloh, title="Termine", topics=[topic], tags=["Termin"]
    )
    ProjectPartner.objects.create(page=project, city=koeln)
    solution = SolutionPageFactory(title="Terminsoftware", origin_city=koeln)
    adopter = ProjectPageFactory(parent=koeln, title="Termine Köln", solutions=[solution])
    ProjectReuseFactory(origin=project, adopter=adopter, helped="Doku")
    return [
        "/",
        "/loesungen/",
        solution.url,
        "/nachnutzung/",
        koeln.url,
        adopter.url,
        "/projekte/",
        "/projekte/?status=erfunden",
        "/staedte/",
        guetersloh.url,
        project.url,
        "/anmelden/",
        "/gibt-es-nicht/",
        "/daten/",
        "/daten/api/",
        "/daten/api/interaktiv/",
        "/benachrichtigungen/abbestellen/kaputt/",
        "/suche/?q=Thema: Bürgerservice Stadt: Gütersloh Termine",  # chips, facets
        "/suche/?q=Thema: Buergerservice2",  # the name meant
        "/suche/?q=Jahr: abc",  # a 400 with its message
    ]


def test_pages_are_structurally_accessible(client, urls):
    check_pages(client, urls)


def test_member_pages_are_structurally_accessible(client, urls, member, guetersloh):
    from follow.models import Subscription

    client.force_login(member)
    token = Subscription.objects.create(user=member).unsubscribe_token()
    check_pages(
        client,
        [
            "/konto/benachrichtigungen/",
            f"/benachrichtigungen/abbestellen/{token}/",
            guetersloh.url,
            "/projekte/?topic=buergerservice",
        ],
    )
    client.force_login(UserFactory(username="fremd"))
    check_pages(client, ["/konto/benachrichtigungen/"])  # the 403 page


def test_legal_pages_and_their_forms_are_structurally_accessible(client):
    home = HomePage.objects.get()
    pages = []
    for model, title, slug, fields in (
        (LegalPage, "Impressum", "impressum", {"body": [("heading", "Anbieter")]}),
        (ContactPage, "Kontakt", "kontakt", {"body": [("heading", "Anschrift")]}),
        (AccessibilityPage, "Barrierefreiheit", "barrierefreiheit", {"enforcement": "<p>x</p>"}),
    ):
        page = model(title=title, slug=slug, **fields)
        home.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page.url)
    check_pages(client, pages)
    for url in pages[1:]:  # the forms with their error messages
        response = client.post(url, {"email": "kaputt"})
        assert response.status_code == 400
        page = Structure()
        page.feed(response.content.decode())
        for control_id, aria_label, wrapped in page.controls:
            assert control_id in page.labels_for or aria_label or wrapped, url


def test_skip_link_targets_main_content(client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html and 'id="main"' in html


def test_english_is_available_as_second_language(client):
    response = client.get("/sprache/en/", {"next": "/projekte/"})
    assert response.status_code == 302 and response["Location"] == "/projekte/"
    html = client.get("/projekte/").content.decode()
    assert '<html lang="en">' in html and "Apply filters" in html
