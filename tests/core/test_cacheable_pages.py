"""Public pages are the same for every anonymous visitor, so they carry no cookie and can be
kept by a cache: the language switch is a link, not a form with a CSRF token. They say how long
they may be kept, carry validators and answer a conditional request with 304."""

import datetime as dt
import re
import time
from unittest import mock

import pytest

from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from events.factories import EventPageFactory
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(guetersloh, topic):
    return ProjectPageFactory(
        parent=guetersloh, title="Terminbuchung", topics=[topic], tags=["Terminvergabe"]
    )


@pytest.fixture
def public_urls(project, guetersloh):
    return ["/", project.url, "/projekte/", "/staedte/", "/suche/?q=Terminbuchung", guetersloh.url]


def test_anonymous_public_pages_set_no_cookie(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} sets {list(response.cookies)}"


def _vary(response):
    return [v.strip().lower() for v in response.get("Vary", "").split(",")]


def test_anonymous_public_pages_do_not_vary_on_cookies_but_on_the_language(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert "cookie" not in _vary(response), url
        assert response["Content-Language"] == "de", url


def test_a_page_with_a_form_that_needs_csrf_still_gets_its_token(client):
    response = client.get("/anmelden/")
    assert "csrftoken" in response.cookies
    assert "cookie" in _vary(response)
    assert "public" not in response.get("Cache-Control", "")


def test_anonymous_public_pages_may_be_kept_briefly_by_anyone(client, settings, public_urls):
    """A proxy may keep an address with a query string (search results) too, but asks again
    each time: a purge cannot name it (tests/core/test_page_cache.py)."""
    settings.PAGE_MAX_AGE, settings.PAGE_SHARED_MAX_AGE = 30, 120
    for url in public_urls:
        response = client.get(url)
        parts = {p.strip() for p in response["Cache-Control"].split(",")}
        shared = "s-maxage=0" if "?" in url else "s-maxage=120"
        assert parts == {"public", "max-age=30", shared}, url
        assert response["ETag"].startswith('"') and response["Last-Modified"], url


def test_signed_in_members_get_pages_nobody_else_may_keep(client, member, public_urls):
    client.force_login(member)
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        parts = {p.strip() for p in response["Cache-Control"].split(",")}
        assert {"private", "no-cache", "no-store"} <= parts and "public" not in parts, url
        assert "ETag" not in response, url


def test_conditional_request_for_an_unchanged_page_gets_304(client, project):
    for url in ["/", project.url, "/projekte/"]:
        first = client.get(url)
        again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304 and again.content == b"", url
        assert again["ETag"] == first["ETag"]


def test_publishing_a_change_changes_the_validators(client, project, guetersloh):
    before = client.get("/projekte/")
    ProjectPageFactory(parent=guetersloh, title="Parkraumkataster")
    after = client.get("/projekte/", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200 and "Parkraumkataster" in after.content.decode()
    assert after["ETag"] != before["ETag"]


def test_if_modified_since_is_answered(client, project):
    first = client.get(project.url)
    assert (
        client.get(project.url, headers={"if-modified-since": first["Last-Modified"]}).status_code
        == 304
    )
    long_ago = http_date((timezone.now() - dt.timedelta(days=3)).timestamp())
    assert client.get(project.url, headers={"if-modified-since": long_ago}).status_code == 200


def test_last_modified_is_the_last_public_change(client, project, guetersloh):
    first = client.get("/projekte/")["Last-Modified"]
    assert (
        client.get("/projekte/")["Last-Modified"] == first
    )  # unchanged while nothing is published
    an_hour_later = time.time_ns() + 3600 * 10**9
    with mock.patch("core.public_cache.time.time_ns", return_value=an_hour_later):
        ProjectPageFactory(parent=guetersloh, title="Parkraumkataster")
    changed = client.get("/projekte/", headers={"if-modified-since": first})
    assert changed.status_code == 200 and "Parkraumkataster" in changed.content.decode()
    assert parse_http_date(changed["Last-Modified"]) == an_hour_later // 10**9


def test_private_pages_are_never_marked_public(client, member, project):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=project, restriction_type="login")
    assert client.get(project.url).status_code == 302
    client.force_login(member)
    response = client.get(project.url)
    assert response.status_code == 200 and "public" not in response["Cache-Control"]


def test_feeds_answer_conditional_requests(client, project, guetersloh):
    EventPageFactory(
        title="Arbeitskreis", start=timezone.now() + dt.timedelta(days=9), host_city=guetersloh
    )
    for url in ["/projekte/feed/rss/", "/projekte/feed/atom/", "/termine/feed.ics"]:
        first = client.get(url)
        assert first.status_code == 200, url
        assert "public" in first["Cache-Control"], url
        by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
        by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert by_etag.status_code == by_date.status_code == 304, url


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
