"""Request checks that hold for every address of the site."""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


def reject_null_characters(get_response):
    """No address of this site contains a null character, and no database takes one in a query
    (PostgreSQL refuses it, SQLite's full-text search fails on it): answer 400 before any view or
    page lookup passes one on."""

    def middleware(request):
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                _("The address contains a null character."),
                content_type="text/plain; charset=utf-8",
            )
        return get_response(request)

    return middleware
