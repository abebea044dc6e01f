import factory

from core.factories import PublishedPageFactory

from .models import CityIndexPage, CityPage


class CityPageFactory(PublishedPageFactory):
    """A member city under `/staedte/`: `CityPageFactory(title="Gütersloh", slug="guetersloh")`."""

    class Meta:
        model = CityPage

    parent = factory.LazyFunction(CityIndexPage.objects.get)
    title = factory.Sequence(lambda n: f"Stadt {n}")
    # Official municipality keys of NRW start with 05; these are made up and unique.
    ags = factory.Sequence(lambda n: f"0{5100000 + n}")
    region = "ruhrgebiet"
