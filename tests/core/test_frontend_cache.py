"""A reverse proxy in front of the site is told to forget every address that shows a page when
the page is published, unpublished, moved, deleted or made private: the page, its lists, home,
the feeds of its topics, tags and cities, the pages of its partner cities – after the commit,
each address once. (Search results and other addresses with a query string are not named: see
tests/core/test_page_cache.py, s-maxage=0.)"""

import datetime as dt

import pytest

from django.test import override_settings
from django.utils import timezone

from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageViewRestriction

from events.factories import EventPageFactory
from projects.factories import ProjectPageFactory, ProjectReuseFactory
from projects.models import ProjectPartner
from solutions.factories import SolutionPageFactory

pytestmark = pytest.mark.django_db

PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


PROXY = {"proxy": {"BACKEND": "tests.core.test_frontend_cache.RecordingBackend"}}


@pytest.fixture
def purged_by(django_capture_on_commit_callbacks):
    """The URL paths purged by `action()` once its transaction commits."""

    def run(action):
        PURGED.clear()
        with (
            override_settings(WAGTAILFRONTENDCACHE=PROXY),
            django_capture_on_commit_callbacks(execute=True),
        ):
            action()
        return _paths(PURGED)

    return run


def _paths(purged):
    return {url.removeprefix("http://localhost") for url in purged}


def _feeds(kind, slug):
    return {f"/projekte/feed/{kind}/{slug}/rss/", f"/projekte/feed/{kind}/{slug}/atom/"}


@pytest.fixture
def project(guetersloh, koeln, topic):
    return ProjectPageFactory(
        parent=guetersloh,
        title="Terminbuchung",
        topics=[topic],
        tags=["Terminvergabe"],
        partners=[ProjectPartner(city=koeln)],
    )


def test_a_publish_purges_the_page_its_lists_home_and_feeds(
    purged_by, project, guetersloh, koeln, topic
):
    def publish():
        project.teaser = "Termine online buchen"
        project.save_revision().publish()

    paths = purged_by(publish)
    assert {project.url, guetersloh.url, "/staedte/", "/"} <= paths
    assert {"/projekte/feed/rss/", "/sitemap.xml", "/daten/kommunal-digital-projekte.csv"} <= paths
    assert koeln.url in paths  # a partner city lists the project on its page
    for kind, slug in [("thema", topic.slug), ("schlagwort", "terminvergabe")]:
        assert _feeds(kind, slug) <= paths, kind
    for city in (guetersloh, koeln):
        assert _feeds("stadt", city.slug) <= paths, city


def test_purges_wait_for_the_commit(django_capture_on_commit_callbacks, project):
    """A proxy that asked the site before the commit would keep the old lists."""
    PURGED.clear()
    with override_settings(WAGTAILFRONTENDCACHE=PROXY):
        with django_capture_on_commit_callbacks() as callbacks:
            project.save_revision().publish()
        assert "/projekte/feed/rss/" not in _paths(PURGED)
        for callback in callbacks:
            callback()
    assert "/projekte/feed/rss/" in _paths(PURGED)


def test_a_tag_taken_away_purges_its_feed_too(purged_by, project):
    def retag():
        project.tags.set(["Online-Termine"])
        project.save_revision().publish()

    paths = purged_by(retag)
    assert _feeds("schlagwort", "online-termine") <= paths
    assert _feeds("schlagwort", "terminvergabe") <= paths


def test_unpublishing_and_making_private_purge_where_the_page_was_shown(purged_by, project, topic):
    expected = {project.url, "/", "/sitemap.xml"} | _feeds("thema", topic.slug)
    assert expected <= purged_by(project.unpublish)
    project.save_revision().publish()
    paths = purged_by(
        lambda: PageViewRestriction.objects.create(page=project, restriction_type="login")
    )
    assert expected <= paths


def test_a_city_unpublished_or_made_private_purges_the_projects_below_it(
    purged_by, project, guetersloh
):
    """The projects stay live, but their addresses answer 404 or ask for a sign-in now."""
    assert {guetersloh.url, project.url} <= purged_by(guetersloh.unpublish)
    assert {guetersloh.url, project.url} <= purged_by(lambda: guetersloh.save_revision().publish())
    assert project.url in purged_by(
        lambda: PageViewRestriction.objects.create(page=guetersloh, restriction_type="login")
    )


def test_a_reuse_confirmed_or_withdrawn_purges_both_projects_cities_and_solution(
    purged_by, project, guetersloh, koeln
):
    solution = SolutionPageFactory(title="Terminbuchung als Dienst", origin_city=guetersloh)
    adopter = ProjectPageFactory(parent=koeln, title="Termine Köln", solutions=[solution])
    expected = {project.url, adopter.url, guetersloh.url, koeln.url, solution.url, "/nachnutzung/"}
    reuse = None

    def confirm():
        nonlocal reuse
        reuse = ProjectReuseFactory(origin=project, adopter=adopter)

    assert expected <= purged_by(confirm)
    assert expected <= purged_by(lambda: reuse.delete())


def test_deleting_a_page_purges_where_it_was_shown(purged_by, project, guetersloh, topic):
    url = project.url
    paths = purged_by(project.delete)
    assert {url, guetersloh.url, "/staedte/", "/", "/projekte/feed/rss/"} <= paths
    assert _feeds("thema", topic.slug) | _feeds("schlagwort", "terminvergabe") <= paths


def test_deleting_a_city_purges_each_address_once(purged_by, project, guetersloh, topic):
    other = ProjectPageFactory(parent=guetersloh, title="Parkraumkataster", topics=[topic])
    urls = {guetersloh.url, project.url, other.url, "/staedte/", "/"}
    assert urls | _feeds("stadt", "guetersloh") <= purged_by(guetersloh.delete)
    # Sent together, not once per page (Wagtail itself purges each page as it unpublishes it).
    for path in ["/sitemap.xml", "/staedte/", "/projekte/feed/stadt/guetersloh/rss/"]:
        assert PURGED.count(f"http://localhost{path}") == 1, path


def test_a_move_purges_the_old_address_and_the_old_city(purged_by, project, guetersloh, koeln):
    old_url = project.url
    paths = purged_by(lambda: project.move(koeln, pos="last-child"))
    project.refresh_from_db()
    assert {old_url, project.url, guetersloh.url, koeln.url} <= paths
    assert _feeds("stadt", "guetersloh") | _feeds("stadt", "koeln") <= paths


def test_a_meeting_purges_the_calendars_and_its_host_city(purged_by, guetersloh):
    paths = purged_by(
        lambda: EventPageFactory(
            title="Arbeitskreis", start=timezone.now() + dt.timedelta(days=9), host_city=guetersloh
        )
    )
    assert {"/termine/arbeitskreis/", "/termine/", "/", guetersloh.url} <= paths
    assert {"/termine/feed.ics", "/termine/feed/guetersloh.ics"} <= paths


def test_without_a_proxy_nothing_is_purged(django_capture_on_commit_callbacks, project, guetersloh):
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ProjectPageFactory(parent=guetersloh, title="Parkraumkataster")
        project.delete()
    assert PURGED == []
