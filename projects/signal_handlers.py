from django.dispatch import receiver

from wagtail.signals import post_page_move

from .models import ProjectPage


@receiver(post_page_move, sender=ProjectPage)
def update_lead_city(sender, instance, parent_page_after, **kwargs):
    """A project moved under another city now belongs to that city.

    The move saves a plain `Page`, so `ProjectPage.save()` does not see it: update here.
    """
    ProjectPage.objects.filter(pk=instance.pk).update(lead_city_id=parent_page_after.pk)
