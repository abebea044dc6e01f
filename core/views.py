from django.conf import settings
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
