from django.db import connection

from core.publication import Event, publication_changed
from core.roles import ensure_city_editor_group, roles_synced

from .models import CityPage


def sync_city_editor_group(sender, change, **kwargs):
    """A city gets its editor group and media collection when it is first published, and they
    follow its published title. Not post_save: that also fires for drafts, which editors save."""
    if change.event is Event.PUBLISHED:
        ensure_city_editor_group(change.page)


def restore_city_editor_groups(sender, **kwargs):
    """Whenever the roles are restored (after every `migrate`), each city's group is too.
    Cities that were never published have no editors yet; their group comes with publishing."""
    # A `migrate` of other apps may run before this app's tables exist.
    if CityPage._meta.db_table not in connection.introspection.table_names():
        return
    for city in CityPage.objects.filter(first_published_at__isnull=False):
        ensure_city_editor_group(city)


publication_changed.connect(
    sync_city_editor_group, sender=CityPage, dispatch_uid="city-editor-group"
)
roles_synced.connect(restore_city_editor_groups, dispatch_uid="city-editor-groups-restored")
