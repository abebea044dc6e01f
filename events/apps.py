from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import catalogue


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Meetings")

    def ready(self):
        # Here, once the models are loaded: connects the receivers, registers the type.
        from . import signal_handlers  # noqa: F401
        from .filters import EventFilter
        from .models import EventIndexPage, EventPage

        catalogue.register(
            catalogue.CatalogueType(
                kind="event",
                label=_("Meetings"),
                model=EventPage,
                index_model=EventIndexPage,
                index_title="Termine",
                position=3,
                slug="termine",
                filterset=EventFilter,
                resource="events",
            )
        )
