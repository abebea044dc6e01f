"""A city page costs the same whatever the number of projects (tests/site/test_bounded_work.py): its
own projects a page at a time, similar cities from one engine request (or one database query)."""

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.factories import CityPageFactory
from projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


def _cards(html):
    own = html.split('id="own-heading"')[1].split("</section>")[0]
    return own.count('<article class="kern-card')


def test_city_page_shows_its_projects_a_page_at_a_time(client, guetersloh):
    for number in range(30):
        ProjectPageFactory(parent=guetersloh, title=f"Projekt {number:02d}")
    first = client.get(guetersloh.url).content.decode()
    assert _cards(first) == 24 and "Projekt 00" in first and "Seite 1 von 2" in first
    second = client.get(guetersloh.url, {"page": 2}).content.decode()
    assert _cards(second) == 6 and "Projekt 29" in second and "Projekt 00" not in second


@pytest.mark.parametrize("page", ["99", "0", "abc"])
def test_city_page_out_of_range_is_404(client, guetersloh, page):
    ProjectPageFactory(parent=guetersloh, title="Einziges Projekt")
    assert client.get(guetersloh.url, {"page": page}).status_code == 404


def test_similar_cities_are_kept_until_something_is_published(client, engine, guetersloh, topic):
    bielefeld = CityPageFactory(title="Bielefeld", region="ostwestfalen-lippe", slug="bielefeld")
    ProjectPageFactory(parent=guetersloh, title="Terminvergabe", topics=[topic], tags=["Termine"])
    ProjectPageFactory(parent=bielefeld, title="Online-Termine", topics=[topic], tags=["Termine"])
    if engine == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def view():
        with CaptureQueriesContext(connection) as queries:
            html = client.get(guetersloh.url).content.decode()
        return len(queries), html.split("Städte mit ähnlichen Vorhaben")[1].split("</ul>")[0]

    computed, similar = view()
    kept, again = view()
    assert kept < computed and again == similar and "Online-Termine" in similar
    witten = CityPageFactory(title="Witten", slug="witten")
    ProjectPageFactory(parent=witten, title="Termine in Witten", topics=[topic], tags=["Termine"])
    if engine == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ">Witten</a>" in view()[1]


def test_similar_cities_from_shared_topics_alone(client, engine, guetersloh, topic):
    bielefeld = CityPageFactory(title="Bielefeld", region="ostwestfalen-lippe", slug="bielefeld")
    ProjectPageFactory(parent=guetersloh, title="Terminvergabe", topics=[topic])
    ProjectPageFactory(parent=bielefeld, title="Online-Termine", topics=[topic])
    if engine == "elasticsearch":
        call_command("search_index", "rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    html = client.get(guetersloh.url).content.decode()
    assert ">Bielefeld</a>" in html.split("Städte mit ähnlichen Vorhaben")[1]
