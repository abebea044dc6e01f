from django.urls import include, path, re_path

from . import api, views

app_name = "opendata"

urlpatterns = [
    path("daten/", views.index, name="index"),
    path("daten/katalog.jsonld", views.catalogue, name="catalogue"),
    re_path(
        r"^daten/kommunal-digital-(?P<name>[a-z]+)\.(?P<fmt>csv|json)$",
        views.download,
        name="download",
    ),
]

api_urlpatterns = [path("api/v1/", include(api.router.urls))]
