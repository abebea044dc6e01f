from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from wagtail.signals import page_published, post_page_move

from core import frontend_cache, public_cache

from .models import ProjectPage, ProjectReuse


@receiver(post_page_move, sender=ProjectPage)
def update_lead_city(sender, instance, parent_page_after, **kwargs):
    """A project moved under another city now belongs to that city.

    The move saves a plain `Page`, so `ProjectPage.save()` does not see it: update here.
    """
    ProjectPage.objects.filter(pk=instance.pk).update(lead_city_id=parent_page_after.pk)


@receiver(post_save, sender=ProjectReuse, dispatch_uid="reuse-saved")
@receiver(post_delete, sender=ProjectReuse, dispatch_uid="reuse-deleted")
def reuse_changed(sender, instance, **kwargs):
    """Both projects' pages, their cities' pages, the solutions' and `/nachnutzung/` show
    reuse: what is kept of public pages is out of date (core.public_cache), and a reverse
    proxy forgets those pages (core.frontend_cache)."""
    public_cache.public_changed()
    # By id: when a project is deleted, its relations go with it.
    projects = list(
        ProjectPage.objects.filter(pk__in=[instance.origin_id, instance.adopter_id])
        .select_related("lead_city")
        .prefetch_related("solutions")
    )
    pages = [
        *projects,
        *(project.lead_city for project in projects if project.lead_city),
        *(solution for project in projects for solution in project.solutions.all()),
    ]
    frontend_cache.purge_pages_after_commit(pages, [reverse("reuse_overview")])


@receiver(page_published, sender=ProjectPage)
def confirm_on_publish(sender, instance, **kwargs):
    """Publishing a project confirms it („zuletzt bestätigt“): whoever published looked at it.
    After Wagtail's save, so the revision's older date is overwritten."""
    instance.confirmed_at = instance.last_published_at or timezone.now()
    instance.confirmed_by = None
    ProjectPage.objects.filter(pk=instance.pk).update(
        confirmed_at=instance.confirmed_at, confirmed_by=None
    )
