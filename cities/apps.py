from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Cities")

    def ready(self):
        # Here, once the models are loaded: connects the receivers.
        from . import signal_handlers  # noqa: F401
