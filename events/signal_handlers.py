from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.public_cache import public_changed
from core.publication import Event, publication_changed

from .models import EventPage, Registration

# A meeting's page shows everyone how many seats are left: a registration or cancellation
# changes what the public sees (rare next to page views, so the whole public version moves).
post_save.connect(public_changed, sender=Registration, dispatch_uid="public-cache-registration")
post_delete.connect(
    public_changed, sender=Registration, dispatch_uid="public-cache-registration-deleted"
)


@receiver(publication_changed, sender=EventPage, dispatch_uid="event-sequence")
def raise_sequence(sender, change, **kwargs):
    """Every published change raises SEQUENCE so calendar clients replace their copy."""
    if change.event is Event.PUBLISHED:
        EventPage.objects.filter(pk=change.page.pk).update(sequence=F("sequence") + 1)
