from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from core.public_cache import public_changed

from .models import EventPage, Registration

# A meeting's page shows everyone how many seats are left: a registration or cancellation
# changes what the public sees (rare next to page views, so the whole public version moves).
post_save.connect(public_changed, sender=Registration, dispatch_uid="public-cache-registration")
post_delete.connect(
    public_changed, sender=Registration, dispatch_uid="public-cache-registration-deleted"
)


@receiver(page_published, sender=EventPage)
def raise_sequence(sender, instance, **kwargs):
    """Every published change raises SEQUENCE so calendar clients replace their copy."""
    EventPage.objects.filter(pk=instance.pk).update(sequence=F("sequence") + 1)
