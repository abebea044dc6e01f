"""Response headers that protect every page."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

from django.urls import reverse

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
