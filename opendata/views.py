"""`/daten/`: the licence, the downloads, the API's documentation and the DCAT catalogue."""

import itertools
import json
from datetime import UTC, datetime

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition, require_safe

from core import public_cache
from projects import spreadsheet

from . import api, dcat, filters, serializers
from .licence import ATTRIBUTION, ATTRIBUTION_HELP, LICENCE_NAME, LICENCE_URL

# Records read from the database, and lines sent, at a time by a download.
DOWNLOAD_CHUNK = 500
# download name -> (label, serializer, queryset): the same records as the API.
DOWNLOADS = {
    "projekte": (_("Projects"), serializers.ProjectSerializer, api.published_projects),
    "staedte": (_("Cities"), serializers.CitySerializer, api.published_cities),
    "termine": (_("Meetings"), serializers.EventSerializer, api.published_events),
}
API_ROUTES = [
    ("projects", "api-project-list", serializers.ProjectSerializer, filters.ProjectFilter),
    ("cities", "api-city-list", serializers.CitySerializer, filters.CityFilter),
    ("events", "api-event-list", serializers.EventSerializer, filters.EventFilter),
    ("topics", "api-topic-list", serializers.TopicSerializer, None),
    ("removed", "api-removed-list", serializers.RemovalSerializer, filters.RemovalFilter),
]


@require_safe
def index(request):
    resources = [
        {
            "name": name,
            "url": reverse(route),
            "fields": [
                (field_name, field.help_text)
                for field_name, field in serializer_class().fields.items()
            ],
            "filters": [(n, f.label) for n, f in filterset.base_filters.items()]
            if filterset
            else [],
        }
        for name, route, serializer_class, filterset in API_ROUTES
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "resources": resources,
            "downloads": [(name, entry[0]) for name, entry in DOWNLOADS.items()],
            "licence_url": LICENCE_URL,
            "licence_name": LICENCE_NAME,
            "attribution": ATTRIBUTION,
            "attribution_help": ATTRIBUTION_HELP,
            "columns": [(c, spreadsheet.column_description(c)) for c in spreadsheet.COLUMNS],
        },
    )


def _download_etag(request, name, fmt):
    # Weak: the bytes differ in `generated_at`, the records only with the public version.
    if name in DOWNLOADS:
        return f'W/"{public_cache.version()}-{name}-{fmt}"'
    return None


def _download_last_modified(request, name, fmt):
    if name in DOWNLOADS:
        return datetime.fromtimestamp(public_cache.version() / 1e9, tz=UTC)
    return None


@require_safe
@condition(etag_func=_download_etag, last_modified_func=_download_last_modified)
def download(request, name, fmt):
    """The whole catalogue as one file, streamed: DOWNLOAD_CHUNK records are read, written and
    sent at a time, so memory does not grow with the catalogue and the first bytes leave at
    once. Its validators follow the public version: unchanged data is answered with 304."""
    if name not in DOWNLOADS or fmt not in ("csv", "json"):
        raise Http404
    _label, serializer_class, queryset = DOWNLOADS[name]
    records = queryset()
    filename = f"kommunal-digital-{name}.{fmt}"
    if fmt == "json":
        chunks = _json_chunks(request, serializer_class, records)
        content_type = "application/json"
    else:
        if name == "projekte":
            # The spreadsheet format: a download can be imported again.
            base = request.build_absolute_uri("/").rstrip("/")
            rows = (spreadsheet.export_row(p, base) for p in _each(records))
            fieldnames = spreadsheet.COLUMN_NAMES
        else:
            fieldnames = list(serializer_class().fields)
            rows = (
                {key: _flat(value) for key, value in record.items()}
                for record in _serialized(request, serializer_class, records)
            )
        # The byte order mark makes spreadsheet programs read umlauts as UTF-8.
        chunks = itertools.chain(["\ufeff"], spreadsheet.iter_csv(rows, fieldnames))
        content_type = "text/csv"
    response = StreamingHttpResponse(
        (piece.encode() for piece in _joined(chunks)),
        content_type=f"{content_type}; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


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
