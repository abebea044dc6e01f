import factory

from core.factories import PublishedPageFactory

from .models import SolutionIndexPage, SolutionPage


class SolutionPageFactory(PublishedPageFactory):
    """A solution under `/loesungen/`: `SolutionPageFactory(title="Open-Data-Plattform",
    origin_city=koeln)`."""

    class Meta:
        model = SolutionPage

    parent = factory.LazyFunction(SolutionIndexPage.objects.get)
    title = factory.Sequence(lambda n: f"Lösung {n}")
    description = factory.LazyAttribute(lambda page: f"Beschreibung {page.title}")
