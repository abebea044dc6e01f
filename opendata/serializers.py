"""The public records of the catalogue. Field names are the API's contract: add fields, never
rename or drop them within /api/v1/. Every field is documented by its help text, which the
open data page shows. Personal data (contacts, officers, speakers, participants, the online
link of a meeting) is never part of a record."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cities.models import CityPage
from core import catalogue
from core.text import html_to_text, stream_to_text
from events.models import EventPage
from projects.models import ProjectPage, ProjectReuse, Topic
from projects.spreadsheet.columns import external_id_of
from solutions.models import SolutionPage

from .models import Removal


def _absolute(request, page):
    """The page's address as the client reached this site (like the feeds and JSON-LD)."""
    path = page.get_url(request)
    return request.build_absolute_uri(path) if request is not None else path


class PageFields(serializers.ModelSerializer):
    """The record of a catalogue type's page, attached to its type (`core.catalogue`): the API's
    resource, the downloads and the DCAT catalogue's dataset of the type are made of it."""

    # The dataset the records make, as the DCAT catalogue describes it (in German).
    dataset_title = ""
    dataset_description = ""

    @classmethod
    def records(cls, pages):
        """`pages` with what their records show, loaded in a fixed number of queries."""
        return pages

    url = serializers.SerializerMethodField(help_text=_("Address of the page on this site."))
    first_published_at = serializers.DateTimeField(
        read_only=True, help_text=_("First publication (ISO 8601).")
    )
    last_published_at = serializers.DateTimeField(
        read_only=True, help_text=_("Last change of the published page (ISO 8601).")
    )

    def get_url(self, page) -> str:
        return _absolute(self.context.get("request"), page)


class TopicSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(help_text=_("Stable short name, used in filters."))
    name = serializers.CharField(help_text=_("Name of the topic."))
    description = serializers.CharField(help_text=_("What the topic covers."))

    class Meta:
        model = Topic
        fields = ["slug", "name", "description"]


class CityNameSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text=_("Short name in the URL, used in filters."))
    name = serializers.CharField(help_text=_("Name of the city."))


def _solution_field(name):
    """A solution's field as the API describes it: its help text, else its name."""
    field = SolutionPage._meta.get_field(name)
    return field.help_text or field.verbose_name


class SolutionSerializer(serializers.Serializer):
    """A solution cities use; the projects' records name the solutions they use."""

    slug = serializers.CharField(help_text=_("Stable short name, used in filters."))
    name = serializers.CharField(source="title", help_text=_("Name of the solution."))
    kind = serializers.CharField(help_text=_solution_field("kind"))
    description = serializers.CharField(help_text=_solution_field("description"))
    provider = serializers.CharField(help_text=_solution_field("provider"))
    origin_city = serializers.SerializerMethodField(help_text=_solution_field("origin_city"))
    licence_kind = serializers.CharField(help_text=_solution_field("licence_kind"))
    licence = serializers.CharField(help_text=_solution_field("licence"))
    repository_url = serializers.CharField(help_text=_solution_field("repository_url"))
    is_efa = serializers.BooleanField(help_text=_solution_field("is_efa"))
    maintenance = serializers.CharField(help_text=_solution_field("maintenance"))
    website = serializers.CharField(help_text=_solution_field("website"))
    project_count = serializers.IntegerField(
        help_text=_("Number of published projects that use it.")
    )
    url = serializers.SerializerMethodField(help_text=_("Address of the solution's page."))

    @extend_schema_field(CityNameSerializer(allow_null=True))
    def get_origin_city(self, solution):
        city = solution.origin_city
        return {"slug": city.slug, "name": city.title} if city and city.live else None

    def get_url(self, solution) -> str:
        return solution.get_full_url(self.context.get("request"))


class CityRefSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(help_text=_("Page id; stable."))
    slug = serializers.CharField(help_text=_("Short name in the URL, used in filters."))
    name = serializers.CharField(source="title", help_text=_("Name of the city."))
    ags = serializers.CharField(help_text=_("Official municipality key (AGS), 8 digits."))

    class Meta:
        model = CityPage
        fields = ["id", "slug", "name", "ags"]


# The shapes of the nested objects that method fields return, for the API's schema.


class TagRefSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text=_("Stable short name, used in filters."))
    name = serializers.CharField(help_text=_("Name of the tag."))


class PartnerRefSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text=_("Short name in the URL, used in filters."))
    name = serializers.CharField(help_text=_("Name of the city."))
    role = serializers.CharField(help_text=_("partner, tenant or adopter."))


class EthicsSerializer(serializers.Serializer):
    """The self-assessment's parts, each described by its model field's name."""

    def get_fields(self):
        return {
            name.removeprefix("ethics_"): serializers.CharField(
                help_text=ProjectPage._meta.get_field(name).verbose_name
            )
            for name in ProjectPage.ETHICS_FIELDS
        }


class SolutionRefSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text=_("Short name in the URL of the solution's page."))
    name = serializers.CharField(help_text=_("Name of the solution."))
    kind = serializers.CharField(help_text=SolutionPage._meta.get_field("kind").verbose_name)


class ReusedProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Page id of the other project; stable."))
    title = serializers.CharField(help_text=_("Title of the other project."))
    city = CityNameSerializer(allow_null=True, help_text=_("Its lead city, if it has one."))


def _reuse_field(name):
    return ProjectReuse._meta.get_field(name).verbose_name


class ReuseSerializer(serializers.Serializer):
    project = ReusedProjectSerializer(help_text=_("The project on the other side."))
    way = serializers.CharField(help_text=_reuse_field("way"))
    status = serializers.CharField(help_text=_reuse_field("status"))
    since = serializers.DateField(allow_null=True, help_text=_reuse_field("since"))
    effort_person_days = serializers.IntegerField(
        allow_null=True, help_text=_reuse_field("effort_person_days")
    )
    cost_range = serializers.CharField(help_text=_reuse_field("cost_range"))
    helped = serializers.CharField(help_text=_reuse_field("helped"))
    missing = serializers.CharField(help_text=_reuse_field("missing"))


class AgendaItemSerializer(serializers.Serializer):
    time = serializers.CharField(allow_null=True, help_text=_("Time (HH:MM) or null."))
    title = serializers.CharField(help_text=_("Title of the agenda item."))
    projects = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Ids of the projects presented.")
    )


class CitySerializer(PageFields):
    dataset_title = "Mitgliedsstädte des Arbeitskreises Digitalisierung"
    dataset_description = (
        "Städte im Arbeitskreis mit Gemeindeschlüssel, Region, Einwohnerzahl, Lage, Webseite "
        "und Open-Data-Portal."
    )

    id = serializers.IntegerField(help_text=_("Page id; stable."))
    slug = serializers.CharField(help_text=_("Short name in the URL, used in filters."))
    name = serializers.CharField(source="title", help_text=_("Name of the city."))
    ags = serializers.CharField(help_text=_("Official municipality key (AGS), 8 digits."))
    state = serializers.CharField(help_text=_("Federal state."))
    district = serializers.CharField(help_text=_("Administrative district (Regierungsbezirk)."))
    region = serializers.CharField(help_text=_("Region, e.g. ruhrgebiet."))
    population = serializers.IntegerField(help_text=_("Inhabitants (rounded)."))
    latitude = serializers.DecimalField(max_digits=8, decimal_places=5, help_text=_("WGS 84."))
    longitude = serializers.DecimalField(max_digits=8, decimal_places=5, help_text=_("WGS 84."))
    website = serializers.URLField(help_text=_("The city's website."))
    open_data_url = serializers.URLField(help_text=_("The city's open data portal."))
    strategy = serializers.SerializerMethodField(
        help_text=_("The city's digital strategy, plain text.")
    )

    class Meta:
        model = CityPage
        fields = [
            "id",
            "slug",
            "name",
            "ags",
            "state",
            "district",
            "region",
            "population",
            "latitude",
            "longitude",
            "website",
            "open_data_url",
            "strategy",
            "url",
            "first_published_at",
            "last_published_at",
        ]

    def get_strategy(self, city) -> str:
        return html_to_text(city.strategy)


def _public_reuses(project, prefetched, relation):
    """The confirmed reuse between public projects, as `for_export` loaded it (one record
    read alone loads it here)."""
    if hasattr(project, prefetched):
        return getattr(project, prefetched)
    return getattr(project, relation).confirmed().between_public_projects().for_display()


def _reuse(reuse, other):
    city = other.lead_city
    return {
        "project": {
            "id": other.pk,
            "title": other.title,
            "city": {"slug": city.slug, "name": city.title} if city else None,
        },
        "way": reuse.way,
        "status": reuse.status,
        "since": reuse.since.isoformat() if reuse.since else None,
        "effort_person_days": reuse.effort_person_days,
        "cost_range": reuse.cost_range,
        "helped": reuse.helped,
        "missing": reuse.missing,
    }


class ProjectSerializer(PageFields):
    dataset_title = "Digitalisierungsprojekte der Mitgliedsstädte"
    dataset_description = (
        "Projekte der Städte im Arbeitskreis Digitalisierung des Städtetags NRW: "
        "Herausforderung, Lösung, Ergebnisse, Status, Themen, Partnerstädte und "
        "Nachnutzbarkeit."
    )

    @classmethod
    def records(cls, pages):
        return pages.for_export()

    id = serializers.IntegerField(help_text=_("Page id; stable."))
    external_id = serializers.SerializerMethodField(
        help_text=_(
            "The city's own reference, or kd-<id> for projects entered on the platform. With "
            "city it identifies a project in the spreadsheet import."
        )
    )
    title = serializers.CharField(help_text=_("Title."))
    slug = serializers.CharField(help_text=_("Short name in the URL."))
    city = CityRefSerializer(source="lead_city", help_text=_("The lead city."))
    status = serializers.CharField(
        help_text=_("idea, planning, pilot, live, completed or stopped.")
    )
    teaser = serializers.CharField(help_text=_("Two or three sentences."))
    challenge = serializers.SerializerMethodField(help_text=_("The problem, plain text."))
    solution = serializers.SerializerMethodField(help_text=_("The solution, plain text."))
    results = serializers.SerializerMethodField(help_text=_("Results, plain text."))
    lessons_learned = serializers.SerializerMethodField(help_text=_("Lessons, plain text."))
    start_date = serializers.DateField(allow_null=True, help_text=_("Start (YYYY-MM-DD) or null."))
    go_live_date = serializers.DateField(
        allow_null=True, help_text=_("Go-live (YYYY-MM-DD) or null.")
    )
    topics = TopicSerializer(many=True, help_text=_("Topics of the working group's list."))
    tags = serializers.SerializerMethodField(help_text=_("Keywords: objects with slug and name."))
    partners = serializers.SerializerMethodField(
        help_text=_("Partner cities: objects with slug, name and role (partner, tenant, adopter).")
    )
    solutions = serializers.SerializerMethodField(
        help_text=_("Solutions the project uses: objects with slug, name and kind.")
    )
    reuses = serializers.SerializerMethodField(
        help_text=_(
            "Confirmed reuse of other projects („nutzt nach“): objects with project (id, title, "
            "city), way, status, since, effort_person_days, cost_range, helped, missing."
        )
    )
    reused_by = serializers.SerializerMethodField(
        help_text=_("Confirmed reuse of this project by others: objects as in reuses.")
    )
    seeks_adopters = serializers.BooleanField(
        help_text=_("Whether the city looks for cities to reuse the project.")
    )
    reuse_mode = serializers.CharField(
        help_text=_("open_source, tenant, concept, not_reusable or empty.")
    )
    reusable = serializers.BooleanField(
        source="is_reusable", help_text=_("Whether other cities can reuse the solution.")
    )
    licence = serializers.CharField(help_text=_("Licence of the solution."))
    repository_url = serializers.URLField(help_text=_("Source code repository."))
    budget_range = serializers.CharField(help_text=_("lt50k, 50k-250k, 250k-1m, gt1m or empty."))
    funding_programme = serializers.CharField(help_text=_("Funding programme."))
    uses_algorithmic_system = serializers.BooleanField(
        help_text=_("Whether an algorithmic system is used (then the ethics_* fields are set).")
    )
    ethics = serializers.SerializerMethodField(
        help_text=_(
            "Data ethics self-assessment: purpose, data, oversight, transparency, evaluation, "
            "complaints."
        )
    )
    confirmed_at = serializers.DateTimeField(
        read_only=True,
        help_text=_("When the city last confirmed the entry as up to date (ISO 8601) or null."),
    )
    possibly_outdated = serializers.BooleanField(
        source="is_stale",
        read_only=True,
        help_text=_("Not confirmed for longer than the platform's limit (18 months by default)."),
    )

    class Meta:
        model = ProjectPage
        fields = [
            "id",
            "external_id",
            "title",
            "slug",
            "city",
            "status",
            "teaser",
            "challenge",
            "solution",
            "results",
            "lessons_learned",
            "start_date",
            "go_live_date",
            "topics",
            "tags",
            "partners",
            "solutions",
            "reuses",
            "reused_by",
            "seeks_adopters",
            "reuse_mode",
            "reusable",
            "licence",
            "repository_url",
            "budget_range",
            "funding_programme",
            "uses_algorithmic_system",
            "ethics",
            "url",
            "first_published_at",
            "last_published_at",
            "confirmed_at",
            "possibly_outdated",
        ]

    def get_external_id(self, project) -> str:
        return external_id_of(project)

    def get_challenge(self, project) -> str:
        return html_to_text(project.challenge)

    def get_solution(self, project) -> str:
        return stream_to_text(project.solution)

    def get_results(self, project) -> str:
        return html_to_text(project.results)

    def get_lessons_learned(self, project) -> str:
        return html_to_text(project.lessons_learned)

    @extend_schema_field(TagRefSerializer(many=True))
    def get_tags(self, project):
        return [{"slug": tag.slug, "name": tag.name} for tag in project.sorted_tags()]

    @extend_schema_field(PartnerRefSerializer(many=True))
    def get_partners(self, project):
        return [
            {"slug": p.city.slug, "name": p.city.title, "role": p.role}
            for p in project.partners.all()
        ]

    @extend_schema_field(SolutionRefSerializer(many=True))
    def get_solutions(self, project):
        return [
            {"slug": s.slug, "name": s.title, "kind": s.kind} for s in project.public_solutions()
        ]

    @extend_schema_field(ReuseSerializer(many=True))
    def get_reuses(self, project):
        return [_reuse(r, r.origin) for r in _public_reuses(project, "public_reuses", "reuses")]

    @extend_schema_field(ReuseSerializer(many=True))
    def get_reused_by(self, project):
        return [
            _reuse(r, r.adopter) for r in _public_reuses(project, "public_reused_by", "reused_by")
        ]

    @extend_schema_field(EthicsSerializer)
    def get_ethics(self, project):
        return {
            name.removeprefix("ethics_"): getattr(project, name)
            for name in ProjectPage.ETHICS_FIELDS
        }


class EventSerializer(PageFields):
    dataset_title = "Sitzungen des Arbeitskreises Digitalisierung"
    dataset_description = "Termine des Arbeitskreises mit Ort, Format, Status und Tagesordnung."

    @classmethod
    def records(cls, pages):
        # Only the projects the public may see are named on the agenda.
        return pages.select_related("host_city").prefetch_related(
            Prefetch("agenda_items__projects", queryset=ProjectPage.objects.live().public())
        )

    id = serializers.IntegerField(help_text=_("Page id; stable."))
    title = serializers.CharField(help_text=_("Title of the meeting."))
    start = serializers.DateTimeField(help_text=_("Start (ISO 8601 with time zone)."))
    end = serializers.DateTimeField(help_text=_("End (ISO 8601 with time zone)."))
    format = serializers.CharField(help_text=_("in_person, online or hybrid."))
    status = serializers.CharField(help_text=_("The meeting's status, e.g. cancelled."))
    venue_name = serializers.CharField(help_text=_("Venue."))
    venue_address = serializers.CharField(help_text=_("Address of the venue."))
    host_city = CityRefSerializer(allow_null=True, help_text=_("The hosting city, or null."))
    description = serializers.SerializerMethodField(help_text=_("Description, plain text."))
    agenda = serializers.SerializerMethodField(
        help_text=_("Agenda items: time, title and the ids of the projects presented.")
    )
    ical_url = serializers.SerializerMethodField(help_text=_("The meeting as an iCal file."))

    class Meta:
        model = EventPage
        fields = [
            "id",
            "title",
            "start",
            "end",
            "format",
            "status",
            "venue_name",
            "venue_address",
            "host_city",
            "description",
            "agenda",
            "url",
            "ical_url",
            "first_published_at",
            "last_published_at",
        ]

    def get_description(self, event) -> str:
        return html_to_text(event.description)

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, event):
        # Speakers are people: their names stay on the members' pages.
        return [
            {
                "time": item.time.isoformat(timespec="minutes") if item.time else None,
                "title": item.title,
                "projects": sorted(project.pk for project in item.projects.all()),
            }
            for item in event.agenda_items.all()
        ]

    def get_ical_url(self, event) -> str:
        return _absolute(self.context.get("request"), event) + "termin.ics"


class RemovalSerializer(serializers.ModelSerializer):
    type = serializers.CharField(
        source="kind", help_text=_("Kind of record: project, city or event.")
    )
    id = serializers.IntegerField(
        source="record_id", help_text=_("Id of the record in its resource; drop your copy.")
    )
    removed_at = serializers.DateTimeField(
        help_text=_("When it was unpublished, deleted or made private (ISO 8601).")
    )

    class Meta:
        model = Removal
        fields = ["type", "id", "removed_at"]


def attach_serializers():
    """Called from the open data app's `ready()`: each type's record, attached to its type."""
    for kind, serializer in (
        ("project", ProjectSerializer),
        ("city", CitySerializer),
        ("event", EventSerializer),
    ):
        catalogue.attach(kind, serializer=serializer)
