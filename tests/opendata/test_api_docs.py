"""`/daten/` for everyone, `/daten/api/` for developers: the OpenAPI schema made from the API's
views (valid, complete, described by the fields' and filters' own help texts), its Swagger UI
from the site's own static files, and the short page without the endpoint reference."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from drf_spectacular.validation import validate_schema

from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.utils import translation

from opendata import api, serializers
from opendata.filters import RemovalFilter, harvest_filterset
from projects.factories import ProjectPageFactory
from projects.filters import ProjectFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/daten/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_schema_generates_without_warnings_and_validates(tmp_path):
    # --fail-on-warn: a field or filter whose type or description drf-spectacular has to guess
    # fails here, not only in a reader's tool.
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        f"--file={tmp_path / 'schema.yaml'}",
    )
    assert "/api/v1/projects/" in (tmp_path / "schema.yaml").read_text()


def test_served_schema_is_valid_openapi(schema):
    validate_schema(schema)
    assert schema["info"]["title"] == "Kommunal Digital – Open-Data-API"


def test_schema_is_a_download_in_yaml_and_json(client):
    response = client.get("/daten/api/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")
    assert 'filename="kommunal-digital-api.yaml"' in response["Content-Disposition"]
    assert client.get("/daten/api/schema/?format=json").json()["openapi"].startswith("3.")


def test_schema_documents_every_endpoint_of_the_api(schema):
    for prefix, _viewset, _basename in api.router.registry:
        assert f"/api/v1/{prefix}/" in schema["paths"], prefix
        assert schema["paths"][f"/api/v1/{prefix}/"]["get"]["description"], prefix
    # Nothing but the API: not the schema itself, not Wagtail's admin API.
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


def test_schema_documents_every_filter_with_its_help_text(schema):
    for prefix, viewset, _basename in api.router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        if filterset is None or not viewset.filter_backends:
            continue
        parameters = {
            p["name"]: p.get("description", "")
            for p in schema["paths"][f"/api/v1/{prefix}/"]["get"]["parameters"]
        }
        for name in filterset.base_filters:
            assert parameters.get(name), f"{prefix}: filter {name} undocumented"


def test_every_field_of_every_record_is_described(schema):
    for name, component in schema["components"]["schemas"].items():
        if name.startswith("Paginated"):
            continue
        for field, definition in component["properties"].items():
            assert definition.get("description"), f"{name}.{field} has no description"


def test_descriptions_are_the_help_texts_in_the_visitors_language(client, schema):
    project = schema["components"]["schemas"]["Project"]["properties"]
    fields = serializers.ProjectSerializer().fields
    with translation.override("de"):
        assert project["reuse_mode"]["description"] == str(fields["reuse_mode"].help_text)
        assert project["reuse_mode"]["description"].endswith("oder leer.")
        city = schema["paths"]["/api/v1/projects/"]["get"]["parameters"]
        described = {p["name"]: p["description"] for p in city}
        assert described["city"] == str(ProjectFilter.help_texts["city"])
        assert described["changed_since"] == str(
            harvest_filterset(next(iter(api.router.registry))[1].catalogue_type)
            .base_filters["changed_since"]
            .label
        )
        removed = schema["paths"]["/api/v1/removed/"]["get"]["parameters"]
        assert {p["name"]: p["description"] for p in removed}["type"] == str(
            RemovalFilter.base_filters["type"].label
        )
    # override: the request's language would otherwise stay active for the tests after it.
    with translation.override("en"):
        english = client.get("/daten/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (
        english["components"]["schemas"]["Project"]["properties"]["reuse_mode"]["description"]
        == "open_source, tenant, concept, not_reusable or empty."
    )


def test_the_short_page_offers_the_data_and_leads_developers_on(client):
    html = client.get("/daten/").content.decode()
    assert "Lizenz" in html and "kommunal-digital-projekte.csv" in html
    assert 'href="/daten/api/"' in html
    # The endpoint reference, paging and harvesting are on the API documentation page.
    for developer_detail in ("/api/v1/", "changed_since", "page_size", "<code>external_id</code>"):
        assert developer_detail not in html, developer_detail


def test_api_documentation_lists_endpoints_parameters_and_links_the_schema(client):
    html = client.get("/daten/api/").content.decode()
    for path in ("/api/v1/projects/", "/api/v1/cities/", "/api/v1/events/", "/api/v1/removed/"):
        assert f"<code>GET {path}</code>" in html
    assert "<code>changed_since</code>" in html and "page_size" in html
    assert "Projekte, die sie leitet oder an denen sie beteiligt ist" in html  # a filter's text
    assert 'href="/daten/api/schema/"' in html and 'href="/daten/api/schema/?format=json"' in html
    assert 'href="/daten/api/interaktiv/"' in html
    assert "/daten/katalog.jsonld" in html  # DCAT moved here
    assert "429" in html


class References(HTMLParser):
    """Every address an HTML page makes the browser load (scripts, styles, images, frames)."""

    def __init__(self):
        super().__init__()
        self.loaded = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source") and attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.loaded.append(attrs["href"])


def test_interactive_docs_load_only_the_sites_own_files(client):
    html = client.get("/daten/api/interaktiv/").content.decode()
    parser = References()
    parser.feed(html)
    assert any("swagger-ui-bundle.js" in url for url in parser.loaded)
    for url in parser.loaded:
        assert url.startswith("/") and not url.startswith("//"), url
        path = url.removeprefix("/static/")
        assert finders.find(path), f"{url} is not among the site's static files"
    assert "<script>" not in html  # the site's policy forbids inline script
    # Swagger UI asks validator.swagger.io for a badge unless told not to.
    init = Path(finders.find("js/api-docs.js")).read_text()
    assert "validatorUrl: null" in init
    css = Path(finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css")).read_text()
    assert not re.search(r"url\((?!['\"]?data:)", css), "the stylesheet loads a file"


def test_interactive_docs_without_javascript_link_the_schema_in_german(client):
    html = client.get("/daten/api/interaktiv/").content.decode()
    assert 'href="/daten/api/schema/"' in html and 'href="/daten/api/"' in html
    assert "<noscript>" in html and "braucht JavaScript" in html


@pytest.mark.parametrize(
    "url", ["/daten/", "/daten/api/", "/daten/api/interaktiv/", "/daten/api/schema/"]
)
def test_open_to_anyone_without_an_account(client, url, django_assert_max_num_queries):
    # The footer's links, read once per public version; no record of the catalogue.
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200


@pytest.fixture
def catalogue_draft(guetersloh):
    draft = ProjectPageFactory(parent=guetersloh, title="Geheimer Entwurf Zwölf")
    draft.unpublish()
    return draft


def test_schema_names_no_record(client, catalogue_draft):
    """The schema describes the API; it never carries data, drafts least of all."""
    assert catalogue_draft.title.encode() not in client.get("/daten/api/schema/").content
    assert catalogue_draft.title.encode() not in client.get("/daten/api/").content


def test_unknown_format_of_the_schema_is_refused(client):
    assert client.get("/daten/api/schema/?format=xml").status_code == 404
