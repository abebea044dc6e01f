"""The generator of the API's OpenAPI schema (drf-spectacular's DEFAULT_GENERATOR_CLASS); how
the views, serializers and filters describe themselves is in `schema.py`. Apart from it because
the API's URLconf, which this module reads, builds the views, whose schema is `schema.py`'s."""

from drf_spectacular import generators

from . import urls_api


class SchemaGenerator(generators.SchemaGenerator):
    """The schema of the public API alone. Unless given a URLconf (`manage.py spectacular
    --urlconf`), it reads the API's addresses – not the whole site's, where Wagtail's admin API
    (no public interface, and not describable without a signed-in request) would make the
    deploy check (`check --deploy`) and `manage.py spectacular` warn."""

    def __init__(self, *args, urlconf=None, patterns=None, **kwargs):
        if urlconf is None and patterns is None:
            patterns = urls_api.urlpatterns
        super().__init__(*args, urlconf=urlconf, patterns=patterns, **kwargs)
