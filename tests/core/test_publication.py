"""The publication stream (`core.publication`): every kind of change to what the public sees is
told once, and reaches every subscriber – the search index's queue, open data's removals, the
public cache's version – and the weekly digest, which reads `last_published_at`."""

import datetime as dt

import pytest

from django.utils import timezone

from taggit.models import Tag
from wagtail.models import PageViewRestriction

from core import public_cache, roles
from core.factories import UserFactory
from core.publication import Event, publication_changed
from follow.digest import compose
from follow.models import Subscription, Week
from opendata.models import Removal
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage
from search.models import IndexTask

pytestmark = pytest.mark.django_db

UPSERT, DELETE = IndexTask.Action.UPSERT, IndexTask.Action.DELETE
LONG_AGO = timezone.now() - dt.timedelta(days=400)


@pytest.fixture
def told():
    """The changes told on the stream, as (event, title of the page or name of the label)."""
    changes = []

    def record(sender, change, **kwargs):
        changes.append((change.event, (change.page or change.label).__str__()))

    publication_changed.connect(record, dispatch_uid="test-told")
    yield changes
    publication_changed.disconnect(dispatch_uid="test-told")


@pytest.fixture
def world(settings, guetersloh, koeln, topic):
    # With an engine configured, index changes wait in the queue: it is applied after the
    # commit, which never comes inside a test's transaction.
    settings.SEARCH_ENGINE = "elasticsearch"
    project = ProjectPageFactory(
        parent=guetersloh, title="Sperrmüllanmeldung", topics=[topic], tags=["Abfall"]
    )
    ProjectPage.objects.filter(pk=project.pk).update(
        first_published_at=LONG_AGO, last_published_at=LONG_AGO
    )
    project.refresh_from_db()
    IndexTask.objects.all().delete()
    return {"project": project, "guetersloh": guetersloh, "koeln": koeln, "topic": topic}


def queued():
    return {(task.kind, task.page_id, task.action) for task in IndexTask.objects.all()}


def removed():
    return set(Removal.objects.values_list("kind", "record_id"))


def changed_since(moment):
    return set(
        ProjectPage.objects.filter(last_published_at__gte=moment).values_list("pk", flat=True)
    )


def publish(world):
    Removal.record("project", world["project"].pk)  # unpublished once: published again
    world["project"].save_revision().publish()


def unpublish(world):
    world["project"].unpublish()


def move(world):
    world["project"].move(world["koeln"], pos="last-child")


def delete(world):
    world["project"].delete()


def restrict(world):
    PageViewRestriction.objects.create(page=world["guetersloh"], restriction_type="login")


def lift(world):
    restriction = PageViewRestriction.objects.create(
        page=world["guetersloh"], restriction_type="login"
    )
    IndexTask.objects.all().delete()
    restriction.delete()


def rename_topic(world):
    world["topic"].name = "Bürgerdienste"
    world["topic"].save()


def rename_tag(world):
    tag = Tag.objects.get(name="Abfall")
    tag.name = "Kreislaufwirtschaft"
    tag.save()


# change → (told on the stream, queued for the index, removals after it, marked changed)
BOTH = {("project", UPSERT), ("city", UPSERT)}
CASES = {
    publish: ([Event.PUBLISHED], {("project", UPSERT)}, set(), {"project"}),
    unpublish: ([Event.UNPUBLISHED], {("project", DELETE)}, {"project"}, set()),
    move: ([Event.MOVED], {("project", UPSERT)}, set(), {"project"}),
    # Wagtail unpublishes a live page before deleting it.
    delete: ([Event.UNPUBLISHED, Event.DELETED], {("project", DELETE)}, {"project"}, set()),
    restrict: ([Event.RESTRICTION_CHANGED], BOTH, {"project", "city"}, set()),
    # Added, then lifted: told twice; what is left is the lifting.
    lift: ([Event.RESTRICTION_CHANGED] * 2, BOTH, set(), {"project"}),
    rename_topic: ([Event.RENAMED], {("project", UPSERT)}, set(), set()),
    rename_tag: ([Event.RENAMED], {("project", UPSERT)}, set(), set()),
}


@pytest.mark.parametrize("change", CASES, ids=[change.__name__ for change in CASES])
def test_each_change_reaches_the_index_the_removals_and_the_public_cache(world, told, change):
    events, index, removals, marked = CASES[change]
    ids = {"project": world["project"].pk, "city": world["guetersloh"].pk}
    version, moment = public_cache.version(), timezone.now()
    told.clear()

    change(world)

    assert [event for event, _name in told] == events
    assert queued() == {(kind, ids[kind], action) for kind, action in index}
    assert removed() == {(kind, ids[kind]) for kind in removals}
    assert changed_since(moment) == {ids[kind] for kind in marked}
    assert public_cache.version() != version


def test_a_deleted_city_tells_of_itself_and_each_page_below(world, told):
    told.clear()
    world["guetersloh"].delete()
    assert {name for event, name in told if event is Event.DELETED} == {
        "Gütersloh",
        "Sperrmüllanmeldung",
    }
    assert removed() == {("city", world["guetersloh"].pk), ("project", world["project"].pk)}
    assert queued() == {
        ("city", world["guetersloh"].pk, DELETE),
        ("project", world["project"].pk, DELETE),
    }


def test_a_draft_saved_tells_nothing(world, told):
    told.clear()
    version = public_cache.version()
    world["project"].title = "Sperrmüll online anmelden"
    world["project"].save_revision()
    assert told == [] and queued() == set() and public_cache.version() == version


def test_a_page_private_through_its_city_stays_removed_when_its_own_restriction_goes(world):
    PageViewRestriction.objects.create(page=world["guetersloh"], restriction_type="login")
    own = PageViewRestriction.objects.create(page=world["project"], restriction_type="login")
    own.delete()
    assert ("project", world["project"].pk) in removed()


def test_the_weekly_digest_reports_a_project_moved_or_public_again_as_updated(world):
    officer = UserFactory(
        username="officer", groups=[roles.members_group()], email="officer@stadt.example"
    )
    subscription = Subscription.objects.create(user=officer)
    subscription.topics.add(world["topic"])
    week = Week(timezone.localdate())

    def updated():
        return [p.title for p in compose(subscription, week, []).updated_projects]

    assert updated() == []
    lift(world)
    assert updated() == ["Sperrmüllanmeldung"]
    ProjectPage.objects.filter(pk=world["project"].pk).update(last_published_at=LONG_AGO)
    move(world)
    assert updated() == ["Sperrmüllanmeldung"]
