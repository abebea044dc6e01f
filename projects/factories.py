import factory

from django.utils import timezone

from cities.factories import CityPageFactory
from core.factories import PublishedPageFactory

from .models import ProjectPage, ProjectReuse, Topic
from .reuse import ReuseStatus, ReuseWay


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Thema {n}")


class ProjectPageFactory(PublishedPageFactory):
    """A project led by `parent` (a city):
    `ProjectPageFactory(parent=guetersloh, title="Terminbuchung", topics=[topic], tags=["OZG"])`."""

    class Meta:
        model = ProjectPage

    parent = factory.SubFactory(CityPageFactory)
    title = factory.Sequence(lambda n: f"Projekt {n}")
    teaser = factory.LazyAttribute(lambda page: f"Kurzbeschreibung {page.title}")
    challenge = factory.LazyAttribute(lambda page: f"<p>Herausforderung {page.title}</p>")

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(list(extracted))

    @factory.post_generation
    def solutions(self, create, extracted, **kwargs):
        if create and extracted:
            self.solutions.set(extracted)


class ProjectReuseFactory(factory.django.DjangoModelFactory):
    """`adopter` „nutzt nach“ `origin`, confirmed unless `confirmed_at=None`."""

    class Meta:
        model = ProjectReuse

    origin = factory.SubFactory(ProjectPageFactory)
    adopter = factory.SubFactory(ProjectPageFactory)
    way = ReuseWay.TENANT
    status = ReuseStatus.IN_OPERATION
    confirmed_at = factory.LazyFunction(timezone.now)
