from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolutionsConfig(AppConfig):
    name = "solutions"
    verbose_name = _("Solutions")

    def ready(self):
        # Here, once the models are loaded: connects the receivers.
        from . import signal_handlers  # noqa: F401
