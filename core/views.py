import math

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
def image_file(request, path):
    """Uploaded images and their renditions, for sites without a web server in front (the
    development server, small installations). The URL pattern admits only the image folders
    and plain file names, so neither documents nor anything outside them can be reached."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a sign-in while the user name is locked out from this address
    (on the site's and the admin's sign-in alike)."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    response = render(request, "core/lockout.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


@never_cache
@require_safe
def switch_language(request, code):
    """`/sprache/<code>/?next=…`: a plain link sets the language cookie and leads back. A link
    and not Django's set_language form, whose CSRF token would put a cookie and `Vary: Cookie`
    on every page and so keep every page out of any cache. The choice changes nothing but what
    this visitor reads, so a GET may make it; `next` is followed only within this site."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
