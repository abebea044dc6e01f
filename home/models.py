from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cities.models import CityIndexPage, CityPage
from core import public_cache
from core.pages import UnpublishedSectionMixin
from events.models import EventIndexPage, EventPage
from projects.models import ProjectIndexPage, ProjectPage, Topic


class HomePage(UnpublishedSectionMixin, Page):
    """The start page: what the platform is for and what is new.

    Its own app above the catalogue apps, because it shows all of them: `core` stays a base
    that the catalogue apps stand on."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("What the platform is for, in a few sentences."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cities.CityIndexPage",
        "projects.ProjectIndexPage",
        "events.EventIndexPage",
        "solutions.SolutionIndexPage",
        "surveys.SurveyIndexPage",
        "legal.LegalPage",
        "legal.AccessibilityPage",
        "legal.ContactPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = ProjectPage.objects.live().public()

        def counts():
            # Over the whole catalogue: computed once per change of what the public sees.
            return {
                # The public projects' topic rows, grouped: counting inside the aggregate
                # (COUNT … FILTER) tested every row of every topic against the catalogue.
                "topics": list(
                    Topic.objects.filter(projects__in=projects)
                    .annotate(project_count=Count("projects"))
                    .order_by("-project_count", "name")
                ),
                "city_count": CityPage.objects.live().public().count(),
                "project_count": projects.count(),
            }

        context.update(
            latest_projects=projects.for_listing().order_by("-first_published_at")[:6],
            **public_cache.cached("home-counts", counts),
            project_index=_section(ProjectIndexPage),
            city_index=_section(CityIndexPage),
            event_index=_section(EventIndexPage),
            next_events=EventPage.objects.live()
            .public()
            .upcoming()
            .select_related("host_city")[:3],
        )
        return context


def _section(model):
    """The live page of a section of the site (there is one). Not by `.first()` alone: pages
    are ordered by their path, and the database walks the tree in that order – past every city
    and project before `/projekte/` – to find it."""
    return model.objects.live().order_by("pk").first()
