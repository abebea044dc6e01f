"""The index follows the publication stream (`core.publication`), not post_save, which drafts
also fire; synonyms apply to queries and are simply read again."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.search.backends import get_search_backends
from wagtail.search.index import insert_or_update_object

from core.publication import Event, publication_changed

from .backends.database import VOCABULARY_KEY
from .documents import documents
from .expansion import forget_synonyms
from .indexing import enqueue
from .models import IndexTask, SynonymGroup

REFRESH_CHUNK = 200


@receiver(publication_changed, dispatch_uid="search-index")
def keep_index_true(sender, change, **kwargs):
    """Only live, public pages are found: every change of what the public sees is queued for
    the engine, which re-reads each page when the queue is applied and keeps it only if it is
    still live and public (a page made private is dropped, one public again comes back)."""
    # The words the database search corrects towards come from public pages.
    cache.delete(VOCABULARY_KEY)
    page, searched = change.page, change.catalogue_type
    if change.event in (Event.UNPUBLISHED, Event.DELETED) and searched:
        enqueue(page, IndexTask.Action.DELETE)
    elif change.event is Event.PUBLISHED and searched:
        # Wagtail indexes on post_save, before a page's many-to-many relations (topics, tags)
        # are written: refresh the database index now that the page is complete.
        insert_or_update_object(page)
        enqueue(page)
    if change.event in (Event.PUBLISHED, Event.UNPUBLISHED):
        # Pages that show this one's name (a city's on its projects, a solution's on the
        # projects that use it) are found by that name: a new name or a page withdrawn from
        # the public must not be found through them. The database index keeps the names in
        # each page's keywords, so it is refreshed when the name the public sees changed; the
        # engine's documents are queued whenever the page is published (they carry more).
        refresh_database = None  # asked once, and only if some page shows this one
        for document in documents():
            for other in document.pages_showing(page):
                if refresh_database is None:
                    refresh_database = change.event is Event.UNPUBLISHED or _title_changed(change)
                if refresh_database:
                    insert_or_update_object(other)
                enqueue(other)
    for catalogue_type, pages in change.pages_reached():
        if change.event is Event.RENAMED:
            _refresh_database_index(catalogue_type, pages)
        for other in pages:
            enqueue(other)


def _refresh_database_index(catalogue_type, pages):
    """The database index keeps the names of a page's labels in its keywords (e.g.
    `ProjectPage.keywords`): the pages that carry a renamed label are written anew, a chunk at
    a time with their labels read in one query each, so that the new name finds them and the
    old one no longer does."""
    model = catalogue_type.model
    pages = pages.order_by("pk").prefetch_related(*catalogue_type.labels.values())
    for backend in get_search_backends(with_auto_update=True):
        for start in range(0, pages.count(), REFRESH_CHUNK):
            backend.add_bulk(model, list(pages[start : start + REFRESH_CHUNK]))


def _title_changed(change):
    previous = change.previous_version()
    return previous is None or previous.title != change.page.title


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def on_synonyms_changed(sender, **kwargs):
    """Synonyms apply to queries: the next search uses the new list, no rebuild needed."""
    forget_synonyms()
