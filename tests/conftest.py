"""Fixtures shared by the tests. Test data comes from each app's factories
(`cities.factories`, `projects.factories`, `events.factories`, `core.factories`)."""

import pytest

from cities.factories import CityPageFactory
from core import roles
from core.factories import UserFactory
from projects.factories import TopicFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache counts API requests per client: every test starts from none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def site_tree(transactional_db):
    """Transactional tests start from an emptied database: rebuild what migrations created."""
    from home.site_tree import ensure_site_tree

    return ensure_site_tree()


@pytest.fixture
def topic(db):
    return TopicFactory(name="Bürgerservice")


@pytest.fixture
def other_topic(db):
    return TopicFactory(name="Mobilität")


@pytest.fixture
def guetersloh(db):
    return CityPageFactory(
        title="Gütersloh", region="ostwestfalen-lippe", ags="05754008", slug="guetersloh"
    )


@pytest.fixture
def koeln(db):
    return CityPageFactory(title="Köln", region="rheinland", ags="05315000", slug="koeln")


@pytest.fixture
def member(db):
    return UserFactory(username="mitglied", groups=[roles.members_group()])


@pytest.fixture
def moderator(db):
    return UserFactory(username="moderation", groups=[roles.moderators_group()])


@pytest.fixture
def guetersloh_editor(guetersloh):
    return UserFactory(username="redaktion-gt", groups=[guetersloh.editor_group])


@pytest.fixture
def koeln_editor(koeln):
    return UserFactory(username="redaktion-k", groups=[koeln.editor_group])


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
