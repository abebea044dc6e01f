"""Public pages are the same for every anonymous visitor, so they carry no cookie and can be
kept by a cache: the language switch is a link, not a form with a CSRF token."""

import re

import pytest

from .conftest import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(guetersloh, topic):
    return make_project(guetersloh, "Terminbuchung", topics=[topic], tags=["Terminvergabe"])


@pytest.fixture
def public_urls(project, guetersloh):
    return ["/", project.url, "/projekte/", "/staedte/", "/suche/?q=Terminbuchung", guetersloh.url]


def test_anonymous_public_pages_set_no_cookie(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} sets {list(response.cookies)}"


def test_a_page_with_a_form_that_needs_csrf_still_gets_its_token(client):
    response = client.get("/anmelden/")
    assert "csrftoken" in response.cookies
    assert "Cookie" in response["Vary"]


def test_language_switch_is_a_labelled_list_of_links_marking_the_current_language(client):
    html = client.get("/projekte/?topic=x").content.decode()
    switch = re.search(r'<nav class="language-switch"[^>]*>.*?</nav>', html, re.S).group(0)
    assert 'aria-label="Sprache"' in switch
    assert "<form" not in switch and "csrfmiddlewaretoken" not in html
    german = re.search(r'<a [^>]*hreflang="de"[^>]*>', switch).group(0)
    english = re.search(r'<a [^>]*hreflang="en"[^>]*>', switch).group(0)
    assert 'lang="de"' in german and 'aria-current="true"' in german
    assert 'lang="en"' in english and "aria-current" not in english
    assert 'href="/sprache/en/?next=/projekte/%3Ftopic%3Dx"' in english


def test_language_switch_sets_the_cookie_and_leads_back(client):
    response = client.get("/sprache/en/", {"next": "/projekte/?topic=x"})
    assert response.status_code == 302
    assert response["Location"] == "/projekte/?topic=x"
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get("/projekte/").content.decode()
    client.get("/sprache/de/", {"next": "/"})
    assert '<html lang="de">' in client.get("/projekte/").content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "", None]
)
def test_language_switch_leads_only_back_into_this_site(client, target):
    params = {} if target is None else {"next": target}
    response = client.get("/sprache/en/", params)
    assert response.status_code == 302 and response["Location"] == "/"


def test_language_switch_knows_only_the_sites_languages(client):
    assert client.get("/sprache/xx/", {"next": "/"}).status_code == 404
    assert client.post("/sprache/en/", {"next": "/"}).status_code == 405
