from django.urls import path, re_path

from . import urls_api, views

app_name = "opendata"

urlpatterns = [
    path("daten/", views.index, name="index"),
    path("daten/api/", views.api_docs, name="api_docs"),
    path("daten/api/schema/", views.SchemaView.as_view(), name="schema"),
    path("daten/api/interaktiv/", views.interactive_docs, name="interactive_docs"),
    path("daten/katalog.jsonld", views.catalogue, name="catalogue"),
    re_path(
        r"^daten/kommunal-digital-(?P<name>[a-z]+)\.(?P<fmt>csv|json)$",
        views.download,
        name="download",
    ),
]

api_urlpatterns = urls_api.urlpatterns
