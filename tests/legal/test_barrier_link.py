"""„Barriere auf dieser Seite melden“: every page's footer links the accessibility statement's
form with the page's address, which the form takes as the place of the barrier – only an
address of this site, so that the link cannot put a stranger's text into the form."""

import re

import pytest

from home.models import HomePage
from legal.models import AccessibilityPage
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(site_tree):
    page = AccessibilityPage(title="Erklärung zur Barrierefreiheit", slug="barrierefreiheit")
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page


def report_link(client, url):
    html = client.get(url).content.decode()
    footer = html[html.index("<footer") :]
    found = re.search(r'<a href="([^"]*)"[^>]*>Barriere auf dieser Seite melden</a>', footer)
    return found and found[1].replace("&amp;", "&")


def location_field(client, url):
    html = client.get(url).content.decode()
    field = re.search(r'<input[^>]*name="location"[^>]*>', html)[0]
    value = re.search(r'value="([^"]*)"', field)
    return value[1] if value else ""


def test_every_footer_links_the_form_with_its_own_address(client, statement, guetersloh):
    project = ProjectPageFactory(parent=guetersloh, title="Terminbuchung")
    assert (
        report_link(client, "/projekte/") == "/barrierefreiheit/?seite=/projekte/#barriere-melden"
    )
    assert report_link(client, project.url) == (
        f"/barrierefreiheit/?seite={project.url}#barriere-melden"
    )


def test_form_takes_the_reported_page_as_the_place_of_the_barrier(client, statement):
    assert location_field(client, "/barrierefreiheit/?seite=/projekte/") == (
        "http://testserver/projekte/"
    )
    assert location_field(client, "/barrierefreiheit/") == ""


@pytest.mark.parametrize(
    "value",
    [
        "https://elsewhere.example/",
        "//elsewhere.example/projekte/",
        "/\\elsewhere.example",
        "javascript:alert(1)",
        "projekte/",
        "/" + "x" * 600,
        "/projekte/\nBcc: someone@example.org",
    ],
)
def test_form_ignores_an_address_that_is_not_a_page_of_this_site(client, statement, value):
    response = client.get("/barrierefreiheit/", {"seite": value})
    assert response.status_code == 200
    assert location_field(client, "/barrierefreiheit/?" + response.request["QUERY_STRING"]) == ""


def test_without_a_live_statement_there_is_no_link(client, site_tree):
    assert report_link(client, "/projekte/") is None
