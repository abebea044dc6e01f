"""One stream of changes to what the public sees of pages: the signal `publication_changed`.

Wagtail and Django tell of such changes in several ways: `page_published`, `page_unpublished`,
`post_page_move`, a page's `post_delete`, a `PageViewRestriction` saved or deleted, a label the
pages carry (topic, tag) saved. They are heard here, in one place, and passed on as one signal
with a `Change`: what happened (`Event`) and to which page. The search index, open data's
removals, the values kept from public pages (`public_cache`) and the proxy purge
(`frontend_cache`) subscribe to it, so every one of them learns of every kind of change – when
each app wired Wagtail's signals itself, making a page private reached open data's removals but
not the search index. A `Change` carries what was before, as far as a subscriber needs it: the
version that was live before a publish, the parent and address before a move.

A page is a section: nothing below an unpublished or restricted page is public (`core.pages`).
Unpublishing a page with pages below it, or publishing it again, reaches those pages as a
restriction does (`Change.pages_reached`).

Not `post_save` of pages: drafts fire it too, and nothing public changes with a draft.

`last_published_at` is the last change of a page's public record: the API's `changed_since` and
the weekly digest's "updated" read it. Publishing sets it; a move (a new address, for a project
a new city) and a restriction lifted (the page is back) change the record without publishing,
so this module sets it for them before the signal goes out.
"""

import enum
from dataclasses import dataclass

from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import catalogue
from .pages import all_pages

# Sent with `change`, a Change; the sender is the class of the page or label.
publication_changed = Signal()

PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")
UNPUBLISH_ACTIONS = ("wagtail.unpublish", "wagtail.unpublish.scheduled")


class Event(enum.StrEnum):
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    MOVED = "moved"
    DELETED = "deleted"
    # A view restriction (sign-in, password, groups) added, changed or lifted.
    RESTRICTION_CHANGED = "restriction changed"
    # A label the pages carry (topic, tag) renamed – or added, for the lists that offer it.
    RENAMED = "renamed"


@dataclass(frozen=True)
class Change:
    event: Event
    # The page it happened to: for a move or a view restriction the top one. None for a label.
    page: Page | None = None
    label: Model | None = None  # the topic or tag that was saved
    # A move: where the page was (its parent, its url_path).
    parent_before: Page | None = None
    url_path_before: str = ""

    @property
    def catalogue_type(self):
        """The catalogue type of `page`; None for other pages (home, lists) and for labels."""
        return catalogue.of(self.page) if self.page is not None else None

    def previous_version(self):
        """For a publish: the version of `page` that was live before it (None for a first
        publish), read from the revision of its last logged publish. Valid while the stream is
        being sent: Wagtail logs a publish after `page_published`."""
        if self.event is not Event.PUBLISHED:
            return None
        # Several subscribers ask (the search index, the proxy purge): read it once.
        if "_previous" not in self.__dict__:
            self.__dict__["_previous"] = self._read_previous_version()
        return self.__dict__["_previous"]

    def _read_previous_version(self):
        entry = (
            PageLogEntry.objects.filter(page_id=self.page.pk, action__in=PUBLISH_ACTIONS)
            .exclude(revision=None)
            .select_related("revision")
            .order_by("-timestamp", "-pk")
            .first()
        )
        return entry.revision.as_object() if entry else None

    def opens_or_closes_section(self):
        """Whether the public's view of the pages below `page` changes with it: nothing below
        an unpublished page is public (`core.pages`), so unpublishing a page with pages below
        it closes its section, and publishing it when it was not live opens it again."""
        if self.event not in (Event.PUBLISHED, Event.UNPUBLISHED) or not self.page.numchild:
            return False
        if self.event is Event.UNPUBLISHED:
            return True
        if "_opens" not in self.__dict__:
            self.__dict__["_opens"] = not self._was_live()
        return self.__dict__["_opens"]

    def _was_live(self):
        # The last publish or unpublish logged before this publish (logged after the signal).
        last = (
            PageLogEntry.objects.filter(
                page_id=self.page.pk, action__in=PUBLISH_ACTIONS + UNPUBLISH_ACTIONS
            )
            .order_by("-timestamp", "-pk")
            .values_list("action", flat=True)
            .first()
        )
        return last in PUBLISH_ACTIONS

    def pages_reached(self):
        """Each catalogue type with its live pages the change reaches, whether public or not:
        for a move or a view restriction those at or below the page, for a label those that
        carry it, for a page published or unpublished those below it when that opens or closes
        its section (`opens_or_closes_section`). Otherwise a change concerns `page` alone and
        nothing is yielded."""
        for catalogue_type in catalogue.types():
            pages = catalogue_type.model.objects.live()
            if self.event in (Event.MOVED, Event.RESTRICTION_CHANGED):
                yield catalogue_type, pages.descendant_of(self.page, inclusive=True)
            elif self.opens_or_closes_section():
                yield catalogue_type, pages.descendant_of(self.page)
            elif self.event is Event.RENAMED:
                for model, lookup in catalogue_type.labels.items():
                    if isinstance(self.label, model):
                        yield catalogue_type, pages.filter(**{lookup: self.label}).distinct()


def send(change):
    publication_changed.send(sender=type(change.page or change.label), change=change)


def _mark_changed(pages):
    """The pages' public record changed without a publication (see the module's docstring)."""
    pages.type(*catalogue.models()).update(last_published_at=timezone.now())


def _published(sender, instance, **kwargs):
    change = Change(Event.PUBLISHED, instance)
    if change.opens_or_closes_section():
        # The pages below are back without being published themselves.
        _mark_changed(all_pages().descendant_of(instance).live().public())
    send(change)


def _unpublished(sender, instance, **kwargs):
    send(Change(Event.UNPUBLISHED, instance))


def _moved(sender, instance, url_path_before, url_path_after, parent_page_before=None, **kwargs):
    if url_path_before != url_path_after:  # not a new position among the same siblings
        _mark_changed(Page.objects.descendant_of(instance, inclusive=True).live())
    send(
        Change(
            Event.MOVED,
            instance,
            parent_before=parent_page_before,
            url_path_before=url_path_before or "",
        )
    )


def _deleted(sender, instance, **kwargs):
    send(Change(Event.DELETED, instance))


def _restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return  # deleted with its page, whose deletion is told
    # Only pages public now: a restriction added or changed leaves none below it.
    _mark_changed(all_pages().descendant_of(page, inclusive=True).live().public())
    send(Change(Event.RESTRICTION_CHANGED, page))


def _label_saved(sender, instance, **kwargs):
    send(Change(Event.RENAMED, label=instance))


def connect():
    """Listen to Wagtail and Django. Called from core's `ready()`: core is the last app, so by
    then every catalogue type is registered with its labels."""
    page_published.connect(_published, dispatch_uid="publication-published")
    page_unpublished.connect(_unpublished, dispatch_uid="publication-unpublished")
    post_page_move.connect(_moved, dispatch_uid="publication-moved")
    # Every deleted page, also one deleted with its parent; as a plain Page (see catalogue.of).
    post_delete.connect(_deleted, sender=Page, dispatch_uid="publication-deleted")
    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="publication-restricted"
    )
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="publication-unrestricted"
    )
    labels = {model for t in catalogue.types() for model in t.labels}
    for model in labels:
        post_save.connect(
            _label_saved, sender=model, dispatch_uid=f"publication-label-{model._meta.label}"
        )
