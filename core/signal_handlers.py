"""What is kept from public pages and what a proxy is told to forget follow the publication
stream (`core.publication`)."""

from . import frontend_cache
from .public_cache import public_changed
from .publication import publication_changed

publication_changed.connect(public_changed, dispatch_uid="public-cache")
publication_changed.connect(frontend_cache.publication_changed, dispatch_uid="frontend-cache")
