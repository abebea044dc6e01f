"""The map on /projekte/: the lead cities of the projects the list's filters leave, counted in
one aggregate query; each point leads to the list narrowed to its city."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from cities.factories import CityPageFactory
from projects.factories import ProjectPageFactory
from solutions.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db
URL = "/projekte/"


def map_links(html):
    """{aria-label: (href, radius)} of the points on the map."""
    if '<svg class="city-map__svg"' not in html:
        return {}
    svg = html.split('<svg class="city-map__svg"')[1].split("</svg>")[0]
    found = re.findall(
        r'<a class="city-map__point" href="([^"]*)" aria-label="([^"]*)">.*?r="([\d.]+)"', svg, re.S
    )
    return {label: (href.replace("&amp;", "&"), float(radius)) for href, label, radius in found}


@pytest.fixture
def placed(guetersloh, koeln):
    for page, lat, lon in ((guetersloh, "51.90693", "8.37853"), (koeln, "50.93753", "6.96028")):
        page.latitude, page.longitude = lat, lon
        page.save_revision().publish()
    return guetersloh, koeln


def test_points_follow_the_filters(client, placed, topic, other_topic):
    guetersloh, koeln = placed
    ProjectPageFactory(parent=guetersloh, title="Termine", topics=[topic], tags=["Termine"])
    ProjectPageFactory(parent=guetersloh, title="Bus", topics=[other_topic])
    ProjectPageFactory(parent=koeln, title="Bürgerkonto", topics=[topic], status="pilot")
    everything = map_links(client.get(URL).content.decode())
    assert set(everything) == {"Gütersloh: 2 Projekte", "Köln: 1 Projekt"}
    assert everything["Gütersloh: 2 Projekte"][1] > everything["Köln: 1 Projekt"][1]

    by_topic = map_links(client.get(URL, {"topic": other_topic.slug}).content.decode())
    assert set(by_topic) == {"Gütersloh: 1 Projekt"}
    by_tag = map_links(client.get(URL, {"tag": "termine"}).content.decode())
    assert set(by_tag) == {"Gütersloh: 1 Projekt"}
    by_status = map_links(client.get(URL, {"status": "pilot"}).content.decode())
    assert set(by_status) == {"Köln: 1 Projekt"}


def test_point_leads_to_the_list_narrowed_to_its_city(client, placed, topic):
    guetersloh, _koeln = placed
    ProjectPageFactory(parent=guetersloh, title="Termine", topics=[topic])
    html = client.get(URL, {"topic": topic.slug, "page": "1"}).content.decode()
    href, _radius = map_links(html)["Gütersloh: 1 Projekt"]
    assert href == f"/projekte/?topic={topic.slug}&city=guetersloh"
    narrowed = client.get(href)
    assert narrowed.status_code == 200 and [p.title for p in narrowed.context["projects"]] == [
        "Termine"
    ]


def test_private_and_draft_cities_and_projects_never_appear(client, placed, topic):
    guetersloh, koeln = placed
    ProjectPageFactory(parent=guetersloh, title="Öffentlich", topics=[topic])
    hidden = ProjectPageFactory(parent=koeln, title="Intern", topics=[topic])
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    ProjectPageFactory(parent=koeln, title="Entwurf", topics=[topic], live=False)
    draft_city = CityPageFactory(title="Entwurfstadt", latitude="51.5", longitude="7.5", live=False)
    ProjectPageFactory(parent=draft_city, title="Unter einem Entwurf", topics=[topic])
    html = client.get(URL).content.decode()
    assert set(map_links(html)) == {"Gütersloh: 1 Projekt"}
    assert "Entwurfstadt" not in html.split('id="map"')[1].split("</details>")[0]


def test_city_without_coordinates_is_listed_but_not_drawn(client, placed, guetersloh):
    nowhere = CityPageFactory(title="Ohneort")
    ProjectPageFactory(parent=nowhere, title="Irgendwo")
    ProjectPageFactory(parent=guetersloh, title="Termine")
    html = client.get(URL).content.decode()
    assert set(map_links(html)) == {"Gütersloh: 1 Projekt"}
    listed = html.split('class="map-cities"')[1].split("</ul>")[0]
    assert "Ohneort</a> (1)" in listed and "keine Koordinaten, nicht auf der Karte" in listed


def test_no_map_when_nothing_matches_or_a_filter_is_wrong(client, placed, guetersloh):
    ProjectPageFactory(parent=guetersloh, title="Termine", status="live")
    assert map_links(client.get(URL, {"status": "pilot"}).content.decode()) == {}
    wrong = client.get(URL, {"topic": "gibt-es-nicht"})
    assert wrong.status_code == 400 and map_links(wrong.content.decode()) == {}


def test_map_counts_in_bounded_queries(client, placed, topic, django_assert_max_num_queries):
    guetersloh, koeln = placed
    for page in (guetersloh, koeln):
        ProjectPageFactory(parent=page, title=f"Termine {page.title}", topics=[topic])
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"topic": topic.slug})
    for n in range(10):
        extra = CityPageFactory(title=f"Stadt {n}", latitude="51.5", longitude=f"7.{n}")
        for m in range(3):
            ProjectPageFactory(
                parent=extra, title=f"Termine {n}-{m}", topics=[topic], tags=["Termine"]
            )
    with django_assert_max_num_queries(len(queries)):
        html = client.get(URL, {"topic": topic.slug}).content.decode()
    assert len(map_links(html)) == 12


def test_map_is_folded_so_results_stay_near_the_top(client, placed, guetersloh):
    ProjectPageFactory(parent=guetersloh, title="Termine")
    html = client.get(URL).content.decode()
    assert '<details class="map-panel" id="map">' in html
    assert html.index('class="map-panel"') < html.index('class="cards"')


def test_list_points_and_api_follow_the_solution_filter(client, placed):
    guetersloh, koeln = placed
    portal = SolutionPageFactory(title="Kranich Terminportal", slug="kranich")
    withdrawn = SolutionPageFactory(title="Eisvogel Fachverfahren", slug="eisvogel")
    ProjectPageFactory(parent=guetersloh, title="Termine online", solutions=[portal])
    ProjectPageFactory(parent=koeln, title="Bürgerkonto", solutions=[withdrawn])
    withdrawn.unpublish()

    response = client.get(URL, {"solution": "kranich"})
    html = response.content.decode()
    assert "Termine online" in html and "Bürgerkonto" not in html
    assert set(map_links(html)) == {"Gütersloh: 1 Projekt"}
    assert "Eisvogel" not in client.get(URL).content.decode()  # not offered as a filter value

    # An unpublished solution is as unknown as one never entered, on the page and in the API.
    assert client.get(URL, {"solution": "eisvogel"}).status_code == 400
    api = client.get("/api/v1/projects/", {"solution": "kranich"}).json()
    assert [record["title"] for record in api["results"]] == ["Termine online"]
    assert client.get("/api/v1/projects/", {"solution": "eisvogel"}).status_code == 400
