"""Keep incremental harvesting (`changed_since`) true, following the publication stream
(`core.publication`): unpublishing or deleting a page of the catalogue leaves a Removal,
publishing it again takes the Removal back; a privacy setting (members only, password) or an
unpublished page above them removes the pages below it, and lifting it brings them back, as
does a move out of such a section. A move otherwise changes no record's presence: the stream
marks the pages changed (`last_published_at`), which `changed_since` reports."""

from django.dispatch import receiver

from core.publication import Event, publication_changed

from .models import Removal


@receiver(publication_changed, dispatch_uid="opendata-removals")
def keep_removals_true(sender, change, **kwargs):
    page, catalogue_type = change.page, change.catalogue_type
    if catalogue_type and _removed(change):
        Removal.record(catalogue_type.kind, page.pk)
    elif catalogue_type and change.event is Event.PUBLISHED:
        Removal.forget(catalogue_type.kind, page.pk)
    if change.event is not Event.RENAMED:
        # A section made private or public, unpublished or published again, or moved into
        # or out of one: the pages below come and go with it.
        for reached_type, pages in change.pages_reached():
            # Pages may still be hidden through another section higher up.
            public = set(pages.public().values_list("pk", flat=True))
            private = set(pages.values_list("pk", flat=True)) - public
            Removal.forget(reached_type.kind, *public)
            Removal.record(reached_type.kind, *private)


def _removed(change):
    """Whether the change takes `page` out of the public's copies."""
    page = change.page
    if change.event is Event.PUBLISHED:
        # Published in a section the public cannot see, it is not in anybody's copy either.
        return not change.catalogue_type.pages().filter(pk=page.pk).exists()
    if change.event is Event.DELETED:
        # A draft that was never published was never in anybody's copy.
        return bool(page.live or page.first_published_at)
    return change.event is Event.UNPUBLISHED
