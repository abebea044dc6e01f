from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from . import public_cache


class HomePage(Page):
    """The start page: what the platform is for and what is new."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("What the platform is for, in a few sentences."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cities.CityIndexPage", "projects.ProjectIndexPage", "events.EventIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cities.models import CityIndexPage, CityPage
        from events.models import EventIndexPage, EventPage
        from projects.models import ProjectIndexPage, ProjectPage, Topic

        context = super().get_context(request, *args, **kwargs)
        projects = ProjectPage.objects.live().public()

        def counts():
            # Over the whole catalogue: computed once per change of what the public sees.
            return {
                "topics": list(
                    Topic.objects.annotate(
                        project_count=Count("projects", filter=Q(projects__in=projects))
                    )
                    .filter(project_count__gt=0)
                    .order_by("-project_count", "name")
                ),
                "city_count": CityPage.objects.live().public().count(),
                "project_count": projects.count(),
            }

        context.update(
            latest_projects=projects.for_listing().order_by("-first_published_at")[:6],
            **public_cache.cached("home-counts", counts),
            project_index=ProjectIndexPage.objects.live().first(),
            city_index=CityIndexPage.objects.live().first(),
            event_index=EventIndexPage.objects.live().first(),
            next_events=EventPage.objects.live()
            .public()
            .upcoming()
            .select_related("host_city")[:3],
        )
        return context


class MemberProfile(models.Model):
    """What the platform knows about a member beyond the account: the city they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile"
    )
    city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    panels = [FieldPanel("user"), FieldPanel("city")]

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.city or '–'})"


class AttachedDocument(Orderable):
    """A document attached to a page (projects, meetings); subclasses add the `page` key."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("link text"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True


class GalleryImage(Orderable):
    """An image shown with a page, with its alternative text; subclasses add the `page` key."""

    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=250, blank=True)
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldRowPanel([FieldPanel("alt_text"), FieldPanel("caption")])]

    class Meta(Orderable.Meta):
        abstract = True
