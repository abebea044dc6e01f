"""The index follows the publication stream (`core.publication`), not post_save, which drafts
also fire; synonyms apply to queries and are simply read again."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.search.index import insert_or_update_object

from core.publication import Event, publication_changed

from .backends.database import VOCABULARY_KEY
from .documents import documents
from .expansion import forget_synonyms
from .indexing import engine_enabled, enqueue
from .models import IndexTask, SynonymGroup


@receiver(publication_changed, dispatch_uid="search-index")
def keep_index_true(sender, change, **kwargs):
    """Only live, public pages are found: every change of what the public sees is queued for
    the engine, which re-reads each page when the queue is applied and keeps it only if it is
    still live and public (a page made private is dropped, one public again comes back)."""
    # The words the database search corrects towards come from public pages.
    cache.delete(VOCABULARY_KEY)
    page, searched = change.page, change.catalogue_type
    if change.event in (Event.UNPUBLISHED, Event.DELETED):
        if searched:
            enqueue(page, IndexTask.Action.DELETE)
        return
    if change.event is Event.PUBLISHED and searched:
        # Wagtail indexes on post_save, before a page's many-to-many relations (topics, tags)
        # are written: refresh the database index now that the page is complete.
        insert_or_update_object(page)
        enqueue(page)
    if not engine_enabled():
        return
    if change.event is Event.PUBLISHED:
        # Pages showing something of this one (a city's name on its projects and meetings).
        for document in documents():
            for other in document.pages_showing(page):
                enqueue(other)
    for _type, pages in change.pages_reached():
        for other in pages:
            enqueue(other)


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def on_synonyms_changed(sender, **kwargs):
    """Synonyms apply to queries: the next search uses the new list, no rebuild needed."""
    forget_synonyms()
