"""Checks and headers that hold for every address of the site."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

# Wagtail 7.4's admin still writes inline scripts (InlinePanel and date pickers initialise
# themselves from <script> blocks next to their fields) and style attributes (Draftail, the
# page tree), so its pages allow inline script and style. Public pages never do: the admin
# escapes what editors enter, and the relaxation ends at the admin's URL prefix.
ADMIN_RELAXATION = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy from settings.CONTENT_SECURITY_POLICY, relaxed for the admin only."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.update = {**ADMIN_RELAXATION, **(parts.update or {})}
        return parts


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
