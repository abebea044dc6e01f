"""What is kept from public pages follows the publication stream (`core.publication`); the
proxy purge listens to Wagtail itself, because it needs what each signal alone carries: the
revision published before (a tag taken away), the parent and address before a move."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import frontend_cache
from .public_cache import public_changed
from .publication import publication_changed

publication_changed.connect(public_changed, dispatch_uid="public-cache")

page_published.connect(frontend_cache.page_published, dispatch_uid="frontend-cache-published")
page_unpublished.connect(frontend_cache.page_changed, dispatch_uid="frontend-cache-unpublished")
post_page_move.connect(frontend_cache.page_moved, dispatch_uid="frontend-cache-moved")
post_save.connect(
    frontend_cache.page_changed, sender=PageViewRestriction, dispatch_uid="frontend-cache-private"
)
post_delete.connect(
    frontend_cache.page_changed, sender=PageViewRestriction, dispatch_uid="frontend-cache-public"
)
