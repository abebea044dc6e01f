import datetime as dt

import factory

from core.factories import PublishedPageFactory

from .models import EventIndexPage, EventPage


class EventPageFactory(PublishedPageFactory):
    """A meeting under `/termine/`, open for registration:
    `EventPageFactory(title="Arbeitskreis", start=when, hours=3, host_city=guetersloh)`."""

    class Meta:
        model = EventPage

    class Params:
        hours = 2

    parent = factory.LazyFunction(EventIndexPage.objects.get)
    title = factory.Sequence(lambda n: f"Treffen {n}")
    start = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=14))
    end = factory.LazyAttribute(lambda page: page.start + dt.timedelta(hours=page.hours))
    status = "registration_open"
