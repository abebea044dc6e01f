"""What the public may see of the page tree.

Wagtail's `public()` leaves out pages below a view restriction, and its `live()` pages that are
not published. A published page below one that is not – a city unpublished without its
projects – passes both: Wagtail's lists would show it and its address would serve it. Here the
public sees nothing below a page it cannot see: `public()` also leaves out what lies below an
unpublished page, in the same one query as the restrictions, and a page that is not live routes
to no page below it.

Every page model's queryset derives from `PublicPageQuerySet` (related managers, such as a
city's `led_projects`, take it from the model); `all_pages()` is the same for pages of every type.
"""

from django.db.models import Q
from django.http import Http404

from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet


def hidden_paths():
    """Tree paths of the pages whose whole section the public cannot see: those with a view
    restriction, and those not live that have pages below them. One query."""
    restricted = Page.objects.filter(view_restrictions__isnull=False).values_list("path")
    unpublished = Page.objects.filter(live=False, numchild__gt=0).values_list("path")
    return [path for (path,) in restricted.order_by().union(unpublished.order_by())]


def sections_q(paths, field="path"):
    """Pages in any of the sections at `paths`: a path is its ancestors' paths and a step of
    its own, so a section is a prefix."""
    q = Q()
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def private_q(paths):
    return sections_q(paths) or Q(pk__in=[])  # nothing is hidden


def public_related_q(*relations):
    """Rows whose page behind each relation (a foreign key to a page model, e.g. "origin") is
    live and public. As conditions on the joined page, not `IN` a subquery of every public page,
    which the database builds whole (10,000 rows) before it looks at a single row."""
    paths = hidden_paths()
    q = Q()
    for relation in relations:
        q &= Q(**{f"{relation}__live": True})
        if paths:
            q &= ~sections_q(paths, f"{relation}__path")
    return q


class PublicPageQuerySet(PageQuerySet):
    def private_q(self):
        """Pages in a section the public cannot see: below (or at) a view restriction or below
        a page that is not live (`public()` excludes them, `private()` selects them)."""
        return private_q(hidden_paths())


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


def all_pages():
    """Pages of every type, as `Page.objects`, with `public()` as above."""
    return PublicPageQuerySet(Page).order_by("path")


class UnpublishedSectionMixin:
    """For page models with pages below them: while the page is not live, no address below it
    serves a page (Wagtail routes through a page whatever its state)."""

    def route(self, request, path_components):
        if path_components and not self.live:
            raise Http404
        return super().route(request, path_components)
