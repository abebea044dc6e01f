"""Member cities of the working group and their digitalization officers."""

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core import catalogue, german
from core.pages import PublicPageQuerySet, UnpublishedSectionMixin
from core.pagination import page_of
from core.slugs import AsciiSlugMixin
from core.text import html_words

from .map import city_map

# First two digits of the official municipality key (Amtlicher Gemeindeschlüssel) name the state.
STATE_CODES = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}

ags_validator = RegexValidator(
    r"^\d{8}$", _("The municipality key (AGS) has exactly 8 digits, e.g. 05754008.")
)


class District(models.TextChoices):
    """Regierungsbezirke of North Rhine-Westphalia."""

    ARNSBERG = "arnsberg", "Arnsberg"
    DETMOLD = "detmold", "Detmold"
    DUESSELDORF = "duesseldorf", "Düsseldorf"
    KOELN = "koeln", "Köln"
    MUENSTER = "muenster", "Münster"


class Region(models.TextChoices):
    BERGISCHES_LAND = "bergisches-land", "Bergisches Land"
    MUENSTERLAND = "muensterland", "Münsterland"
    NIEDERRHEIN = "niederrhein", "Niederrhein"
    OWL = "ostwestfalen-lippe", "Ostwestfalen-Lippe"
    RHEINLAND = "rheinland", "Rheinland"
    RUHRGEBIET = "ruhrgebiet", "Ruhrgebiet"
    SAUERLAND = "sauerland", "Sauerland"
    SIEGERLAND = "siegen-wittgenstein", "Siegen-Wittgenstein"


class CityIndexPage(UnpublishedSectionMixin, AsciiSlugMixin, Page):
    """`/staedte/`: the member cities."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["cities.CityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("city index")
        verbose_name_plural = _("city indexes")

    def serve(self, request, *args, **kwargs):
        # The list's FilterSet, shared with the API, from the city type's registration: it
        # imports this module, so this module does not import it.
        cities = CityPage.objects.child_of(self).live().public().with_project_counts()
        filters = catalogue.get("city").filterset(request.GET, queryset=cities, request=request)
        if filters.is_valid():
            cities, status = filters.qs, 200
        else:
            cities, status = cities.none(), 400
        cities = list(cities.order_by("title"))
        context = self.get_context(request, *args, **kwargs)
        context.update(
            form=filters.form,
            cities=cities,
            city_map=city_map((city, city.project_count, city.get_url(request)) for city in cities),
        )
        return TemplateResponse(request, self.get_template(request), context, status=status)


class CityPageQuerySet(PublicPageQuerySet):
    def with_project_counts(self):
        """Annotate own (lead) projects and partnerships; only live projects count. One
        subquery per count and city: counting both in one join counts their product."""
        projects = self.model.led_projects.rel.related_model
        partners = self.model.partnerships.rel.related_model
        led = projects.objects.filter(lead_city=OuterRef("pk"), live=True).values("lead_city")
        partnered = partners.objects.filter(city=OuterRef("pk"), page__live=True).values("city")
        return self.annotate(
            project_count=_count(led, "pk"),
            partner_count=_count(partnered, "page", distinct=True),
        )


def _count(rows, field, distinct=False):
    """The number of `rows` (grouped by the OuterRef they are filtered on) as a subquery."""
    counted = rows.order_by().annotate(n=Count(field, distinct=distinct)).values("n")
    return Coalesce(Subquery(counted), 0)


class CityPage(UnpublishedSectionMixin, AsciiSlugMixin, Page):
    """A member city. Its projects live below it: the tree mirrors who owns what."""

    ags = models.CharField(
        _("municipality key (AGS)"),
        max_length=8,
        unique=True,
        validators=[ags_validator],
        help_text=_("Amtlicher Gemeindeschlüssel, 8 digits."),
    )
    state = models.CharField(_("state"), max_length=40, default="Nordrhein-Westfalen")
    district = models.CharField(
        _("administrative district"), max_length=20, choices=District.choices, blank=True
    )
    region = models.CharField(_("region"), max_length=30, choices=Region.choices, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    open_data_url = models.URLField(_("open data portal"), blank=True)
    coat_of_arms = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("coat of arms"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role_mailbox = models.EmailField(
        _("role mailbox"),
        blank=True,
        help_text=_(
            "The city's functional address for digitalization, e.g. digitalisierung@stadt.de. "
            "Shown to members instead of a project's contact person who has left, and on "
            "projects that name no contact."
        ),
    )
    strategy = RichTextField(
        _("digital strategy"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("A short profile of the city's digital strategy."),
    )
    editor_group = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="city",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="city",
        help_text="Where the city's editors keep images and documents.",
    )

    objects = PageManager.from_queryset(CityPageQuerySet)()

    search_fields = [
        *Page.search_fields,
        index.SearchField("strategy"),
        index.SearchField("state"),
        index.SearchField("get_region_display"),
        index.SearchField("word_forms"),
    ]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("ags"), FieldPanel("population")]),
                FieldRowPanel([FieldPanel("state"), FieldPanel("district"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Key facts"),
        ),
        FieldPanel("coat_of_arms"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("open_data_url")]),
        FieldPanel("role_mailbox"),
        FieldPanel("strategy"),
        InlinePanel("officers", label=_("Digitalization officers"), heading=_("Contacts")),
    ]

    parent_page_types = ["cities.CityIndexPage"]
    subpage_types = ["projects.ProjectPage"]
    paginate_by = 24

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def clean(self):
        super().clean()
        state = STATE_CODES.get((self.ags or "")[:2])
        if self.ags and len(self.ags) == 8 and self.state and state and state != self.state:
            raise ValidationError(
                {
                    "ags": _("An AGS starting with %(code)s belongs to %(state)s.")
                    % {"code": self.ags[:2], "state": state}
                }
            )

    def role_mailbox_label(self):
        return _("Digitalization, City of %(city)s") % {"city": self.title}

    @property
    def has_coordinates(self):
        """Where the maps of /staedte/ and /projekte/ can draw the city (cities/map.py)."""
        return self.latitude is not None and self.longitude is not None

    def word_forms(self):
        """Stems and compound parts for the database search (see core.german)."""
        return german.stem_text(f"{self.title} {html_words(self.strategy)}")

    def listed_at(self):
        """The feeds of the city's projects, named after it (core.frontend_cache)."""
        return [
            reverse(name, kwargs={"kind": "stadt", "slug": self.slug})
            for name in ("project_feed_rss_for", "project_feed_atom_for")
        ]

    # Projects are reached through the keys they hold to their cities (`led_projects`, like
    # `hosted_events`): projects stand on cities, so this module does not import them.
    def lead_projects(self):
        return self.led_projects.live().public().for_listing()

    def partner_projects(self):
        return (
            self.led_projects.model.objects.live()
            .public()
            .filter(partners__city=self)
            .exclude(lead_city=self)
            .distinct()
            .for_listing()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A city may lead hundreds of projects: a page of them at a time.
        try:
            context["lead_projects"] = page_of(
                self.lead_projects().order_by("title", "pk"),
                request.GET.get("page") or 1,
                self.paginate_by,
            )
        except (EmptyPage, PageNotAnInteger) as exc:
            raise Http404(_("This page of results does not exist.")) from exc
        context["partner_projects"] = self.partner_projects().order_by("title")
        context["officers"] = self.officers.all()
        context["hosted_events"] = self.hosted_events.live().public().order_by("-start")
        # Similar cities: the template tag `similar_cities` of the search app.
        return context


class CityOfficer(Orderable):
    """A digitalization officer (CDO) of a city. Personal data: shown to members only."""

    page = ParentalKey(CityPage, on_delete=models.CASCADE, related_name="officers")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("digitalization officer")
        verbose_name_plural = _("digitalization officers")

    def __str__(self):
        return self.name
