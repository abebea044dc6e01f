"""Meetings of the working group: agenda, registration, minutes, calendar and iCal."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch, Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from cities.models import CityPage
from core import catalogue, german
from core.models import AttachedDocument, GalleryImage
from core.pages import PublicPageQuerySet, UnpublishedSectionMixin
from core.slugs import AsciiSlugMixin
from core.text import html_words
from core.validation import month_in_range
from core.visibility import visible_attachments
from projects.models import ProjectPage

from .calendar import MonthGrid

BERLIN = ZoneInfo("Europe/Berlin")


class Format(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    REGISTRATION_OPEN = "registration_open", _("Registration open")
    FULL = "full", _("Full")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")


class RegistrationError(Exception):
    """Why a registration was refused, in words for the person who tried."""


class EventPageQuerySet(PublicPageQuerySet):
    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start")

    def between(self, first_day, last_day):
        """Meetings overlapping the local days first_day..last_day (Europe/Berlin)."""
        start = dt.datetime.combine(first_day, dt.time.min, tzinfo=BERLIN)
        end = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min, tzinfo=BERLIN)
        return self.filter(start__lt=end, end__gte=start).order_by("start")

    def hosted_by(self, city):
        return self.filter(host_city=city)

    def presenting(self, project):
        return self.filter(agenda_items__projects=project).distinct()


class EventIndexPage(UnpublishedSectionMixin, AsciiSlugMixin, RoutablePageMixin, Page):
    """`/termine/`: upcoming and past meetings, the month calendar and the iCal feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("meeting index")

    @property
    def feed_url(self):
        return f"{self.url}feed.ics"

    def events(self):
        return EventPage.objects.child_of(self).live().public().select_related("host_city")

    @path("")
    def index(self, request):
        # The list's FilterSet, shared with the API, from the meeting type's registration: it
        # imports this module, so this module does not import it.
        filters = catalogue.get("event").filterset(
            request.GET, queryset=self.events(), request=request
        )
        if filters.is_valid():
            events, status = filters.qs, 200
        else:
            events, status = EventPage.objects.none(), 400
        now = timezone.now()
        context = self.get_context(request) | {
            "form": filters.form,
            "upcoming": events.upcoming(now),
            "past": events.past(now),
            "today": timezone.localdate(),
        }
        return TemplateResponse(request, "events/event_index_page.html", context, status=status)

    @path("<int:year>/<int:month>/", name="month")
    def month(self, request, year, month):
        if not month_in_range(year, month):
            raise Http404(_("There is no such month."))
        grid = MonthGrid(year, month, self.events(), today=timezone.localdate())
        context = self.get_context(request) | {"grid": grid}
        if not grid.events():
            # An empty month is a dead end: point to the next month that has a meeting.
            after = dt.datetime.combine(grid.last_day + dt.timedelta(days=1), dt.time.min, BERLIN)
            upcoming = self.events().filter(start__gte=after).order_by("start").first()
            if upcoming is not None:
                local = timezone.localtime(upcoming.start, BERLIN)
                context["next_with_meetings"] = (
                    MonthGrid.title_of(local.year, local.month),
                    (
                        local.year,
                        local.month,
                    ),
                )
        return TemplateResponse(request, "events/month.html", context)


class EventPage(AsciiSlugMixin, Page):
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    host_city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("host city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    online_url = models.URLField(
        _("online access link"), blank=True, help_text=_("Shown to signed-in members only.")
    )
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("A meeting has at least one seat (empty: no limit)."))],
        help_text=_("Empty: no limit."),
    )
    registration_opens = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_(
            "From then on members can register, also while the status still says "
            "„Planned“; before then the page says from when."
        ),
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    minutes = RichTextField(
        _("minutes"),
        blank=True,
        features=["h3", "bold", "italic", "link", "ul", "ol"],
        help_text=_("Shown to signed-in members only."),
    )
    # Raised on every publication so that calendar clients pick up changes (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.SearchField("venue_address"),
        index.RelatedFields("host_city", [index.SearchField("title")]),
        # Not the speakers: names of people are for members only, and search is public.
        index.RelatedFields("agenda_items", [index.SearchField("title")]),
        index.SearchField("word_forms"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("host_city"),
                FieldPanel("online_url"),
            ],
            heading=_("Place"),
        ),
        FieldPanel("organisers"),
        FieldPanel("description"),
        FieldRowPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_opens"),
                FieldPanel("registration_deadline"),
            ]
        ),
    ]
    agenda_panels = [InlinePanel("agenda_items", label=_("Agenda item"), heading=_("Agenda"))]
    after_panels = [
        FieldPanel("minutes"),
        InlinePanel("documents", label=_("Document"), heading=_("Documents")),
        InlinePanel("photos", label=_("Photo"), heading=_("Photos")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Meeting")),
            ObjectList(agenda_panels, heading=_("Agenda")),
            ObjectList(after_panels, heading=_("After the meeting")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            raise ValidationError(
                {"registration_deadline": _("The deadline must be before the start.")}
            )
        opens, closes = self.registration_opens, self.registration_deadline or self.start
        if opens and closes and opens >= closes:
            raise ValidationError(
                {"registration_opens": _("Registration must open before it closes.")}
            )

    def word_forms(self):
        """Stems and compound parts for the database search (see core.german)."""
        agenda = " ".join(item.title for item in self.agenda_items.all())
        return german.stem_text(f"{self.title} {html_words(self.description)} {agenda}")

    # --- calendar facts -------------------------------------------------------------------
    @property
    def local_start(self):
        return timezone.localtime(self.start, BERLIN)

    @property
    def local_end(self):
        return timezone.localtime(self.end, BERLIN)

    def local_days(self):
        """Every local day the meeting touches; one ending at midnight ends the day before."""
        first = self.local_start.date()
        end = self.local_end
        last = (end - dt.timedelta(microseconds=1)).date() if end > self.local_start else first
        return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    def structured_data(self, request):
        """schema.org Event; the online link is for members and is not published here."""
        modes = {
            Format.IN_PERSON: "OfflineEventAttendanceMode",
            Format.ONLINE: "OnlineEventAttendanceMode",
            Format.HYBRID: "MixedEventAttendanceMode",
        }
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": self.local_start.isoformat(),
            "endDate": self.local_end.isoformat(),
            "eventStatus": "https://schema.org/"
            + ("EventCancelled" if self.is_cancelled else "EventScheduled"),
            "eventAttendanceMode": f"https://schema.org/{modes[self.format]}",
            "url": request.build_absolute_uri(self.url),
            "organizer": {"@type": "Organization", "name": self.organisers or "Städtetag NRW"},
        }
        if self.search_description:
            data["description"] = self.search_description
        places = []
        if self.format != Format.ONLINE:
            places.append(
                {
                    "@type": "Place",
                    "name": self.venue_name or str(self.host_city or ""),
                    "address": self.venue_address,
                }
            )
        if self.format != Format.IN_PERSON:
            places.append({"@type": "VirtualLocation"})
        if places:
            data["location"] = places[0] if len(places) == 1 else places
        return data

    # Served by events/views.py (events/urls.py): a calendar file and the registration forms'
    # targets below the meeting's address.
    @property
    def ics_url(self):
        return f"{self.url}termin.ics"

    def listed_at(self):
        """Where the public sees this meeting besides the page and its ancestors (`/termine/`,
        home): the host city's page, the pages of the projects presented, the calendars of all
        meetings and of the host city (core.frontend_cache)."""
        projects = [project for item in self.agenda_items.all() for project in item.projects.all()]
        calendars = f"{self.get_parent().get_url()}feed"
        host = [self.host_city] if self.host_city_id and self.host_city else []
        return [
            *host,
            *projects,
            f"{calendars}.ics",
            *(f"{calendars}/{city.slug}.ics" for city in host),
        ]

    @property
    def register_url(self):
        return f"{self.url}anmelden/"

    @property
    def cancel_url(self):
        return f"{self.url}abmelden/"

    @property
    def uid(self):
        return f"event-{self.pk}@kommunal-digital"

    # --- registration ---------------------------------------------------------------------
    def registration_closed_reason(self, now=None):
        now = now or timezone.now()
        if self.status == EventStatus.CANCELLED:
            return _("This meeting has been cancelled.")
        if self.status == EventStatus.HELD or self.end < now:
            return _("This meeting has already taken place.")
        if self.registration_opens and now < self.registration_opens:
            return _("Registration opens on %(date)s.") % {
                "date": date_format(timezone.localtime(self.registration_opens), "j. F Y, H:i")
            }
        if self.status == EventStatus.PLANNED and not self.registration_opens:
            return _("Registration has not opened yet.")
        if self.registration_deadline and now > self.registration_deadline:
            return _("The registration deadline has passed.")
        return None

    def confirmed(self):
        return self.registrations.filter(state=Registration.State.CONFIRMED)

    def waiting(self):
        return self.registrations.filter(state=Registration.State.WAITING).order_by(
            "created_at", "pk"
        )

    def seats_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed().count(), 0)

    def registration_for(self, user):
        if not user.is_authenticated:
            return None
        return (
            self.registrations.exclude(state=Registration.State.CANCELLED).filter(user=user).first()
        )

    def register(self, user):
        """Give the user a seat or a place on the waiting list. The last seat is given once:
        the event row is locked, and a unique seat number per meeting backs that up."""
        reason = self.registration_closed_reason()
        if reason:
            raise RegistrationError(reason)
        for _attempt in range(3):
            try:
                with transaction.atomic():
                    EventPage.objects.select_for_update().filter(pk=self.pk).first()
                    existing = self.registration_for(user)
                    if existing:
                        return existing
                    taken = set(self.confirmed().values_list("seat", flat=True))
                    seats = len(taken) + 1 if self.capacity is None else self.capacity
                    free = [n for n in range(1, seats + 1) if n not in taken]
                    registration, _created = Registration.objects.update_or_create(
                        event=self,
                        user=user,
                        defaults={
                            "state": Registration.State.CONFIRMED
                            if free
                            else Registration.State.WAITING,
                            "seat": free[0] if free else None,
                            "created_at": timezone.now(),
                        },
                    )
                    return registration
            except IntegrityError:
                continue  # somebody else took that seat a moment ago: look again
        raise RegistrationError(_("Too many people are registering right now. Please try again."))

    def cancel_registration(self, user):
        """Cancel; the first person on the waiting list moves up and is returned."""
        with transaction.atomic():
            EventPage.objects.select_for_update().filter(pk=self.pk).first()
            registration = self.registration_for(user)
            if registration is None:
                return None
            seat = registration.seat
            registration.state, registration.seat = Registration.State.CANCELLED, None
            registration.save(update_fields=["state", "seat"])
            if seat is None:
                return None
            moving_up = self.waiting().select_related("user").first()
            if moving_up:
                moving_up.state, moving_up.seat = Registration.State.CONFIRMED, seat
                moving_up.save(update_fields=["state", "seat"])
            return moving_up

    def participants(self):
        return (
            self.confirmed()
            .select_related("user", "user__member_profile__city")
            .order_by("user__last_name", "user__first_name")
        )

    def presented_projects(self):
        return ProjectPage.objects.live().public().filter(agenda_items__page=self).distinct()

    def agenda(self):
        """The agenda as the public may see it: drafts and private projects or cities named in
        it stay out (their titles too); speakers' names are left to the template (members)."""
        return self.agenda_items.prefetch_related(
            Prefetch("projects", queryset=ProjectPage.objects.live().public()),
            Prefetch("speaker_cities", queryset=CityPage.objects.live().public()),
        ).select_related("document__collection")

    def get_context(self, request, *args, registration_error=None, **kwargs):
        """`registration_error`: why a registration was just refused (events.views)."""
        context = super().get_context(request, *args, **kwargs)
        context.update(
            agenda=self.agenda(),
            host_city=CityPage.objects.live().public().filter(pk=self.host_city_id).first(),
            documents=visible_attachments(self.documents.all(), request),
            registration=self.registration_for(request.user),
            participants=self.participants(),
            waiting_count=self.waiting().count(),
            closed_reason=self.registration_closed_reason(),
            registration_error=registration_error,
        )
        return context


class AgendaItem(Orderable, ClusterableModel):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="agenda_items")
    time = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=250)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    speaker_cities = ParentalManyToManyField(
        "cities.CityPage", verbose_name=_("speakers' cities"), blank=True, related_name="+"
    )
    projects = ParentalManyToManyField(
        "projects.ProjectPage",
        verbose_name=_("projects presented"),
        blank=True,
        related_name="agenda_items",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides or document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("time"), FieldPanel("title")]),
        FieldRowPanel(
            [
                FieldPanel("speakers"),
                FieldPanel("speaker_cities", widget=forms.CheckboxSelectMultiple),
            ]
        ),
        FieldPanel("projects"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")


class EventDocument(AttachedDocument):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="documents")


class EventPhoto(GalleryImage):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="photos")


class Registration(models.Model):
    class State(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    state = models.CharField(max_length=20, choices=State.choices)
    seat = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person"),
            models.UniqueConstraint(
                fields=["event", "seat"],
                condition=Q(seat__isnull=False),
                name="one_person_per_seat",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.event} ({self.state})"
