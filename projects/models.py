"""Projects of member cities: the case studies the platform exists for."""

import calendar
import datetime as dt
import unicodedata
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection, models
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from cities.map import city_map
from cities.models import CityPage
from core import catalogue, german, publication
from core.models import AttachedDocument, GalleryImage
from core.pages import PublicPageQuerySet
from core.pagination import page_of
from core.roles import is_member
from core.slugs import AsciiSlugMixin, ascii_slug
from core.text import html_to_text, stream_to_text
from core.visibility import visible_attachments

from .blocks import SolutionBlock

# The reuse relation has its own module; imported so that Django finds it among the models.
from .reuse import ProjectReuse  # noqa: F401


class Topic(models.Model):
    """A curated topic area. A snippet, not free tags: the working group keeps the list short
    and stable so that counts and filters stay meaningful."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = ascii_slug(self.name)
        super().save(*args, **kwargs)


class Status(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNING = "planning", _("Planning")
    PILOT = "pilot", _("Pilot")
    # Its own source string: Wagtail's page status „Live“ (Veröffentlicht) is another word.
    LIVE = "live", pgettext_lazy("project status", "Live")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class ReuseMode(models.TextChoices):
    NONE = "", _("Not specified")
    OPEN_SOURCE = "open_source", _("Open source")
    TENANT = "tenant", _("As a tenant of our solution")
    CONCEPT = "concept", _("Concept only")
    NOT_REUSABLE = "not_reusable", _("Not reusable")


REUSABLE_MODES = [ReuseMode.OPEN_SOURCE, ReuseMode.TENANT, ReuseMode.CONCEPT]


class BudgetRange(models.TextChoices):
    UNKNOWN = "", _("Not specified")
    UNDER_50K = "lt50k", _("under 50,000 €")
    UP_TO_250K = "50k-250k", _("50,000 – 250,000 €")
    UP_TO_1M = "250k-1m", _("250,000 € – 1 million €")
    OVER_1M = "gt1m", _("over 1 million €")


class PartnerRole(models.TextChoices):
    PARTNER = "partner", _("Partner")
    TENANT = "tenant", _("Tenant of the lead city's solution")
    ADOPTER = "adopter", _("Adopter")


def months_before(moment, months):
    """The same day and time `months` calendar months earlier (the last day of a shorter
    month: 31 August minus 18 months is 28/29 February)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def stale_cutoff(now=None):
    """Projects last confirmed before this moment are „möglicherweise veraltet“."""
    return months_before(now or timezone.now(), settings.STALE_AFTER_MONTHS)


@dataclass(frozen=True)
class Contact:
    """Whom to ask about a project: a person or a role mailbox (`name` empty)."""

    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    # The person named on the project has left (their account is deactivated): this is the
    # city's role mailbox standing in for them.
    stands_in: bool = False

    def __bool__(self):
        return bool(self.name or self.email or self.phone)


class ProjectTag(TaggedItemBase):
    content_object = ParentalKey(
        "projects.ProjectPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ProjectIndexPage(AsciiSlugMixin, Page):
    """`/projekte/`: every published project of every city, filterable."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    paginate_by = 20

    class Meta:
        verbose_name = _("project index")
        verbose_name_plural = _("project indexes")

    def serve(self, request, *args, **kwargs):
        # The list's FilterSet, shared with the API, from the project type's registration: it
        # imports this module, so this module does not import it.
        filters = catalogue.get("project").filterset(
            request.GET, queryset=ProjectPage.objects.live().public().for_listing(), request=request
        )
        if filters.is_valid():
            projects, status = filters.qs, 200
        else:
            projects, status = ProjectPage.objects.none(), 400

        try:
            page = page_of(projects, request.GET.get("page") or 1, self.paginate_by)
        except (EmptyPage, PageNotAnInteger) as exc:
            raise Http404(_("This page of results does not exist.")) from exc

        context = self.get_context(request, *args, **kwargs)
        context.update(
            map_cities=self.map_cities(request, projects, filters),
            form=filters.form,
            projects=page,
            paginator=page.paginator,
            querystring=filters.querystring(),
            active_filters=filters.active_filters() if status == 200 else [],
        )
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def map_cities(self, request, projects, filters):
        """The public lead cities of the filtered projects with their numbers, each linked to
        this list narrowed to it: one aggregate query for the numbers, however many projects."""
        counts = projects.count_by_lead_city()
        cities = CityPage.objects.live().public().filter(pk__in=counts).order_by("title")
        url = self.get_url(request)
        entries = [
            (city, counts[city.pk], f"{url}?{filters.querystring(city=city.slug)}")
            for city in cities
        ]
        return {"entries": entries, "map": city_map(entries)}


class ProjectPageQuerySet(PublicPageQuerySet):
    def for_listing(self):
        """Everything a project card shows, in a fixed number of queries."""
        return self.select_related("lead_city").prefetch_related("topics", "tags")

    def for_export(self):
        """Everything an open-data record holds (see opendata/ and the spreadsheet format),
        with the confirmed reuse between public projects in `public_reuses` (what it reuses)
        and `public_reused_by` (who reuses it)."""
        shown = ProjectReuse.objects.confirmed().between_public_projects().order_by("pk")
        return self.select_related("lead_city").prefetch_related(
            "topics",
            "tags",
            "partners__city",
            "solutions",
            Prefetch(
                "reuses",
                queryset=shown.select_related("origin__lead_city"),
                to_attr="public_reuses",
            ),
            Prefetch(
                "reused_by",
                queryset=shown.select_related("adopter__lead_city"),
                to_attr="public_reused_by",
            ),
        )

    def count_by_lead_city(self):
        """{pk of the lead city: how many of these projects it leads}, in one query: GROUP BY
        lead city, each project counted once however many tags or partners matched."""
        rows = self.order_by().prefetch_related(None).values_list("lead_city")
        return dict(rows.annotate(n=Count("pk", distinct=True)).values_list("lead_city", "n"))

    def for_city(self, city):
        """Projects a city leads or takes part in."""
        return self.filter(Q(lead_city=city) | Q(partners__city=city)).distinct()

    def reusable(self):
        return self.filter(reuse_mode__in=REUSABLE_MODES)

    def stale(self, now=None):
        """Not confirmed within STALE_AFTER_MONTHS („möglicherweise veraltet“)."""
        return self.filter(confirmed_at__lt=stale_cutoff(now))

    def due_for_confirmation(self, now=None):
        """Live projects that are stale or will be within four weeks: what `remind_stale`
        asks the city's editors to confirm."""
        soon = (now or timezone.now()) + dt.timedelta(weeks=4)
        return self.live().filter(Q(confirmed_at__lt=stale_cutoff(soon)) | Q(confirmed_at=None))

    def sharing_labels(self, topics, tags, limit):
        """pks of up to `limit` of these projects that have any of the `topics` or `tags` (ids,
        or querysets of them), by weight – 3 per shared topic, 2 per shared tag – then newest
        first.

        One statement that counts each label row once. The ORM's join of topics and tags
        counts their product, for every project with any of them (at 10,000 projects 250 ms for
        a project page's labels, 600 ms for a city's; here a fifth of that or less), and sorting
        whole rows to keep a few costs more than ranking ids: the caller reads the few it keeps."""
        quote = connection.ops.quote_name
        weights, params = [], []
        for table, column, label, values, weight in (
            (ProjectPage.topics.through, "projectpage_id", "topic_id", topics, 3),
            (ProjectTag, "content_object_id", "tag_id", tags, 2),
        ):
            try:
                values, value_params = _sql_in(values)
            except EmptyResultSet:
                continue
            weights.append(
                f"SELECT {quote(column)} AS id, {weight} AS weight "  # noqa: S608 - names quoted
                f"FROM {quote(table._meta.db_table)} WHERE {quote(label)} IN ({values})"
            )
            params += value_params
        if not weights:
            return []
        try:
            projects, project_params = _sql_in(self)
        except EmptyResultSet:
            return []
        page = quote(Page._meta.db_table)
        sql = (
            "SELECT shared.id FROM (SELECT id, SUM(weight) AS score "  # noqa: S608 - see above
            f"FROM ({' UNION ALL '.join(weights)}) AS weights GROUP BY id) AS shared "
            f"JOIN {page} ON {page}.{quote('id')} = shared.id "
            f"WHERE shared.id IN ({projects}) "
            f"ORDER BY shared.score DESC, {page}.{quote('first_published_at')} DESC, shared.id "
            "LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *project_params, limit])
            return [row[0] for row in cursor.fetchall()]


def _sql_in(values):
    """SQL and parameters for `IN (…)`: a queryset's pks, or a list of ids (EmptyResultSet
    for none, as Django raises for a queryset that cannot match)."""
    if isinstance(values, QuerySet):
        return values.order_by().values("pk").query.sql_with_params()
    if not values:
        raise EmptyResultSet
    return ", ".join(["%s"] * len(values)), list(values)


class ProjectPage(AsciiSlugMixin, Page):
    """A city's project. It lives under its lead city's page."""

    teaser = models.TextField(
        _("teaser"), max_length=400, help_text=_("Two or three sentences for lists and previews.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text of the main image"), max_length=250, blank=True
    )
    challenge = RichTextField(
        _("challenge"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Which problem does the project address?"),
    )
    solution = StreamField(SolutionBlock(), verbose_name=_("solution"), blank=True)
    results = RichTextField(
        _("results"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    lessons_learned = RichTextField(
        _("lessons learned"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    go_live_date = models.DateField(_("go-live"), null=True, blank=True)
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="projects"
    )
    tags = ClusterTaggableManager(through=ProjectTag, blank=True, verbose_name=_("tags"))

    reuse_mode = models.CharField(
        _("reuse"), max_length=20, choices=ReuseMode.choices, blank=True, default=ReuseMode.NONE
    )
    licence = models.CharField(_("licence"), max_length=80, blank=True)
    repository_url = models.URLField(_("source code repository"), blank=True)
    seeks_adopters = models.BooleanField(
        _("looking for adopters"),
        default=False,
        help_text=_(
            "The city invites other cities to reuse this project („Nachnutzende gesucht“)."
        ),
    )
    solutions = ParentalManyToManyField(
        "solutions.SolutionPage",
        verbose_name=_("solutions used"),
        blank=True,
        related_name="projects",
        # Editors pick among the published solutions; a new one they propose is a draft until
        # the moderators publish it.
        limit_choices_to={"live": True},
    )
    reuse_contact = models.CharField(
        _("who to ask about reuse"),
        max_length=200,
        blank=True,
        help_text=_("An office or function, e.g. 'Amt für Informationsverarbeitung'."),
    )
    budget_range = models.CharField(
        _("budget"),
        max_length=20,
        choices=BudgetRange.choices,
        blank=True,
        default=BudgetRange.UNKNOWN,
    )
    funding_programme = models.CharField(_("funding programme"), max_length=200, blank=True)

    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_role = models.CharField(_("contact's role"), max_length=120, blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_(
            "A person's address or a role mailbox (e.g. digitalisierung@stadt.de), which "
            "outlasts a change of staff."
        ),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    introductions_enabled = models.BooleanField(
        _("open to introductions"),
        default=True,
        help_text=_(
            "Members of other cities may say „Wir arbeiten auch daran“ and are introduced to the "
            "contact by e-mail."
        ),
    )
    # „zuletzt bestätigt“: set when the project is published and by „ist noch aktuell“ – an
    # update of these two columns, not a new revision of the content.
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    uses_algorithmic_system = models.BooleanField(
        _("uses an algorithmic system"),
        default=False,
        help_text=_(
            "A chatbot, automated decisions, forecasts … If so, fill in the data ethics "
            "self-assessment."
        ),
    )
    ethics_purpose = models.TextField(_("purpose and who is affected"), blank=True)
    ethics_data = models.TextField(_("data used"), blank=True)
    ethics_oversight = models.TextField(_("human oversight"), blank=True)
    ethics_transparency = models.TextField(_("transparency towards citizens"), blank=True)
    ethics_evaluation = models.TextField(_("how it is evaluated"), blank=True)
    ethics_complaints = models.TextField(_("where to complain"), blank=True)

    external_id = models.CharField(
        _("external id"),
        max_length=100,
        blank=True,
        help_text=_(
            "The city's own reference for the project, e.g. from its spreadsheet. A spreadsheet "
            "import with the same id updates this project."
        ),
    )

    # Derived from the page tree on every save: the listing filters by it without tree queries.
    lead_city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("lead city"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="led_projects",
    )

    objects = PageManager.from_queryset(ProjectPageQuerySet)()

    ETHICS_FIELDS = (
        "ethics_purpose",
        "ethics_data",
        "ethics_oversight",
        "ethics_transparency",
        "ethics_evaluation",
        "ethics_complaints",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("challenge"),
        index.SearchField("solution"),
        index.SearchField("results"),
        index.SearchField("lessons_learned"),
        index.SearchField("keywords"),
        index.SearchField("word_forms"),
        index.FilterField("status"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Main image")),
        FieldPanel("challenge"),
        FieldPanel("solution"),
        FieldPanel("results"),
        FieldPanel("lessons_learned"),
        InlinePanel("gallery_images", label=_("Image"), heading=_("Images")),
        InlinePanel("links", label=_("Link"), heading=_("Links")),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
    ]
    classification_panels = [
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("go_live_date")]),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("solutions", widget=forms.CheckboxSelectMultiple),
        InlinePanel("partners", label=_("Partner city"), heading=_("Partner cities")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("reuse_mode"), FieldPanel("seeks_adopters")]),
                FieldRowPanel([FieldPanel("licence"), FieldPanel("repository_url")]),
                FieldPanel("reuse_contact"),
            ],
            heading=_("Reuse"),
        ),
        FieldRowPanel([FieldPanel("budget_range"), FieldPanel("funding_programme")]),
        FieldPanel("external_id"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("introductions_enabled"),
            ],
            heading=_("Contact (shown to members only)"),
        ),
    ]
    ethics_panels = [
        FieldPanel("uses_algorithmic_system"),
        FieldPanel("ethics_purpose"),
        FieldPanel("ethics_data"),
        FieldPanel("ethics_oversight"),
        FieldPanel("ethics_transparency"),
        FieldPanel("ethics_evaluation"),
        FieldPanel("ethics_complaints"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(ethics_panels, heading=_("Data ethics")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    parent_page_types = ["cities.CityPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(
                fields=["lead_city", "external_id"],
                condition=~Q(external_id=""),
                name="unique_project_external_id_per_city",
            )
        ]
        permissions = [("import_projects", _("Can import projects from spreadsheets"))]

    def clean(self):
        super().clean()
        self.validate_project_rules()
        if self.external_id and self.lead_city_id:
            clash = ProjectPage.objects.filter(
                lead_city_id=self.lead_city_id, external_id=self.external_id
            ).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"external_id": _("Another project of this city has this external id.")}
                )

    def validate_project_rules(self):
        """Rules of a complete case study, shared by the edit form and the spreadsheet import."""
        if self.go_live_date and self.start_date and self.go_live_date < self.start_date:
            raise ValidationError({"go_live_date": _("The go-live cannot be before the start.")})
        if self.uses_algorithmic_system:
            missing = {
                name: _("Required for projects that use an algorithmic system.")
                for name in self.ETHICS_FIELDS
                if not getattr(self, name).strip()
            }
            if missing:
                raise ValidationError(missing)

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.lead_city_id = parent.id
        super().save(*args, **kwargs)

    def keywords(self):
        """Topics, tags, cities and the solutions used as text for the database search index:
        a search for a product's name finds the projects that use it."""
        cities = [self.lead_city.title] if self.lead_city_id and self.lead_city else []
        return " ".join(
            [
                *(t.name for t in self.topics.all()),
                *(t.name for t in self.tags.all()),
                *cities,
                *(s.title for s in self.public_solutions()),
            ]
        )

    def public_solutions(self):
        """The solutions the project uses that the public sees (a solution may have been
        unpublished since it was picked). In Python: a preview's relations are in memory."""
        return [s for s in self.solutions.all() if s.live]

    def word_forms(self):
        """Stems and compound parts of the page's words, for the database search, which has
        no German analysis of its own (see core.german)."""
        return german.stem_text(
            " ".join(
                [
                    self.title,
                    self.teaser,
                    html_to_text(self.challenge),
                    stream_to_text(self.solution),
                    html_to_text(self.results),
                    html_to_text(self.lessons_learned),
                    self.keywords(),
                ]
            )
        )

    def sorted_tags(self):
        """Tags in alphabetical order. The database returns them in no fixed order (PostgreSQL
        differs from SQLite), and pages, feeds and exports must not change between two requests."""
        return sorted(self.tags.all(), key=lambda tag: german_sort_key(tag.name))

    @property
    def is_reusable(self):
        return self.reuse_mode in REUSABLE_MODES

    @property
    def has_contact(self):
        return bool(self.contact_name or self.contact_email or self.contact_phone)

    def contact(self):
        """The contact to show members and to introduce them to. A person whose account on the
        platform is deactivated (every account with the contact's e-mail address is inactive)
        has left: the lead city's role mailbox stands in, and so it does when the project names
        no contact at all. One query when the project names an e-mail address."""
        named = Contact(
            self.contact_name, self.contact_role, self.contact_email, self.contact_phone
        )
        if named and not (named.email and self._contact_deactivated()):
            return named
        city = self.lead_city
        if city is not None and city.role_mailbox:
            return Contact(
                role=city.role_mailbox_label(), email=city.role_mailbox, stands_in=bool(named)
            )
        return named  # nobody better to name

    def _contact_deactivated(self):
        if not hasattr(self, "_deactivated"):
            accounts = get_user_model().objects.filter(email__iexact=self.contact_email)
            states = set(accounts.values_list("is_active", flat=True))
            self._deactivated = bool(states) and True not in states
        return self._deactivated

    @property
    def is_stale(self):
        return self.confirmed_at is not None and self.confirmed_at < stale_cutoff()

    def confirm(self, user):
        """„Ist noch aktuell“: the project's content is still true. Recorded without a new
        revision; tells the publication stream, so that search (which ranks stale projects
        lower) and the kept public pages learn the new date."""
        now = timezone.now()
        ProjectPage.objects.filter(pk=self.pk).update(confirmed_at=now, confirmed_by=user)
        self.confirmed_at, self.confirmed_by = now, user
        publication.send(publication.Change(publication.Event.PUBLISHED, self))

    @property
    def ethics_answers(self):
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.ETHICS_FIELDS
        ]

    def similar_projects(self, limit=6):
        """Live, public projects of other cities that share topics or tags with this one, most
        overlap first (a shared topic counts 3, a shared tag 2), then the newest: one query
        ranks them (`ProjectPageQuerySet.sharing_labels`), one more reads those it keeps."""
        ranked = (
            ProjectPage.objects.live()
            .public()
            .exclude(pk=self.pk)
            .exclude(lead_city_id=self.lead_city_id)
            .sharing_labels(
                [topic.pk for topic in self.topics.all()],
                [tag.pk for tag in self.tags.all()],
                limit,
            )
        )
        found = ProjectPage.objects.filter(pk__in=ranked).for_listing().in_bulk()
        return [found[pk] for pk in ranked if pk in found]

    def listed_at(self):
        """Where the public sees this project besides the page and its ancestors (its city,
        `/projekte/`, home): its partner cities' pages and the feeds of its topics, tags and
        cities. What a reverse proxy must forget when it changes (core.frontend_cache)."""
        partners = [p.city for p in self.partners.all() if p.city_id]
        feeds = [
            *(("thema", topic.slug) for topic in self.topics.all()),
            *(("schlagwort", tag.slug) for tag in self.tags.all()),
            *(("stadt", city.slug) for city in [self.lead_city, *partners] if city),
        ]
        return [
            *partners,
            *(
                reverse(name, kwargs={"kind": kind, "slug": slug})
                for kind, slug in feeds
                for name in ("project_feed_rss_for", "project_feed_atom_for")
            ),
        ]

    def structured_data(self, request):
        """schema.org JSON-LD: the public facts of the case study (never personal data)."""
        city = self.lead_city
        data = {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "name": self.title,
            "description": self.teaser,
            "url": request.build_absolute_uri(self.url),
            "inLanguage": "de",
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "keywords": ", ".join(t.name for t in self.sorted_tags()),
            "about": [t.name for t in self.topics.all()],
            "creativeWorkStatus": self.get_status_display(),
        }
        if self.first_published_at:
            data["datePublished"] = self.first_published_at.isoformat()
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if city:
            data["creator"] = {
                "@type": "GovernmentOrganization",
                "name": f"Stadt {city.title}",
                "url": request.build_absolute_uri(city.url),
            }
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Partner cities and documents the visitor may not see are not named either. In Python:
        # a preview renders relations that exist only in memory.
        partners = list(self.partners.select_related("city"))
        public = set(
            CityPage.objects.live()
            .public()
            .filter(pk__in=[p.city_id for p in partners])
            .values_list("pk", flat=True)
        )
        context["partners"] = [p for p in partners if p.city_id in public]
        context["documents"] = visible_attachments(self.documents.all(), request)
        context["used_solutions"] = self.public_solutions()
        reuses = ProjectReuse.objects.visible_to(request.user).for_display()
        # Where it comes from, and every city that reuses it (requested ones for members).
        context["reused_from"] = reuses.filter(adopter=self)
        context["reused_by"] = reuses.filter(origin=self)
        if is_member(getattr(request, "user", None)):
            context["contact"] = self.contact()
        # Similar projects and the meetings it was presented at: template tags of the apps
        # above (search's `similar_projects`, events' `presented_at`).
        return context


def public_tags():
    """Tags of live, public projects. A tag used only on drafts or private pages does not exist
    for the public: filters, feeds and suggestions treat it like one never given, so that its
    name does not leak."""
    return Tag.objects.filter(
        pk__in=ProjectTag.objects.filter(
            content_object__in=ProjectPage.objects.live().public()
        ).values("tag_id")
    )


def german_sort_key(text):
    """Case-insensitive, umlauts next to their base letter (Ämter before Bürgerbüro), as a
    German reader expects – without depending on the server's locale."""
    return unicodedata.normalize("NFKD", text.casefold()), text


class ProjectPartner(Orderable):
    """A city that takes part in another city's project."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="partners")
    city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("city"), FieldPanel("role")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")


class ProjectLink(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("link text"), max_length=200)
    url = models.URLField(_("URL"))

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("url")])]


class ProjectDocument(AttachedDocument):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="documents")


class ProjectGalleryImage(GalleryImage):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="gallery_images")


class StaleReminder(models.Model):
    """One `remind_stale` e-mail per editor and ISO week, written in the transaction that
    hands the e-mail over (with a unique constraint): running the command again in the same
    week sends nothing again, and a failed send is retried by the next run."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stale_reminders"
    )
    week = models.CharField(max_length=8)  # ISO week, e.g. 2026-W48
    sent_at = models.DateTimeField(default=timezone.now)
    projects = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="one_stale_reminder_per_week")
        ]
        verbose_name = _("reminder to confirm projects")
        verbose_name_plural = _("reminders to confirm projects")

    def __str__(self):
        return f"{self.user} {self.week}"
