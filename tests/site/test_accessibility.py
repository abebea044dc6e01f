"""Structural WCAG checks on every public page type: language, landmarks, labels, headings.

These complement, not replace, a manual audit: they catch the regressions templates make most.
"""

from html.parser import HTMLParser

import pytest

from core.factories import UserFactory
from home.models import HomePage
from legal.models import AccessibilityPage, ContactPage, LegalPage
from projects.factories import ProjectPageFactory, ProjectReuseFactory
from projects.models import ProjectPartner
from solutions.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db


class Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.headings = []
        self.labels_for = set()
        self.controls = []
        self.main = 0
        self.images_without_alt = 0
        self.remote = []
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.labels_for.add(attrs["for"])
        elif tag in {"input", "select", "textarea"} and attrs.get("type") not in {
            "hidden",
            "submit",
        }:
            self.controls.append((attrs.get("id"), attrs.get("aria-label"), self._label_depth > 0))
        elif tag == "main":
            self.main += 1
        elif tag == "img" and "alt" not in attrs:
            self.images_without_alt += 1
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            if tag in {"script", "link", "img", "iframe"} and value.startswith(
                ("http:", "https:", "//")
            ):
                self.remote.append(value)

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth -= 1


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
        "/benachrichtigungen/abbestellen/kaputt/",
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


def check_pages(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 403, 404), url
        page = Structure()
        page.feed(response.content.decode())
        assert page.html_lang == "de", url
        assert page.main == 1, url
        assert page.headings and page.headings[0] == 1 and page.headings.count(1) == 1, url
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{url}: heading h{before} followed by h{after}"
        for control_id, aria_label, wrapped in page.controls:
            assert control_id in page.labels_for or aria_label or wrapped, (
                f"{url}: unlabelled {control_id}"
            )
        assert page.images_without_alt == 0, url
        assert page.remote == [], f"{url}: third-party resources {page.remote}"


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
