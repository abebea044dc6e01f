"""Solutions: the products, software and concepts that cities use, curated by the moderators.

A solution is a page below `/loesungen/`, like a city below `/staedte/`: it has an address,
moderation and revisions. Projects name the solutions they use (`ProjectPage.solutions`); this
app stands below projects, so a solution reaches its projects through that key
(`solution.projects`) and never imports them.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core import german
from core.pages import PublicPageQuerySet, UnpublishedSectionMixin
from core.slugs import AsciiSlugMixin, ascii_slug

from . import graph, publiccode


class SolutionKind(models.TextChoices):
    SOFTWARE = "software", _("Software")
    SPECIALIST_PROCEDURE = "fachverfahren", _("Specialist procedure")
    CONCEPT = "concept", _("Concept or guideline")
    SERVICE = "service", _("Service")


class LicenceKind(models.TextChoices):
    OPEN_SOURCE = "open_source", _("Open source")
    PROPRIETARY = "proprietary", _("Proprietary")


class SolutionIndexPage(UnpublishedSectionMixin, AsciiSlugMixin, Page):
    """`/loesungen/`: the published solutions."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["solutions.SolutionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("solution index")
        verbose_name_plural = _("solution indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["solutions"] = (
            SolutionPage.objects.child_of(self)
            .live()
            .public()
            .select_related("origin_city")
            .with_project_counts()
            .order_by("title")
        )
        return context


class SolutionPageQuerySet(PublicPageQuerySet):
    def with_project_counts(self):
        """Annotate the number of live, public projects that use each solution (one query)."""
        projects = self.model.projects.rel.related_model
        used_by = projects.objects.live().public().filter(solutions=models.OuterRef("pk"))
        counted = used_by.order_by().values("solutions").annotate(n=models.Count("pk")).values("n")
        return self.annotate(project_count=models.functions.Coalesce(models.Subquery(counted), 0))


class SolutionPageForm(WagtailAdminPageForm):
    """The admin form of a solution, which can fill itself from a `publiccode.yml`: pasted, or
    read from its address when `read_publiccode` is ticked. A file that cannot be read is an
    error on the form, and nothing is saved."""

    publiccode_text = forms.CharField(
        label=_("publiccode.yml (pasted)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Paste the file's text to fill name, description, licence, repository and "
            "maintenance from it."
        ),
    )
    read_publiccode = forms.BooleanField(
        label=_("Read the publiccode.yml from its address now"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("publiccode_text", "").strip()
        url = cleaned.get("publiccode_url", "")
        if not text and not (cleaned.get("read_publiccode") and url):
            if cleaned.get("read_publiccode"):
                self.add_error("publiccode_url", _("Give the address of the publiccode.yml."))
            return cleaned
        field = "publiccode_text" if text else "publiccode_url"
        try:
            facts = publiccode.parse(text or publiccode.fetch_text(url))
        except publiccode.PublicCodeError as exc:
            self.add_error(field, str(exc))
            return cleaned
        cleaned["title"] = facts.name
        self.errors.pop("title", None)
        if not cleaned.get("slug"):
            # The page checks that this address is free among its siblings when it is saved.
            cleaned["slug"] = ascii_slug(facts.name)
            self.errors.pop("slug", None)
        for name, value in (
            ("description", facts.description),
            ("licence", facts.licence),
            ("repository_url", facts.repository_url),
            ("maintenance", facts.maintenance),
        ):
            if value:
                cleaned[name] = value
        if facts.repository_url or facts.licence:
            cleaned["licence_kind"] = LicenceKind.OPEN_SOURCE
        return cleaned


class SolutionPage(AsciiSlugMixin, Page):
    """A product, software or concept that cities use; moderators publish it, editors may
    propose one (a draft submitted for moderation)."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=SolutionKind.choices, default=SolutionKind.SOFTWARE
    )
    description = models.TextField(_("description"), max_length=1000, blank=True)
    provider = models.CharField(
        _("provider"),
        max_length=200,
        blank=True,
        help_text=_("The company, public IT provider or association that offers it."),
    )
    origin_city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("origin city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="originated_solutions",
        help_text=_("The city that developed it, if a city did."),
    )
    licence_kind = models.CharField(
        _("licence type"),
        max_length=20,
        choices=LicenceKind.choices,
        default=LicenceKind.PROPRIETARY,
    )
    licence = models.CharField(_("licence"), max_length=80, blank=True)
    repository_url = models.URLField(_("source code repository"), blank=True)
    is_efa = models.BooleanField(
        _("„Einer für Alle“ service"),
        default=False,
        help_text=_("An online service one state develops and operates for all (EfA)."),
    )
    publiccode_url = models.URLField(_("publiccode.yml address"), blank=True)
    maintenance = models.CharField(_("maintenance"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = PageManager.from_queryset(SolutionPageQuerySet)()

    base_form_class = SolutionPageForm

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("provider"),
        index.SearchField("word_forms"),
        index.FilterField("kind"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("is_efa")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("provider"), FieldPanel("origin_city")]),
        FieldPanel("website"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("licence_kind"), FieldPanel("licence")]),
                FieldRowPanel([FieldPanel("repository_url"), FieldPanel("maintenance")]),
            ],
            heading=_("Licence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("publiccode_url"),
                FieldPanel("read_publiccode"),
                FieldPanel("publiccode_text"),
            ],
            heading=_("publiccode.yml"),
        ),
    ]

    parent_page_types = ["solutions.SolutionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")

    def clean(self):
        super().clean()
        if self.licence_kind == LicenceKind.PROPRIETARY and self.repository_url:
            raise ValidationError(
                {"repository_url": _("A proprietary solution has no public repository.")}
            )

    @property
    def is_open_source(self):
        return self.licence_kind == LicenceKind.OPEN_SOURCE

    def word_forms(self):
        """Stems and compound parts for the database search (see core.german)."""
        return german.stem_text(f"{self.title} {self.description} {self.provider}")

    def using_projects(self):
        """Live, public projects that use this solution, with their cities (for lists)."""
        return self.projects.live().public().select_related("lead_city").order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = list(self.using_projects())
        # Grouped by the projects' own status, in the order of its choices (idea … stopped).
        status_field = self.projects.model._meta.get_field("status")
        by_status = {value: [] for value, _label in status_field.choices}
        for project in projects:
            by_status.setdefault(project.status, []).append(project)
        labels = dict(status_field.choices)
        context["projects_by_status"] = [
            (labels.get(value, value), group) for value, group in by_status.items() if group
        ]
        origin = self.origin_city if self.origin_city and self.origin_city.live else None
        cities, seen = [], {origin.pk} if origin else set()
        for project in projects:
            city = project.lead_city
            if city and city.pk not in seen:
                seen.add(city.pk)
                cities.append((city.title, city.url))
        centre = origin.title if origin else (self.provider or self.title)
        context["spread"] = graph.spread(centre, sorted(cities))
        return context
