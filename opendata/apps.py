from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        # Here, once the models are loaded: connects the receivers and attaches each catalogue
        # type's record (the types are registered by the apps listed before this one).
        from . import signal_handlers  # noqa: F401
        from .serializers import attach_serializers

        attach_serializers()
