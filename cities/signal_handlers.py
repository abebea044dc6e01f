from wagtail.signals import page_published

from core.roles import ensure_city_editor_group

from .models import CityPage


def sync_city_editor_group(sender, instance, **kwargs):
    """A city gets its editor group and media collection when it is first published, and they
    follow its published title. Not post_save: that also fires for drafts, which editors save."""
    ensure_city_editor_group(instance)


page_published.connect(sync_city_editor_group, sender=CityPage, dispatch_uid="city-editor-group")
