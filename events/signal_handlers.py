from django.db.models import F
from django.dispatch import receiver

from wagtail.signals import page_published

from .models import EventPage


@receiver(page_published, sender=EventPage)
def raise_sequence(sender, instance, **kwargs):
    """Every published change raises SEQUENCE so calendar clients replace their copy."""
    EventPage.objects.filter(pk=instance.pk).update(sequence=F("sequence") + 1)
