"""The API's addresses (`/api/v1/`), on their own: the site's URLconf includes them, and the
OpenAPI schema is made from exactly these."""

from django.urls import include, path

from . import api

urlpatterns = [path("api/v1/", include(api.router.urls))]
