"""Index updates follow Wagtail's publishing signals, not post_save (which drafts also fire)."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published, page_unpublished, post_page_move

from cities.models import CityPage
from events.models import EventPage
from projects.models import ProjectPage, Topic

from .backends.database import VOCABULARY_KEY
from .expansion import forget_synonyms
from .indexing import engine_enabled, enqueue
from .models import IndexTask, SynonymGroup

INDEXED = (ProjectPage, CityPage, EventPage)


@receiver(page_published)
def on_published(sender, instance, **kwargs):
    if isinstance(instance, INDEXED):
        cache.delete(VOCABULARY_KEY)
        # Wagtail indexes on post_save, before a page's many-to-many relations (topics, tags)
        # are written: refresh the database index now that the page is complete.
        insert_or_update_object(instance)
        enqueue(instance)
    if isinstance(instance, CityPage) and engine_enabled():
        # Projects and meetings carry the city's name: renaming a city updates them too.
        for page in ProjectPage.objects.live().filter(lead_city=instance):
            enqueue(page)
        for page in EventPage.objects.live().filter(host_city=instance):
            enqueue(page)


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    if isinstance(instance, INDEXED):
        cache.delete(VOCABULARY_KEY)
        enqueue(instance, IndexTask.Action.DELETE)


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    # URLs of the page and everything below it changed.
    if not engine_enabled():
        return
    for page in Page.objects.descendant_of(instance, inclusive=True).live().specific():
        if isinstance(page, INDEXED):
            enqueue(page)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_restriction_changed(sender, instance, **kwargs):
    """Making pages private (or public again) changes what may be found, like publishing: the
    queue re-checks every live page below, and the index keeps only the public ones."""
    cache.delete(VOCABULARY_KEY)
    top = Page.objects.filter(pk=instance.page_id).first()  # gone when the page was deleted
    if top is None or not engine_enabled():
        return
    for page in Page.objects.descendant_of(top, inclusive=True).live().specific():
        if isinstance(page, INDEXED):
            enqueue(page)


def on_deleted(sender, instance, **kwargs):
    enqueue(instance, IndexTask.Action.DELETE)


for model in INDEXED:
    post_delete.connect(on_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")


@receiver(post_save, sender=Topic)
def on_topic_saved(sender, instance, created, **kwargs):
    if not created and engine_enabled():
        for page in ProjectPage.objects.live().filter(topics=instance):
            enqueue(page)


@receiver(post_save, sender=Tag)
def on_tag_saved(sender, instance, created, **kwargs):
    """A tag renamed in the admin renames it on every project that carries it."""
    if not created and engine_enabled():
        for page in ProjectPage.objects.live().filter(tagged_items__tag=instance):
            enqueue(page)


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def on_synonyms_changed(sender, **kwargs):
    """Synonyms apply to queries: the next search uses the new list, no rebuild needed."""
    forget_synonyms()
