from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Kommunal Digital")

    def ready(self):
        # Here, once the models are loaded: these modules use them.
        from . import (
            publication,
            signal_handlers,  # noqa: F401 - connects the receivers
        )
        from .roles import sync_roles_after_migrate
        from .spreadsheet_cells import quote_wagtail_exports

        # Last in INSTALLED_APPS: the apps above have registered their catalogue types.
        publication.connect()
        # Roles are data: every migrate creates missing groups and restores their permissions.
        post_migrate.connect(sync_roles_after_migrate, sender=self)
        quote_wagtail_exports()
