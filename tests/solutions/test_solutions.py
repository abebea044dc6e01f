"""Solutions: their pages, the publiccode.yml the admin reads, and who may propose them."""

import re
import socket
from xml.etree import ElementTree

import pytest

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cities.factories import CityPageFactory
from projects.factories import ProjectPageFactory
from solutions import publiccode
from solutions.factories import SolutionPageFactory
from solutions.models import LicenceKind, SolutionIndexPage, SolutionPage

pytestmark = pytest.mark.django_db

PUBLICCODE = """
publiccodeYmlVersion: "0.4"
name: Open-Data-Plattform Köln
url: https://github.com/stadt-koeln/opendata
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: internal
description:
  de:
    shortDescription: Offene Daten der Stadt, mit Schnittstelle und Katalog.
"""


def solution_form(**fields):
    data = {
        "title": "",
        "slug": "",
        "kind": "software",
        "description": "",
        "provider": "",
        "origin_city": "",
        "website": "",
        "licence_kind": "proprietary",
        "licence": "",
        "repository_url": "",
        "maintenance": "",
        "publiccode_url": "",
        "publiccode_text": "",
        "comments": inline_formset([]),
    }
    return nested_form_data({**data, **fields})


def add_url():
    return f"/admin/pages/add/solutions/solutionpage/{SolutionIndexPage.objects.get().pk}/"


def test_solution_index_lists_published_solutions_with_their_project_count(client, koeln):
    platform = SolutionPageFactory(title="Open-Data-Plattform", origin_city=koeln)
    SolutionPageFactory(title="Entwurf einer Lösung", live=False)
    ProjectPageFactory(parent=koeln, title="Offene Daten Köln", solutions=[platform])

    response = client.get("/loesungen/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Open-Data-Plattform" in content
    assert "Entwurf einer Lösung" not in content


def test_solution_page_lists_cities_and_projects_by_status_and_hides_drafts(
    client, koeln, guetersloh
):
    platform = SolutionPageFactory(title="Open-Data-Plattform", origin_city=koeln)
    ProjectPageFactory(parent=koeln, title="Offene Daten Köln", status="live", solutions=[platform])
    ProjectPageFactory(
        parent=guetersloh, title="Datenportal Gütersloh", status="pilot", solutions=[platform]
    )
    ProjectPageFactory(
        parent=guetersloh, title="Geheimer Entwurf", live=False, solutions=[platform]
    )

    content = client.get(platform.url).content.decode()

    assert "Offene Daten Köln" in content and "Datenportal Gütersloh" in content
    assert "Geheimer Entwurf" not in content
    # Grouped by status: the heading of each group before its project.
    assert content.index("Pilot") < content.index("Datenportal Gütersloh")
    assert content.index("Im Betrieb") < content.index("Offene Daten Köln")


def test_spread_graph_is_an_svg_with_a_text_alternative(client, koeln, guetersloh):
    platform = SolutionPageFactory(title="Open-Data-Plattform", origin_city=koeln)
    ProjectPageFactory(parent=guetersloh, title="Datenportal Gütersloh", solutions=[platform])

    content = client.get(platform.url).content.decode()

    assert "<svg" in content and 'role="img"' in content
    assert 'aria-labelledby="spread-title spread-caption"' in content
    assert "Von Köln zu 1 weiteren Städten: Gütersloh." in content
    assert "<script" not in content.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_spread_graph_draws_at_numbers_not_german_decimals(client, koeln, guetersloh):
    # The German site writes 180.0 as „180,0“, which no browser can place: the graph showed
    # nothing but a quarter of a circle.
    muenster = CityPageFactory(title="Münster")
    platform = SolutionPageFactory(title="Open-Data-Plattform", origin_city=koeln)
    for city in (guetersloh, muenster):
        ProjectPageFactory(parent=city, title=f"Daten {city.title}", solutions=[platform])

    content = client.get(platform.url).content.decode()

    markup = content[content.index("<svg") : content.index("</svg>") + 6]
    svg = ElementTree.fromstring(markup)  # noqa: S314 - our own output
    drawn = [
        element.get(name)
        for element in svg.iter()
        for name in ("cx", "cy", "x", "y", "x1", "y1", "x2", "y2", "width", "height")
        if element.get(name) is not None
    ]
    assert len(drawn) > 10
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in drawn), drawn


def test_project_page_names_the_solutions_it_uses(client, koeln):
    platform = SolutionPageFactory(title="Open-Data-Plattform")
    hidden = SolutionPageFactory(title="Unveröffentlichte Lösung")
    project = ProjectPageFactory(parent=koeln, solutions=[platform, hidden])
    hidden.unpublish()

    content = client.get(project.url).content.decode()

    assert "Open-Data-Plattform" in content
    assert "Unveröffentlichte Lösung" not in content


def test_publiccode_parse_reads_the_facts():
    facts = publiccode.parse(PUBLICCODE)

    assert facts.name == "Open-Data-Plattform Köln"
    assert facts.licence == "AGPL-3.0-or-later"
    assert facts.repository_url == "https://github.com/stadt-koeln/opendata"
    assert facts.maintenance == "internal"
    assert facts.description.startswith("Offene Daten der Stadt")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: [unclosed", "kein gültiges YAML"),
        ("- a list\n- not a mapping", "beschreibt keine Software"),
        ("description: no name", "hat keinen Namen"),
        ("!!python/object/apply:os.system ['true']", "kein gültiges YAML"),
        ("name: x\n" + "#" * (publiccode.MAX_BYTES + 1), "größer als 256 KB"),
    ],
)
def test_publiccode_parse_refuses_broken_files(text, message):
    with pytest.raises(publiccode.PublicCodeError, match=message):
        publiccode.parse(text)


def test_moderator_fills_a_solution_from_a_pasted_publiccode(client, moderator):
    client.force_login(moderator)

    response = client.post(add_url(), solution_form(publiccode_text=PUBLICCODE))

    assert response.status_code == 302
    solution = SolutionPage.objects.get()
    assert solution.title == "Open-Data-Plattform Köln"
    assert solution.licence == "AGPL-3.0-or-later"
    assert solution.licence_kind == LicenceKind.OPEN_SOURCE
    assert solution.repository_url == "https://github.com/stadt-koeln/opendata"


def test_publiccode_from_its_address_is_read_through_the_fetcher(client, moderator, monkeypatch):
    asked = []
    monkeypatch.setattr(publiccode, "fetch_text", lambda url: asked.append(url) or PUBLICCODE)
    client.force_login(moderator)

    response = client.post(
        add_url(),
        solution_form(publiccode_url="https://example.org/publiccode.yml", read_publiccode="on"),
    )

    assert response.status_code == 302
    assert asked == ["https://example.org/publiccode.yml"]
    assert SolutionPage.objects.get().maintenance == "internal"


def test_broken_publiccode_is_a_form_error_and_nothing_is_saved(client, moderator):
    client.force_login(moderator)

    response = client.post(
        add_url(), solution_form(title="Plattform", publiccode_text="name: [unclosed")
    )

    assert response.status_code == 200
    assert "kein gültiges YAML" in response.content.decode()
    assert not SolutionPage.objects.exists()


def test_unreachable_publiccode_address_is_a_form_error(client, moderator, monkeypatch):
    def fail(url):
        raise publiccode.PublicCodeError("Die publiccode.yml konnte nicht geladen werden: 404")

    monkeypatch.setattr(publiccode, "fetch_text", fail)
    client.force_login(moderator)

    response = client.post(
        add_url(),
        solution_form(
            title="Plattform",
            publiccode_url="https://example.org/publiccode.yml",
            read_publiccode="on",
        ),
    )

    assert response.status_code == 200
    assert "konnte nicht geladen werden" in response.content.decode()
    assert not SolutionPage.objects.exists()


def test_city_editor_proposes_a_solution_as_a_draft_for_moderation(client, guetersloh_editor):
    client.force_login(guetersloh_editor)

    response = client.post(
        add_url(),
        solution_form(title="Terminbuchung", slug="terminbuchung", **{"action-submit": "Submit"}),
    )

    assert response.status_code == 302
    solution = SolutionPage.objects.get()
    assert not solution.live
    assert solution.current_workflow_state is not None


def test_city_editor_cannot_publish_or_edit_others_solutions(client, guetersloh_editor):
    other = SolutionPageFactory(title="Open-Data-Plattform")
    client.force_login(guetersloh_editor)

    response = client.post(
        add_url(),
        solution_form(title="Terminbuchung", slug="terminbuchung", **{"action-publish": "Publish"}),
    )
    edit = client.get(f"/admin/pages/{other.pk}/edit/")

    assert not SolutionPage.objects.filter(title="Terminbuchung", live=True).exists()
    assert response.status_code in (302, 403)
    assert edit.status_code in (302, 403)
    assert Page.objects.get(pk=other.pk).live


def test_member_without_a_city_cannot_propose_solutions(client, member):
    client.force_login(member)

    response = client.post(add_url(), solution_form(title="Terminbuchung", slug="terminbuchung"))

    assert response.status_code in (302, 403)
    assert not SolutionPage.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/publiccode.yml",  # not https
        "https://127.0.0.1/publiccode.yml",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.5/publiccode.yml",
        "https://localhost:9200/publiccode.yml",
        "file:///etc/passwd",
    ],
)
def test_the_server_never_fetches_from_its_own_network(url):
    with pytest.raises(publiccode.PublicCodeError):
        publiccode.fetch_text(url)


def test_the_checked_address_is_the_one_connected_to(monkeypatch):
    """DNS rebinding: a name that resolves to a public address for the check and to the
    server's own network a moment later still reaches only the checked address."""
    answers = iter(["93.184.215.14", "127.0.0.1"])
    connected = []

    def resolve(host, port, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    def connect(address, *args, **kwargs):
        connected.append(address)
        raise ConnectionRefusedError  # nothing goes online in a test

    monkeypatch.setattr(publiccode.socket, "getaddrinfo", resolve)
    monkeypatch.setattr(publiccode.socket, "create_connection", connect)
    with pytest.raises(publiccode.PublicCodeError, match="konnte nicht geladen werden"):
        publiccode.fetch_text("https://rebind.example/publiccode.yml")
    assert connected == [("93.184.215.14", 443)]
