"""RSS and Atom feeds of new projects: all, per topic, per tag, per city. No personal data."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from cities.models import CityPage
from core.pagination import first_of

from .models import ProjectPage, Topic, public_tags

FEED_SIZE = 30


class ProjectFeed(Feed):
    """`/projekte/feed/rss/`, `…/atom/`; narrowed by `thema`, `schlagwort` or `stadt`."""

    def get_object(self, request, kind=None, slug=None):
        if kind is None:
            return None
        lookup = {
            "thema": Topic.objects.filter(slug=slug),
            "schlagwort": public_tags().filter(slug=slug),
            "stadt": CityPage.objects.live().public().filter(slug=slug),
        }.get(kind)
        found = lookup.first() if lookup is not None else None
        if found is None:
            raise Http404(_("There is no such feed."))
        return kind, found

    def title(self, obj):
        if obj is None:
            return _("Kommunal Digital: new projects")
        return _("Kommunal Digital: new projects – %(name)s") % {"name": str(obj[1])}

    def link(self, obj):
        if obj is None:
            return "/projekte/"
        kind, found = obj
        if kind == "stadt":
            return found.url
        return f"/projekte/?{'topic' if kind == 'thema' else 'tag'}={found.slug}"

    def description(self, obj):
        return _("Projects of the member cities of the working group on digitalization.")

    def items(self, obj):
        projects = ProjectPage.objects.live().public().for_listing()
        if obj is not None:
            kind, found = obj
            if kind == "thema":
                projects = projects.filter(topics=found)
            elif kind == "schlagwort":
                projects = projects.filter(tagged_items__tag=found)
            else:
                projects = projects.for_city(found)
        return first_of(projects.order_by("-first_published_at"), FEED_SIZE)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        city = f"{item.lead_city.title}: " if item.lead_city else ""
        return f"{city}{item.teaser}"

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()] + [
            tag.name for tag in item.sorted_tags()
        ]


class ProjectAtomFeed(ProjectFeed):
    feed_type = Atom1Feed
    subtitle = ProjectFeed.description
