"""`/daten/`: the licence, the downloads, the API's documentation and the DCAT catalogue."""

import json

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from projects import spreadsheet

from . import api, dcat, filters, serializers
from .licence import ATTRIBUTION, ATTRIBUTION_HELP, LICENCE_NAME, LICENCE_URL

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


@require_safe
def download(request, name, fmt):
    if name not in DOWNLOADS or fmt not in ("csv", "json"):
        raise Http404
    _label, serializer_class, queryset = DOWNLOADS[name]
    records = queryset()
    filename = f"kommunal-digital-{name}.{fmt}"
    if fmt == "json":
        data = serializer_class(records, many=True, context={"request": request}).data
        response = JsonResponse(
            {
                "license": LICENCE_URL,
                "attribution": ATTRIBUTION,
                "generated_at": timezone.now().isoformat(timespec="seconds"),
                "count": len(data),
                "results": data,
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    elif name == "projekte":
        # The spreadsheet format: a download can be imported again.
        base = request.build_absolute_uri("/").rstrip("/")
        rows = [spreadsheet.export_row(p, base) for p in records]
        response = spreadsheet.csv_attachment(rows, filename)
    else:
        serializer = serializer_class(records, many=True, context={"request": request})
        rows = [{key: _flat(value) for key, value in record.items()} for record in serializer.data]
        response = spreadsheet.csv_attachment(rows, filename, list(serializer_class().fields))
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


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
