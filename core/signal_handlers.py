"""What is kept from public pages follows the publication stream (`core.publication`)."""

from .frontend_cache import page_changed
from .public_cache import public_changed
from .publication import Event, publication_changed

publication_changed.connect(public_changed, dispatch_uid="public-cache")

# Wagtail's frontend cache app purges a page itself when it is published or unpublished; its
# lists and the site-wide addresses go with it, also on moves and view restrictions.
PURGED = (Event.PUBLISHED, Event.UNPUBLISHED, Event.MOVED, Event.RESTRICTION_CHANGED)


def purge_frontend_cache(sender, change, **kwargs):
    if change.event in PURGED:
        page_changed(instance=change.page)


publication_changed.connect(purge_frontend_cache, dispatch_uid="frontend-cache")
