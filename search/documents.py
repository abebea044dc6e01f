"""What the engine stores: one elasticsearch-dsl Document per catalogue type.

Every document shares the same fields, so one query and one set of facets serve all types.
Only live, public pages are indexed. Index names carry a prefix (environment) and a version;
searches go through the alias. Each document also says what its type means to search on the
database backend (scopes, where the facets' values live), so that a type's search is described
in one place; the search app attaches the documents to the catalogue types (`core.catalogue`).
"""

from collections import defaultdict

from elasticsearch.dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    SearchAsYouType,
    Text,
    analyzer,
)

from django.conf import settings
from django.db.models import Case, Value, When
from django.db.models.functions import Coalesce, ExtractYear

from cities.models import CityPage
from core import catalogue, german
from core.text import html_words
from projects.models import REUSABLE_MODES, ProjectPage, ProjectTag
from solutions.models import SolutionPage

# German stemming for the main fields (Termine/Termin, Häuser/Haus, Bürgerbüro/Buergerbuero);
# an ASCII-folded subfield so that Bürgerbüro and Burgerburo find each other too.
folded = analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])


def german_text(**kwargs):
    return Text(analyzer="german", fields={"folded": Text(analyzer=folded)}, **kwargs)


class PageDocument(Document):
    doc_type = Keyword()
    title = Text(
        analyzer="german",
        fields={"folded": Text(analyzer=folded), "suggest": SearchAsYouType(analyzer=folded)},
    )
    teaser = german_text()
    text = german_text()
    places = german_text()
    city = Keyword()
    city_name = Keyword()
    region = Keyword()
    topics = Keyword(multi=True)
    topic_names = german_text(multi=True)
    tags = Keyword(multi=True)
    tag_names = Text(
        analyzer="german",
        multi=True,
        fields={"folded": Text(analyzer=folded), "suggest": SearchAsYouType(analyzer=folded)},
    )
    solutions = Keyword(multi=True)
    solution_names = german_text(multi=True)
    compounds = german_text()
    status = Keyword()
    year = Integer()
    reusable = Keyword()  # "yes" | "no" on projects (`ProjectPage.is_reusable`)
    date = Date()
    # „zuletzt bestätigt“ of a project: search ranks those confirmed before
    # STALE_AFTER_MONTHS lower (ElasticsearchBackend.build).
    confirmed = Date()
    url = Keyword(index=False)

    # Subclasses set these.
    kind = None  # the catalogue type (`core.catalogue`)
    # The query language's scopes that search this type besides the whole catalogue:
    # "content" (`Content:`), "places" (`Ort:`).
    scopes = ()
    # Where each facet's value lives on the page, for the database backend (the engine reads
    # the fields above); a facet missing here: the type has no such value.
    facet_lookups = {}

    @classmethod
    def page_model(cls):
        return catalogue.get(cls.kind).model

    @classmethod
    def alias(cls):
        return f"{settings.SEARCH_INDEX_PREFIX}-{cls.kind}"

    @classmethod
    def pages(cls):
        return catalogue.get(cls.kind).pages()

    @classmethod
    def pages_showing(cls, page):
        """Live pages of this type whose documents show something of `page` (a city's name on
        its projects): they are indexed again when `page` is published."""
        return cls.page_model().objects.none()

    @classmethod
    def from_page(cls, page, urls=None, related=None):
        """`related`: what `bulk_related()` loaded for a rebuild; None for a single page."""
        doc = cls(meta={"id": page.pk})
        doc.doc_type = cls.kind
        doc.title = page.title
        doc.url = urls(page) if urls else page.url
        cls.prepare(doc, page, related)
        doc.compounds = german.compound_text(
            " ".join(
                [
                    doc.title,
                    doc.teaser or "",
                    doc.text or "",
                    *(doc.tag_names or []),
                    *(doc.topic_names or []),
                    *(doc.solution_names or []),
                ]
            )
        )
        return doc

    @classmethod
    def bulk_related(cls):
        return None


class SiteUrls:
    """Page URLs for a bulk load, from the tree paths: `page.url` reverses a route per page."""

    def __init__(self):
        from django.urls import reverse

        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        self.root = site.root_page.url_path if site else None
        self.prefix = reverse("wagtail_serve", args=[""])

    def __call__(self, page):
        if self.root and page.url_path.startswith(self.root):
            return self.prefix + page.url_path[len(self.root) :]
        return page.url


def stream_text(stream):
    """The words of a StreamField, read from its stored data (no template rendering)."""
    parts = []
    for block in stream.raw_data:
        value = block.get("value")
        if isinstance(value, str):
            parts.append(html_words(value))
        elif isinstance(value, dict):
            parts.extend(
                str(value[key])
                for key in ("text", "title", "caption", "attribution")
                if value.get(key)
            )
    return " ".join(parts)


class ProjectDocument(PageDocument):
    kind = "project"
    scopes = ("content",)
    facet_lookups = {
        "city": "lead_city__slug",
        "region": "lead_city__region",
        "topic": "topics__slug",
        "tag": "tags__slug",
        "solution": "solutions__slug",
        "status": "status",
        "year": Coalesce(ExtractYear("go_live_date"), ExtractYear("start_date")),
        "reusable": Case(
            When(reuse_mode__in=REUSABLE_MODES, then=Value("yes")), default=Value("no")
        ),
    }

    class Index:
        name = "placeholder"  # set per call: versioned index behind an alias

    @classmethod
    def pages_showing(cls, page):
        if isinstance(page, CityPage):
            return cls.page_model().objects.live().filter(lead_city=page)
        if isinstance(page, SolutionPage):
            return cls.page_model().objects.live().filter(solutions=page)
        return super().pages_showing(page)

    @classmethod
    def bulk_related(cls):
        """Cities, topics, tags and live solutions of every project in four queries, as plain
        tuples: model instances and related managers per page would cost more than the rest of
        a rebuild."""
        cities = {
            pk: (slug, title, region)
            for pk, slug, title, region in CityPage.objects.values_list(
                "pk", "slug", "title", "region"
            )
        }
        topics, tags = defaultdict(list), defaultdict(list)
        through = ProjectPage.topics.through.objects.order_by("topic__name")
        for project, slug, name in through.values_list(
            "projectpage_id", "topic__slug", "topic__name"
        ):
            topics[project].append((slug, name))
        for project, slug, name in ProjectTag.objects.order_by("pk").values_list(
            "content_object_id", "tag__slug", "tag__name"
        ):
            tags[project].append((slug, name))
        solutions = defaultdict(list)
        used = ProjectPage.solutions.through.objects.filter(solutionpage__live=True)
        for project, slug, name in used.order_by("solutionpage__title").values_list(
            "projectpage_id", "solutionpage__slug", "solutionpage__title"
        ):
            solutions[project].append((slug, name))
        return {"cities": cities, "topics": topics, "tags": tags, "solutions": solutions}

    @classmethod
    def prepare(cls, doc, page, related=None):
        if related is None:
            city = page.lead_city
            city = (city.slug, city.title, city.region) if city else None
            topics = [(t.slug, t.name) for t in page.topics.all()]
            tags = [(t.slug, t.name) for t in page.tags.all()]
            solutions = [(s.slug, s.title) for s in page.public_solutions()]
        else:
            city = related["cities"].get(page.lead_city_id)
            topics, tags = related["topics"].get(page.pk, []), related["tags"].get(page.pk, [])
            solutions = related["solutions"].get(page.pk, [])
        doc.teaser = page.teaser
        doc.text = " ".join(
            html_words(part)
            for part in (
                page.challenge,
                stream_text(page.solution),
                page.results,
                page.lessons_learned,
            )
        )
        slug, title, region = city or (None, None, None)
        doc.places = title or ""
        doc.city = slug
        doc.city_name = title
        doc.region = region or None
        doc.topics = [slug for slug, _name in topics]
        doc.topic_names = [name for _slug, name in topics]
        doc.tags = [slug for slug, _name in tags]
        doc.tag_names = [name for _slug, name in tags]
        # A search for a product's name finds the projects that use it.
        doc.solutions = [slug for slug, _name in solutions]
        doc.solution_names = [name for _slug, name in solutions]
        doc.status = page.status
        when = page.go_live_date or page.start_date
        doc.year = when.year if when else None
        doc.reusable = "yes" if page.is_reusable else "no"
        doc.date = page.first_published_at
        doc.confirmed = page.confirmed_at


class CityDocument(PageDocument):
    kind = "city"
    scopes = ("places",)
    facet_lookups = {"city": "slug", "region": "region"}

    class Index:
        name = "placeholder"

    @classmethod
    def prepare(cls, doc, page, related=None):
        doc.teaser = html_words(page.strategy)[:300]
        doc.text = html_words(page.strategy)
        doc.places = " ".join(
            filter(
                None,
                [page.title, page.get_region_display(), page.get_district_display(), page.state],
            )
        )
        doc.city = page.slug
        doc.city_name = page.title
        doc.region = page.region or None
        doc.date = page.first_published_at


class EventDocument(PageDocument):
    kind = "event"
    scopes = ("content", "places")
    facet_lookups = {
        "city": "host_city__slug",
        "region": "host_city__region",
        "status": "status",
        "year": ExtractYear("start"),
    }

    class Index:
        name = "placeholder"

    @classmethod
    def pages(cls):
        return super().pages().select_related("host_city")

    @classmethod
    def pages_showing(cls, page):
        if isinstance(page, CityPage):
            return cls.page_model().objects.live().filter(host_city=page)
        return super().pages_showing(page)

    @classmethod
    def prepare(cls, doc, page, related=None):
        city = page.host_city
        # Speakers' names are personal data, shown to members only: not searchable.
        agenda = " ".join(item.title for item in page.agenda_items.all())
        doc.teaser = page.search_description or html_words(page.description)[:300]
        doc.text = f"{html_words(page.description)} {agenda}"
        doc.places = " ".join(
            filter(None, [page.venue_name, page.venue_address, city.title if city else ""])
        )
        doc.city = city.slug if city else None
        doc.city_name = city.title if city else None
        doc.region = city.region if city else None
        doc.status = page.status
        doc.year = page.start.year
        doc.date = page.start


def attach_documents():
    """Called from the search app's `ready()`: each type's document, attached to its type."""
    for document in (ProjectDocument, CityDocument, EventDocument):
        catalogue.attach(document.kind, document=document)


def documents():
    """The documents of the catalogue's types, in the catalogue's order."""
    return [t.document for t in catalogue.types() if t.document is not None]


def document_for(page):
    """The document of a page's type (a plain `Page` too); None for pages not searched."""
    catalogue_type = catalogue.of(page)
    return catalogue_type.document if catalogue_type else None


def document_of(kind):
    return catalogue.get(kind).document
