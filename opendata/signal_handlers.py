"""Keep incremental harvesting (`changed_since`) true: unpublishing or deleting a page of the
catalogue leaves a Removal, publishing it again takes the Removal back, moving it marks it
changed; a privacy setting (members only, password) removes the pages below it and lifting
it brings them back. Wagtail's publishing signals, not post_save: drafts change nothing public."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import catalogue

from .models import Removal

# Imported from the app's ready(): the catalogue's types are registered by then.
KINDS = {catalogue_type.model: catalogue_type.kind for catalogue_type in catalogue.types()}


def _kind(page):
    return next((kind for model, kind in KINDS.items() if isinstance(page, model)), None)


@receiver(page_published)
def on_published(sender, instance, **kwargs):
    if kind := _kind(instance):
        Removal.forget(kind, instance.pk)


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    if kind := _kind(instance):
        Removal.record(kind, instance.pk)


@receiver(post_page_move)
def on_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    """A move changes the address of every page below (and a project's city) without
    publishing anything: mark them changed, or `changed_since` would never report it."""
    if url_path_before == url_path_after:
        return
    Page.objects.descendant_of(instance, inclusive=True).live().type(*KINDS).update(
        last_published_at=timezone.now()
    )


def on_deleted(sender, instance, **kwargs):
    # A draft that was never published was never in anybody's copy.
    if instance.live or instance.first_published_at:
        Removal.record(KINDS[sender], instance.pk)


for model in KINDS:
    post_delete.connect(on_deleted, sender=model, dispatch_uid=f"opendata-delete-{model.__name__}")


def _catalogue_below(page):
    """Each catalogue model with its live pages at or below `page`."""
    for model, kind in KINDS.items():
        yield model, kind, model.objects.descendant_of(page, inclusive=True).live()


@receiver(post_save, sender=PageViewRestriction)
def on_restricted(sender, instance, **kwargs):
    for _model, kind, pages in _catalogue_below(instance.page):
        Removal.record(kind, *pages.values_list("pk", flat=True))


@receiver(post_delete, sender=PageViewRestriction)
def on_restriction_lifted(sender, instance, **kwargs):
    now = timezone.now()
    for model, kind, pages in _catalogue_below(instance.page):
        # Pages may still be private through another restriction higher up.
        public = list(pages.public().values_list("pk", flat=True))
        Removal.forget(kind, *public)
        model.objects.filter(pk__in=public).update(last_published_at=now)
