from django.db.models.signals import post_save
from django.dispatch import receiver

from core.roles import ensure_city_editor_group

from .models import CityPage


@receiver(post_save, sender=CityPage)
def create_city_editor_group(sender, instance, raw=False, **kwargs):
    """Every city gets its own editor group the moment it exists (and keeps it in sync)."""
    if not raw:
        ensure_city_editor_group(instance)
