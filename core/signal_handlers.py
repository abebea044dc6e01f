"""What the public sees changes with Wagtail's publishing signals (not post_save: drafts fire it
too), with page deletions and with view restrictions."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import frontend_cache
from .public_cache import public_changed

page_published.connect(public_changed, dispatch_uid="public-cache-published")
page_unpublished.connect(public_changed, dispatch_uid="public-cache-unpublished")
post_page_move.connect(public_changed, dispatch_uid="public-cache-moved")
post_delete.connect(public_changed, sender=Page, dispatch_uid="public-cache-deleted")
post_save.connect(public_changed, sender=PageViewRestriction, dispatch_uid="public-cache-private")
post_delete.connect(public_changed, sender=PageViewRestriction, dispatch_uid="public-cache-public")

page_published.connect(frontend_cache.page_published, dispatch_uid="frontend-cache-published")
page_unpublished.connect(frontend_cache.page_changed, dispatch_uid="frontend-cache-unpublished")
post_page_move.connect(frontend_cache.page_moved, dispatch_uid="frontend-cache-moved")
post_save.connect(
    frontend_cache.page_changed, sender=PageViewRestriction, dispatch_uid="frontend-cache-private"
)
post_delete.connect(
    frontend_cache.page_changed, sender=PageViewRestriction, dispatch_uid="frontend-cache-public"
)
