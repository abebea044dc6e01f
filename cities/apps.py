from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import catalogue


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Cities")

    def ready(self):
        # Here, once the models are loaded: connects the receivers, registers the type.
        from . import signal_handlers  # noqa: F401
        from .filters import CityFilter
        from .models import CityIndexPage, CityPage

        catalogue.register(
            catalogue.CatalogueType(
                kind="city",
                label=_("Cities"),
                model=CityPage,
                index_model=CityIndexPage,
                index_title="Städte",
                position=2,
                slug="staedte",
                filterset=CityFilter,
                resource="cities",
            )
        )
