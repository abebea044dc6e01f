"""Feeds, sitemap, robots.txt, JSON-LD and Open Graph: machine-readable, no personal data."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from django.utils import timezone

from wagtail.models import PageViewRestriction

from core.public_cache import public_changed
from core.seo import PublicPagesSitemap
from events.factories import EventPageFactory
from projects.factories import ProjectPageFactory
from tests.helpers import PERSONAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(guetersloh, koeln, topic):
    from cities.models import CityOfficer

    CityOfficer.objects.create(
        page=guetersloh, name="Anna Berger", email="anna@gt.example", phone="05241 1"
    )
    return {
        "termine": ProjectPageFactory(
            parent=guetersloh,
            title="Terminbuchung",
            topics=[topic],
            tags=["Terminvergabe"],
            contact_name="Anna Berger",
            contact_email="anna@gt.example",
            contact_phone="05241 1",
        ),
        "opendata": ProjectPageFactory(
            parent=koeln, title="Open-Data-Plattform", tags=["Open Data"]
        ),
        "meeting": EventPageFactory(
            title="Arbeitskreis in Köln",
            start=timezone.now() + dt.timedelta(days=9),
            host_city=koeln,
            format="hybrid",
            venue_name="Rathaus",
            online_url="https://video.example/geheim",
        ),
    }


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_of_all_new_projects_parses(client, site, kind):
    response = client.get(f"/projekte/feed/{kind}/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Open-Data-Plattform", "Terminbuchung"]
    assert feed.entries[1].link.endswith(site["termine"].url)


@pytest.mark.parametrize(
    ("path", "titles"),
    [
        ("thema/buergerservice", ["Terminbuchung"]),
        ("schlagwort/open-data", ["Open-Data-Plattform"]),
        ("stadt/koeln", ["Open-Data-Plattform"]),
    ],
)
def test_feeds_per_topic_tag_and_city(client, site, path, titles):
    feed = feedparser.parse(client.get(f"/projekte/feed/{path}/rss/").content)
    assert [entry.title for entry in feed.entries] == titles


@pytest.mark.parametrize("path", ["stadt/atlantis", "thema/nichts", "farbe/blau"])
def test_unknown_feed_is_404(client, site, path):
    assert client.get(f"/projekte/feed/{path}/rss/").status_code == 404


@pytest.mark.parametrize("where", ["draft", "private"])
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_of_a_tag_only_on_drafts_or_private_projects_is_404(client, site, koeln, where, kind):
    from wagtail.models import PageViewRestriction

    project = ProjectPageFactory(
        parent=koeln, title="Vertraulich", tags=["Geheimsache"], live=where != "draft"
    )
    if where == "private":
        PageViewRestriction.objects.create(
            page=project, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    response = client.get(f"/projekte/feed/schlagwort/geheimsache/{kind}/")
    assert response.status_code == 404
    assert "Geheimsache" not in response.content.decode()


@pytest.mark.parametrize("kind", ["schlagwort", "thema", "stadt"])
def test_a_null_character_in_a_feed_address_is_a_400(client, site, kind):
    assert client.get(f"/projekte/feed/{kind}/a%00b/rss/").status_code == 400


def test_no_personal_data_in_feeds_or_sitemap(client, site):
    urls = ("/projekte/feed/rss/", "/projekte/feed/atom/", "/sitemap-1.xml", "/termine/feed.ics")
    for url in urls:
        body = client.get(url).content.decode()
        for secret in PERSONAL:
            assert secret not in body, (url, secret)


SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _xml(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own output


def _sitemap_locations(client):
    """Every address of the sitemap: the index, then each part it names."""
    index = _xml(client.get("/sitemap.xml"))
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP)]
    return [
        loc.text
        for part in parts
        for loc in _xml(client.get(part.removeprefix("http://testserver"))).findall(
            "s:url/s:loc", SITEMAP
        )
    ]


def test_sitemap_is_xml_and_lists_public_pages(client, site):
    locations = _sitemap_locations(client)
    assert any(loc.endswith(site["termine"].url) for loc in locations)
    assert any(loc.endswith(site["meeting"].url) for loc in locations)


def test_sitemap_comes_in_parts_of_a_fixed_size(client, site, monkeypatch):
    """However large the catalogue, no answer of the sitemap grows with it."""
    everything = _sitemap_locations(client)
    monkeypatch.setattr(PublicPagesSitemap, "limit", 3)
    public_changed()
    index = _xml(client.get("/sitemap.xml"))
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP)]
    assert parts[:2] == ["http://testserver/sitemap-1.xml", "http://testserver/sitemap-2.xml"]
    assert len(parts) == -(-len(everything) // 3)
    assert sorted(_sitemap_locations(client)) == sorted(everything)
    assert len(_xml(client.get("/sitemap-1.xml")).findall("s:url", SITEMAP)) == 3
    assert client.get(f"/sitemap-{len(parts) + 1}.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404


def test_sitemap_is_built_once_and_follows_publishing(
    client, site, guetersloh, django_assert_max_num_queries
):
    before = _sitemap_locations(client)
    with django_assert_max_num_queries(2):  # the cached sitemap: no walk through the tree
        client.get("/sitemap.xml")
        client.get("/sitemap-1.xml")
    new = ProjectPageFactory(parent=guetersloh, title="Neu in der Sitemap")
    assert any(loc.endswith(new.url) for loc in _sitemap_locations(client))
    PageViewRestriction.objects.create(page=new, restriction_type="login")
    assert sorted(_sitemap_locations(client)) == sorted(before)


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def jsonld(html):
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_project_page_has_json_ld_and_open_graph(client, site):
    html = client.get(site["termine"].url).content.decode()
    data = jsonld(html)
    assert data["@type"] == "CreativeWork" and data["name"] == "Terminbuchung"
    assert data["creator"]["name"] == "Stadt Gütersloh"
    assert data["license"].endswith("/by/4.0/")
    assert not any(secret in json.dumps(data, ensure_ascii=False) for secret in PERSONAL)
    assert '<meta property="og:title" content="Terminbuchung">' in html
    assert '<meta property="og:type" content="article">' in html


def test_meeting_page_has_event_json_ld_without_the_members_link(client, site):
    data = jsonld(client.get(site["meeting"].url).content.decode())
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"].endswith("MixedEventAttendanceMode")
    assert dt.datetime.fromisoformat(data["startDate"]) == site["meeting"].start
    assert "video.example" not in json.dumps(data)


def test_json_ld_cannot_break_out_of_its_script(client, guetersloh):
    project = ProjectPageFactory(
        parent=guetersloh,
        title="</script><script>alert(1)</script>",
        challenge="<p>Herausforderung</p>",
    )
    html = client.get(project.url).content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld(html)["name"] == "</script><script>alert(1)</script>"
