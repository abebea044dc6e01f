from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Here, once the models are loaded: connects the receivers and attaches each catalogue
        # type's search document (the types are registered by the apps listed before this one).
        from . import signal_handlers  # noqa: F401
        from .documents import attach_documents

        attach_documents()
