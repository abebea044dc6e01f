"""`/daten/`: what is offered, the licence and the downloads, for everyone; `/daten/api/`: the
API's documentation for developers, its OpenAPI schema and Swagger UI; the DCAT catalogue."""

import itertools
import json
from datetime import UTC, datetime

from drf_spectacular.views import SpectacularAPIView

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from core import public_cache
from core.catalogue import types as catalogue_types
from core.rate_limit import parse_rate
from core.release import release
from projects.spreadsheet import columns, export

from . import api, dcat, files, generator
from .licence import ATTRIBUTION, ATTRIBUTION_HELP, LICENCE_NAME, LICENCE_URL

# Records read from the database, and lines sent, at a time by a download.
DOWNLOAD_CHUNK = 500


def downloads():
    """Download name (kommunal-digital-<name>.csv) → catalogue type: the API's records."""
    return {catalogue_type.slug: catalogue_type for catalogue_type in catalogue_types()}


@require_safe
def index(request):
    """The short page for everyone: what is offered, under which licence, and the downloads."""
    return render(
        request,
        "opendata/index.html",
        {
            "downloads": [(name, t.label) for name, t in downloads().items()],
            "licence_url": LICENCE_URL,
            "licence_name": LICENCE_NAME,
            "attribution": ATTRIBUTION,
            "attribution_help": ATTRIBUTION_HELP,
        },
    )


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema of `/api/v1/` (YAML, or JSON with `?format=json`), made from its views
    in the language of the request."""

    def _get_filename(self, request, version):
        renderer, _media_type = self.perform_content_negotiation(request, force=True)
        return f"kommunal-digital-api.{renderer.format}"


@require_safe
def api_docs(request):
    """The API's documentation for developers: how to page, harvest and keep a copy up to date,
    and every endpoint with its parameters and fields, read from the OpenAPI schema."""
    return render(
        request,
        "opendata/api_docs.html",
        {
            "endpoints": generator.endpoints(generator.api_schema()),
            "rate_limit": dict(
                zip(("requests", "seconds"), parse_rate(settings.API_RATE_LIMIT), strict=True)
            ),
            "licence_url": LICENCE_URL,
            "licence_name": LICENCE_NAME,
            "columns": [(c, columns.column_description(c)) for c in columns.COLUMNS],
        },
    )


@require_safe
def interactive_docs(request):
    """Swagger UI on the schema, from the site's own static files (drf-spectacular-sidecar)."""
    return render(request, "opendata/interactive_docs.html")


def _download_etag(request, name, fmt):
    # Weak: the bytes differ in `generated_at`, the records only with the public version – or
    # with a release that writes them differently.
    if name in downloads():
        return f'W/"{release()}-{public_cache.version()}-{name}-{fmt}"'
    return None


def _download_last_modified(request, name, fmt):
    if name in downloads():
        return datetime.fromtimestamp(public_cache.version() / 1e9, tz=UTC)
    return None


@require_safe
@condition(etag_func=_download_etag, last_modified_func=_download_last_modified)
def download(request, name, fmt):
    """The whole catalogue as one file, streamed: DOWNLOAD_CHUNK records are read, written and
    sent at a time, so memory does not grow with the catalogue and the first bytes leave at
    once; kept on disk for the next requests of the public version (`files`). Its validators
    follow the public version: unchanged data is answered with 304."""
    catalogue_type = downloads().get(name)
    if catalogue_type is None or fmt not in ("csv", "json"):
        raise Http404
    filename = f"kommunal-digital-{name}.{fmt}"
    content_type = {"json": "application/json", "csv": "text/csv"}[fmt]
    response = files.response(
        request,
        filename,
        f"{content_type}; charset=utf-8",
        lambda: _joined(_pieces(request, catalogue_type, fmt)),
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


def _pieces(request, catalogue_type, fmt):
    serializer_class = catalogue_type.serializer
    records = api.published(catalogue_type)
    if fmt == "json":
        return _json_chunks(request, serializer_class, records)
    if catalogue_type.kind == "project":
        # The spreadsheet format: a download can be imported again.
        base = request.build_absolute_uri("/").rstrip("/")
        rows = (export.export_row(p, base) for p in _each(records))
        fieldnames = columns.COLUMN_NAMES
    else:
        fieldnames = list(serializer_class().fields)
        rows = (
            {key: _flat(value) for key, value in record.items()}
            for record in _serialized(request, serializer_class, records)
        )
    # The byte order mark makes spreadsheet programs read umlauts as UTF-8.
    return itertools.chain(["\ufeff"], export.iter_csv(rows, fieldnames))


def _each(records):
    return records.iterator(chunk_size=DOWNLOAD_CHUNK)


def _serialized(request, serializer_class, records):
    # One serializer for every record: a serializer builds its fields anew for each instance
    # it is made for, which took three quarters of a download's time.
    serializer = serializer_class(context={"request": request})
    for record in _each(records):
        yield serializer.to_representation(record)


def _json_chunks(request, serializer_class, records):
    def dump(value):
        return json.dumps(value, ensure_ascii=False, indent=1)

    yield (
        f'{{\n "license": {dump(LICENCE_URL)},\n "attribution": {dump(ATTRIBUTION)},\n'
        f' "generated_at": {dump(timezone.now().isoformat(timespec="seconds"))},\n'
        f' "count": {records.count()},\n "results": ['
    )
    separator = "\n"
    for record in _serialized(request, serializer_class, records):
        yield separator + dump(record)
        separator = ",\n"
    yield "\n ]\n}\n"


def _joined(pieces, size=DOWNLOAD_CHUNK):
    """Send a few hundred lines at a time, not one network write per line – but the first piece
    (the byte order mark, the JSON head) at once: the download starts before any record is read."""
    pieces = iter(pieces)
    yield next(pieces, "")
    batch = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= size:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def _flat(value):
    if isinstance(value, dict):
        return value.get("slug") or json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "; ".join(
            item.get("title", "") if isinstance(item, dict) and "title" in item else _flat(item)
            for item in value
        )
    return "" if value is None else value


@require_safe
def catalogue(request):
    response = JsonResponse(
        dcat.catalogue(request), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response
