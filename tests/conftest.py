import datetime as dt
import itertools

import pytest

from django.contrib.auth import get_user_model

from cities.models import CityIndexPage, CityPage
from core import roles
from projects.models import ProjectPage, Topic

_ags = itertools.count(5100000)
# Personal data the fixtures put on pages: no feed, export or API answer may contain it.
PERSONAL = ("anna@gt.example", "Anna Berger", "05241 1", "video.example", "Dr. Speaker")


def body(response):
    """The bytes of an answer, streamed (the catalogue downloads) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def make_city(title, region="ruhrgebiet", **fields):
    index = CityIndexPage.objects.get()
    city = CityPage(title=title, ags=fields.pop("ags", f"0{next(_ags)}"), region=region, **fields)
    index.add_child(instance=city)
    city.save_revision().publish()
    city.refresh_from_db()
    return city


def make_project(city, title, topics=(), tags=(), live=True, **fields):
    fields.setdefault("teaser", f"Kurzbeschreibung {title}")
    fields.setdefault("challenge", f"<p>Herausforderung {title}</p>")
    project = ProjectPage(title=title, **fields)
    city.add_child(instance=project)
    if topics:
        project.topics.set(topics)
    if tags:
        project.tags.set(list(tags))
    revision = project.save_revision()
    if live:
        revision.publish()
    else:
        ProjectPage.objects.filter(pk=project.pk).update(live=False)
    project.refresh_from_db()
    return project


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache counts API requests per client: every test starts from none."""
    from django.core.cache import cache

    cache.clear()


def make_user(username, *groups, **fields):
    user = get_user_model().objects.create_user(username=username, password="pw-12345!", **fields)
    user.groups.add(*groups)
    return user


@pytest.fixture
def site_tree(transactional_db):
    """Transactional tests start from an emptied database: rebuild what migrations created."""
    from home.site_tree import ensure_site_tree

    return ensure_site_tree()


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Bürgerservice")


@pytest.fixture
def other_topic(db):
    return Topic.objects.create(name="Mobilität")


@pytest.fixture
def guetersloh(db):
    return make_city("Gütersloh", region="ostwestfalen-lippe", ags="05754008", slug="guetersloh")


@pytest.fixture
def koeln(db):
    return make_city("Köln", region="rheinland", ags="05315000", slug="koeln")


@pytest.fixture
def member(db):
    return make_user("mitglied", roles.members_group())


@pytest.fixture
def moderator(db):
    return make_user("moderation", roles.moderators_group())


@pytest.fixture
def guetersloh_editor(guetersloh):
    return make_user("redaktion-gt", guetersloh.editor_group)


@pytest.fixture
def koeln_editor(koeln):
    return make_user("redaktion-k", koeln.editor_group)


def make_event(title, start, hours=2, host=None, **fields):
    from events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    fields.setdefault("status", "registration_open")
    event = EventPage(
        title=title, start=start, end=start + dt.timedelta(hours=hours), host_city=host, **fields
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


@pytest.fixture
def use_engine(settings, osmem_clone):
    """Point the site at a fresh in-memory engine."""
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = osmem_clone.url
    settings.ELASTICSEARCH_PLAIN_JSON = True
    from search.backends.elastic import reset_client

    reset_client()
    yield osmem_clone
    reset_client()


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, settings, caplog):
    """Run a test on both search backends: the same contract holds for each. On the engine,
    a silent fallback to the database would hide engine bugs, so it fails the test."""
    if request.param == "elasticsearch":
        request.getfixturevalue("use_engine")
    else:
        settings.SEARCH_ENGINE = "database"
    yield request.param
    if request.param == "elasticsearch":
        assert "search engine unavailable" not in caplog.text
