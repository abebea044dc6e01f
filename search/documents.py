"""What the engine stores: one elasticsearch-dsl Document per searchable page type.

Every document shares the same fields, so one query and one set of facets serve all types.
Only live, public pages are indexed. Index names carry a prefix (environment) and a version;
searches go through the alias.
"""

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
from django.utils.html import strip_tags

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
    status = Keyword()
    year = Integer()
    date = Date()
    url = Keyword(index=False)

    # Subclasses set `page_model` and `kind`.
    kind = None

    @classmethod
    def alias(cls):
        return f"{settings.SEARCH_INDEX_PREFIX}-{cls.kind}"

    @classmethod
    def pages(cls):
        return cls.page_model().objects.live().public()

    @classmethod
    def from_page(cls, page, urls=None):
        doc = cls(meta={"id": page.pk})
        doc.doc_type = cls.kind
        doc.title = page.title
        doc.url = urls(page) if urls else page.url
        cls.prepare(doc, page)
        return doc


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


def _plain(value):
    return strip_tags(str(value or "")).strip()


def stream_text(stream):
    """The words of a StreamField, read from its stored data (no template rendering)."""
    parts = []
    for block in stream.raw_data:
        value = block.get("value")
        if isinstance(value, str):
            parts.append(strip_tags(value))
        elif isinstance(value, dict):
            parts.extend(
                str(value[key])
                for key in ("text", "title", "caption", "attribution")
                if value.get(key)
            )
    return " ".join(parts)


class ProjectDocument(PageDocument):
    kind = "project"

    class Index:
        name = "placeholder"  # set per call: versioned index behind an alias

    @staticmethod
    def page_model():
        from projects.models import ProjectPage

        return ProjectPage

    @classmethod
    def pages(cls):
        return (
            super()
            .pages()
            .select_related("lead_city")
            .prefetch_related("topics", "tagged_items__tag")
        )

    @classmethod
    def prepare(cls, doc, page):
        city = page.lead_city
        # Through the prefetched tagged items: the tag manager would query once per page.
        topics, tags = list(page.topics.all()), [item.tag for item in page.tagged_items.all()]
        doc.teaser = page.teaser
        doc.text = " ".join(
            _plain(part)
            for part in (
                page.challenge,
                stream_text(page.solution),
                page.results,
                page.lessons_learned,
            )
        )
        doc.places = city.title if city else ""
        doc.city = city.slug if city else None
        doc.city_name = city.title if city else None
        doc.region = city.region if city else None
        doc.topics = [t.slug for t in topics]
        doc.topic_names = [t.name for t in topics]
        doc.tags = [t.slug for t in tags]
        doc.tag_names = [t.name for t in tags]
        doc.status = page.status
        when = page.go_live_date or page.start_date
        doc.year = when.year if when else None
        doc.date = page.first_published_at


class CityDocument(PageDocument):
    kind = "city"

    class Index:
        name = "placeholder"

    @staticmethod
    def page_model():
        from cities.models import CityPage

        return CityPage

    @classmethod
    def prepare(cls, doc, page):
        doc.teaser = _plain(page.strategy)[:300]
        doc.text = _plain(page.strategy)
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

    class Index:
        name = "placeholder"

    @staticmethod
    def page_model():
        from events.models import EventPage

        return EventPage

    @classmethod
    def pages(cls):
        return super().pages().select_related("host_city")

    @classmethod
    def prepare(cls, doc, page):
        city = page.host_city
        agenda = " ".join(f"{item.title} {item.speakers}" for item in page.agenda_items.all())
        doc.teaser = page.search_description or _plain(page.description)[:300]
        doc.text = f"{_plain(page.description)} {agenda}"
        doc.places = " ".join(
            filter(None, [page.venue_name, page.venue_address, city.title if city else ""])
        )
        doc.city = city.slug if city else None
        doc.city_name = city.title if city else None
        doc.region = city.region if city else None
        doc.status = page.status
        doc.year = page.start.year
        doc.date = page.start


DOCUMENTS = [ProjectDocument, CityDocument, EventDocument]


def document_for(page):
    for document in DOCUMENTS:
        if isinstance(page, document.page_model()):
            return document
    return None
