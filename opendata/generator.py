"""The API's OpenAPI schema as a whole: its generator (drf-spectacular's DEFAULT_GENERATOR_CLASS)
and the reading of it for the documentation page. How the views, serializers and filters
describe themselves is in `schema.py`, apart from this module because the API's URLconf, which
this module reads, builds the views, whose schema is `schema.py`'s."""

from drf_spectacular import generators

from . import urls_api


class SchemaGenerator(generators.SchemaGenerator):
    """The schema of the public API alone. Unless given a URLconf (`manage.py spectacular
    --urlconf`), it reads the API's addresses – not the whole site's, where Wagtail's admin API
    (no public interface, and not describable without a signed-in request) would make the
    deploy check (`check --deploy`) and `manage.py spectacular` warn."""

    def __init__(self, *args, urlconf=None, patterns=None, **kwargs):
        if urlconf is None and patterns is None:
            patterns = urls_api.urlpatterns
        super().__init__(*args, urlconf=urlconf, patterns=patterns, **kwargs)


def api_schema():
    """The schema as a dictionary, as SchemaView serves it (without a request: relative URLs)."""
    return SchemaGenerator().get_schema(request=None, public=True)


def _resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rpartition("/")[2]]
    return node


def _record_fields(schema, operation):
    """(name, description) of the fields of the records an operation answers with."""
    body = _resolve(schema, operation["responses"]["200"]["content"]["application/json"]["schema"])
    if body.get("type") == "array":
        body = _resolve(schema, body["items"])
    page = body.get("properties", {})
    if "count" in page and page.get("results", {}).get("type") == "array":  # a page of a list
        body = _resolve(schema, page["results"]["items"])
    return [(name, field.get("description", "")) for name, field in body["properties"].items()]


def endpoints(schema):
    """The API's endpoints as the documentation page lists them, read from the schema: path,
    what it holds, its query parameters and the fields of its records."""
    listed = []
    for path, operations in schema["paths"].items():
        operation = operations["get"]
        # A single record (`/api/v1/projects/{id}/`) has the fields of its list's records.
        list_path = path.rpartition("{")[0] if "{" in path else None
        listed.append(
            {
                "path": path,
                "record_of": list_path,
                "anchor": operation["operationId"],
                "description": operation.get("description", ""),
                "parameters": [
                    (p["name"], p.get("in"), p.get("description", ""))
                    for p in operation.get("parameters", [])
                ],
                "fields": [] if list_path else _record_fields(schema, operation),
            }
        )
    return listed
