from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        # Here, once the models are loaded: connects the receivers.
        from . import signal_handlers  # noqa: F401
