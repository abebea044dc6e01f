"""Part 2: every answer carries a Content-Security-Policy and a Permissions-Policy; public pages
run no inline script, so the policy can forbid it there."""

import datetime as dt
from html.parser import HTMLParser

import pytest

from django.template.loader import render_to_string
from django.utils import timezone

from core import roles
from core.factories import UserFactory
from events.factories import EventPageFactory
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db

# What every page's policy must say, the admin's included.
STRICT = {
    "default-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "frame-ancestors": {"'self'"},
    "form-action": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
}
DENIED_FEATURES = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


def policy(response):
    header = response.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']}: no Content-Security-Policy"
    directives = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        directives[name] = set(sources)
    return directives


def assert_strict(response):
    directives = policy(response)
    for name, sources in STRICT.items():
        assert directives.get(name) == sources, (name, directives.get(name))
    for name, sources in directives.items():
        # Nothing from other hosts, nothing evaluated from strings.
        assert sources <= {"'self'", "'none'", "data:", "'unsafe-inline'"}, (name, sources)
    permissions = response.get("Permissions-Policy", "")
    for feature in DENIED_FEATURES:
        assert feature in permissions.split(", "), feature
    return directives


@pytest.fixture
def public_urls(guetersloh, topic):
    project = ProjectPageFactory(
        parent=guetersloh, title="Digitale Terminbuchung", topics=[topic], tags=["Termin"]
    )
    event = EventPageFactory(
        title="Arbeitskreis", start=timezone.now() + dt.timedelta(days=7), host_city=guetersloh
    )
    return [
        "/",
        "/projekte/",
        project.url,
        "/staedte/",
        guetersloh.url,
        "/termine/",
        event.url,
        "/suche/?q=Termin",
        "/daten/",
        "/daten/api/",
        "/daten/api/interaktiv/",
        "/wer-macht-das-schon/",
        "/anmelden/",
        "/gibt-es-nicht/",
    ]


def test_public_pages_forbid_inline_script_and_style(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        directives = assert_strict(response)
        assert directives["script-src"] == {"'self'"}, url
        assert directives["style-src"] == {"'self'"}, url


def test_api_answers_carry_the_headers(client, public_urls):
    for url in ("/api/v1/projects/", "/api/v1/cities/", "/daten/kommunal-digital-projekte.csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = assert_strict(response)
        assert "'unsafe-inline'" not in directives["script-src"], url


def test_admin_pages_carry_the_headers(client, public_urls, guetersloh):
    client.force_login(UserFactory(username="moderation", groups=[roles.moderators_group()]))
    project = guetersloh.get_children().first()
    for url in ("/admin/", f"/admin/pages/{project.pk}/edit/", "/admin/documents/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)
    client.logout()
    assert_strict(client.get("/admin/login/"))


class InlineCode(HTMLParser):
    """Scripts that a strict policy would block: inline <script>, on… handlers, javascript:
    links, and style attributes and elements."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # A JSON-LD block is data that the browser does not run.
        data = attrs.get("type") in ("application/ld+json", "application/json")
        if tag == "script" and not attrs.get("src") and not data:
            self._script = tag
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data):
        if self._script and data.strip():
            self.found.append(f"<script>{data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def test_public_pages_contain_no_inline_script(client, public_urls, member, moderator):
    # Anonymous, a member, and a moderator, who sees Wagtail's user bar on every page.
    for user in (None, member, moderator):
        if user:
            client.force_login(user)
        for url in public_urls:
            parser = InlineCode()
            parser.feed(client.get(url).content.decode())
            assert parser.found == [], f"{url}: {parser.found}"


def test_server_error_page_needs_no_inline_style():
    """Django renders 500.html without a request: it must look right under the policy too."""
    parser = InlineCode()
    parser.feed(render_to_string("500.html"))
    assert parser.found == []
