"""Where reuse shows: a city's page and `/nachnutzung/`."""

import pytest

from cities.factories import CityPageFactory
from projects.factories import ProjectPageFactory, ProjectReuseFactory
from solutions.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db


def test_city_page_lists_what_it_shares_and_what_it_reuses(client, koeln, guetersloh):
    platform = ProjectPageFactory(parent=koeln, title="Open-Data-Plattform Köln")
    portal = ProjectPageFactory(parent=guetersloh, title="Datenportal Gütersloh")
    chatbot = ProjectPageFactory(parent=guetersloh, title="Chatbot Gütersloh")
    bonn = ProjectPageFactory(parent=CityPageFactory(title="Bonn"), title="Chatbot Bonn")
    ProjectReuseFactory(adopter=portal, origin=platform)
    ProjectReuseFactory(adopter=bonn, origin=chatbot)
    SolutionPageFactory(title="Terminbuchung OWL", origin_city=guetersloh)

    content = client.get(guetersloh.url).content.decode()
    shares = content.split("Teilt mit anderen Städten", 1)[1].split("</ul>", 1)[0]
    reuses = content.split("Nutzt von anderen Städten nach", 1)[1].split("</ul>", 1)[0]

    assert "Chatbot Bonn" in shares
    assert "Open-Data-Plattform Köln" in reuses
    assert "Terminbuchung OWL" in content


def test_requested_reuse_is_not_on_the_public_city_page(client, koeln, guetersloh):
    platform = ProjectPageFactory(parent=koeln, title="Open-Data-Plattform Köln")
    portal = ProjectPageFactory(parent=guetersloh, title="Datenportal Gütersloh")
    ProjectReuseFactory(adopter=portal, origin=platform, confirmed_at=None)

    assert "Open-Data-Plattform Köln" not in client.get(guetersloh.url).content.decode()


def test_reuse_overview_ranks_solutions_by_cities_and_lists_offers(client, koeln, guetersloh):
    bonn = CityPageFactory(title="Bonn")
    widespread = SolutionPageFactory(title="Weit verbreitet")
    rare = SolutionPageFactory(title="Selten genutzt")
    unused = SolutionPageFactory(title="Von niemandem genutzt")
    for city in (koeln, guetersloh, bonn):
        ProjectPageFactory(parent=city, solutions=[widespread])
    ProjectPageFactory(parent=koeln, solutions=[rare])
    platform = ProjectPageFactory(parent=koeln, title="Open-Data-Plattform Köln")
    ProjectReuseFactory(adopter=ProjectPageFactory(parent=guetersloh), origin=platform)
    ProjectPageFactory(parent=bonn, title="Sucht Nachnutzende", seeks_adopters=True)
    ProjectPageFactory(parent=bonn, title="Entwurf sucht auch", seeks_adopters=True, live=False)

    response = client.get("/nachnutzung/")
    content = response.content.decode()

    assert response.status_code == 200
    assert content.index("Weit verbreitet") < content.index("Selten genutzt")
    assert "Von niemandem genutzt" not in content
    assert "Open-Data-Plattform Köln" in content and "einmal nachgenutzt" in content
    assert "Sucht Nachnutzende" in content
    assert "Entwurf sucht auch" not in content
    assert unused.live
