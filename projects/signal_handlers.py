from django.db.models.signals import post_save
from django.dispatch import receiver

from taggit.models import Tag
from wagtail.signals import post_page_move

from core.public_cache import public_changed

from .models import ProjectPage, Topic

# Renamed topics and tags are shown in counts and lists cached from public pages.
post_save.connect(public_changed, sender=Topic, dispatch_uid="public-cache-topic")
post_save.connect(public_changed, sender=Tag, dispatch_uid="public-cache-tag")


@receiver(post_page_move, sender=ProjectPage)
def update_lead_city(sender, instance, parent_page_after, **kwargs):
    """A project moved under another city now belongs to that city.

    The move saves a plain `Page`, so `ProjectPage.save()` does not see it: update here.
    """
    ProjectPage.objects.filter(pk=instance.pk).update(lead_city_id=parent_page_after.pk)
