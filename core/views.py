import math

from django.conf import settings
from django.shortcuts import render
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
