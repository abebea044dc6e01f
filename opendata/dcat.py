"""DCAT-AP.de catalogue metadata (JSON-LD), so that open-data portals can harvest the catalogue.

One catalogue with a dataset per catalogue type (projects, cities, meetings; `core.catalogue`),
each distributed as CSV, JSON and through the API, described by its record's serializer.
Vocabularies: DCAT 2, DCAT-AP.de 2 (licences, political geocoding) and the EU publications
office's authority tables (file types, data themes, frequencies, language).
"""

from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone

from core.catalogue import types as catalogue_types
from projects.models import Topic

from . import api
from .licence import ATTRIBUTION, LICENCE_DCAT_URI, PUBLISHER

EU = "http://publications.europa.eu/resource/authority"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FORMATS = {
    "csv": ("CSV", "text/csv"),
    "json": ("JSON", "application/json"),
}


def _ref(uri):
    return {"@id": uri}


def _date(value):
    moment = value or timezone.now()
    return {"@value": moment.isoformat(timespec="seconds"), "@type": "xsd:dateTime"}


def _download_urls(url):
    return {"dcat:accessURL": _ref(url), "dcat:downloadURL": _ref(url)}


def _de(text):
    return {"@value": text, "@language": "de"}


def catalogue(request):
    base = request.build_absolute_uri("/").rstrip("/")
    page = base + reverse("opendata:index")
    publisher = {"@id": f"{base}/#arbeitskreis", "@type": "foaf:Agent", "foaf:name": PUBLISHER}
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": PUBLISHER,
        "vcard:hasURL": _ref(page),
    }
    keywords = [_de(name) for name in Topic.objects.order_by("name").values_list("name", flat=True)]
    datasets, newest = [], None
    for catalogue_type in catalogue_types():
        key, route = catalogue_type.slug, f"api-{catalogue_type.kind}-list"
        title = catalogue_type.serializer.dataset_title
        description = catalogue_type.serializer.dataset_description
        dates = api.published(catalogue_type).aggregate(
            first=Min("first_published_at"), last=Max("last_published_at")
        )
        modified = dates["last"]
        newest = max(filter(None, [newest, modified]), default=None)
        distributions = [
            {
                **_download_urls(base + reverse("opendata:download", args=[key, fmt])),
                "@id": f"{page}#{key}-{fmt}",
                "@type": "dcat:Distribution",
                "dct:title": _de(f"{title} ({label})"),
                "dct:format": _ref(f"{EU}/file-type/{label}"),
                "dcat:mediaType": _ref(f"https://www.iana.org/assignments/media-types/{media}"),
                "dct:license": _ref(LICENCE_DCAT_URI),
                "dcatde:licenseAttributionByText": _de(ATTRIBUTION),
                "dct:modified": _date(modified),
            }
            for fmt, (label, media) in FORMATS.items()
        ]
        distributions.append(
            {
                "@id": f"{page}#{key}-api",
                "@type": "dcat:Distribution",
                "dct:title": _de(f"{title} (JSON-API)"),
                "dct:description": _de(
                    "Lesende JSON-Schnittstelle mit Filtern und Seitenweise-Abruf; "
                    "Beschreibung der Felder auf der Seite „Offene Daten“."
                ),
                "dct:format": _ref(f"{EU}/file-type/JSON"),
                "dcat:accessURL": _ref(base + reverse(route)),
                "dct:conformsTo": _ref(page),
                "dct:license": _ref(LICENCE_DCAT_URI),
                "dcatde:licenseAttributionByText": _de(ATTRIBUTION),
            }
        )
        datasets.append(
            {
                "@id": f"{page}#{key}",
                "@type": "dcat:Dataset",
                "dct:identifier": f"{page}#{key}",
                "dct:title": _de(title),
                "dct:description": _de(description),
                "dcat:keyword": keywords
                if catalogue_type.kind == "project"
                else [_de("Digitalisierung")],
                "dcat:theme": [_ref(f"{EU}/data-theme/GOVE")],
                "dct:publisher": _ref(publisher["@id"]),
                "dcat:contactPoint": contact,
                "dct:language": _ref(f"{EU}/language/DEU"),
                "dct:accrualPeriodicity": _ref(f"{EU}/frequency/UPDATE_CONT"),
                "dct:issued": _date(dates["first"]),
                "dct:modified": _date(modified),
                "dcat:landingPage": _ref(page),
                "dcatde:politicalGeocodingLevelURI": _ref(
                    "http://dcat-ap.de/def/politicalGeocoding/Level/state"
                ),
                "dcatde:politicalGeocodingURI": _ref(
                    "http://dcat-ap.de/def/politicalGeocoding/stateKey/05"
                ),
                "dcat:distribution": distributions,
            }
        )
    return {
        "@context": CONTEXT,
        "@graph": [
            publisher,
            {
                "@id": base + reverse("opendata:catalogue"),
                "@type": "dcat:Catalog",
                "dct:title": _de("Kommunal Digital – offene Daten"),
                "dct:description": _de(
                    "Projekte, Mitgliedsstädte und Sitzungen des Arbeitskreises Digitalisierung "
                    "des Städtetags NRW."
                ),
                "dct:publisher": _ref(publisher["@id"]),
                "dct:language": _ref(f"{EU}/language/DEU"),
                "dct:license": _ref(LICENCE_DCAT_URI),
                "foaf:homepage": _ref(base + "/"),
                "dcat:themeTaxonomy": _ref(f"{EU}/data-theme"),
                "dct:modified": _date(newest),
                "dcat:dataset": [_ref(d["@id"]) for d in datasets],
            },
            *datasets,
        ],
    }
