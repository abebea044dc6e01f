"""The embedded default: Wagtail's database search (SQLite FTS5, PostgreSQL full text), with the
same query language, filters and facets computed from the database."""

from collections import Counter

from django.utils.html import strip_tags

from wagtail.models import Page
from wagtail.search.query import And, Not, Phrase, PlainText

from search.highlight import mark_words

from . import MAX_RESULTS, Hit, SearchResponse

FACET_NAMES = ("type", "city", "region", "topic", "tag", "status", "year")


def _models(scope):
    from cities.models import CityPage
    from events.models import EventPage
    from projects.models import ProjectPage

    return {
        "all": [ProjectPage, EventPage, CityPage],
        "content": [ProjectPage, EventPage],
        "places": [CityPage, EventPage],
    }[scope]


def facet_rows(models, only=None):
    """pk → facet values of the live, public pages of these types (or of the pks in `only`).

    Plain value queries, no model instances: this runs for every search on the database."""
    from cities.models import CityPage
    from events.models import EventPage
    from projects.models import ProjectPage

    rows = {}
    for model in models:
        pages = model.objects.live().public()
        if only is not None:
            pages = pages.filter(pk__in=only)
        if model is ProjectPage:
            fields = (
                "pk",
                "lead_city__slug",
                "lead_city__region",
                "status",
                "go_live_date",
                "start_date",
            )
            for pk, city, region, status, go_live, start in pages.values_list(*fields):
                when = go_live or start
                rows[pk] = {
                    "type": "project",
                    "city": city,
                    "region": region or None,
                    "topic": set(),
                    "tag": set(),
                    "status": status,
                    "year": when.year if when else None,
                }
            for pk, slug in ProjectPage.topics.through.objects.filter(
                projectpage_id__in=rows
            ).values_list("projectpage_id", "topic__slug"):
                rows[pk]["topic"].add(slug)
            for pk, slug in ProjectPage.tags.through.objects.filter(
                content_object_id__in=rows
            ).values_list("content_object_id", "tag__slug"):
                rows[pk]["tag"].add(slug)
        elif model is EventPage:
            fields = ("pk", "host_city__slug", "host_city__region", "status", "start")
            for pk, city, region, status, start in pages.values_list(*fields):
                rows[pk] = {
                    "type": "event",
                    "city": city,
                    "region": region or None,
                    "topic": set(),
                    "tag": set(),
                    "status": status,
                    "year": start.year,
                }
        elif model is CityPage:
            for pk, slug, region in pages.values_list("pk", "slug", "region"):
                rows[pk] = {
                    "type": "city",
                    "city": slug,
                    "region": region or None,
                    "topic": set(),
                    "tag": set(),
                    "status": None,
                    "year": None,
                }
    return rows


def _matches(row, filters):
    for name, value in filters.items():
        have = row.get(name)
        if isinstance(have, set):
            if value not in have:
                return False
        elif str(have) != str(value):
            return False
    return True


def _expression(query):
    parts = []
    if query.words:
        parts.append(PlainText(" ".join(query.words), operator="and"))
    parts.extend(Phrase(phrase) for phrase in query.phrases)
    parts.extend(Not(PlainText(word)) for word in query.excluded)
    return parts[0] if len(parts) == 1 else And(parts)


STOPWORDS = {
    "aber",
    "alle",
    "allem",
    "allen",
    "aller",
    "alles",
    "also",
    "auch",
    "auf",
    "aus",
    "bei",
    "beim",
    "bis",
    "dabei",
    "damit",
    "dann",
    "darf",
    "das",
    "dass",
    "dem",
    "den",
    "der",
    "des",
    "die",
    "dies",
    "diese",
    "diesem",
    "diesen",
    "dieser",
    "doch",
    "dort",
    "durch",
    "ein",
    "eine",
    "einem",
    "einen",
    "einer",
    "eines",
    "für",
    "gegen",
    "hat",
    "hatte",
    "haben",
    "hier",
    "ihr",
    "ihre",
    "ihrem",
    "ihren",
    "ihrer",
    "im",
    "in",
    "ist",
    "jede",
    "jeder",
    "kann",
    "kein",
    "keine",
    "können",
    "man",
    "mehr",
    "mit",
    "muss",
    "nach",
    "nicht",
    "noch",
    "nur",
    "oder",
    "ohne",
    "sehr",
    "sein",
    "sich",
    "sie",
    "sind",
    "so",
    "soll",
    "sollen",
    "über",
    "um",
    "und",
    "uns",
    "unter",
    "viel",
    "vom",
    "von",
    "vor",
    "war",
    "waren",
    "was",
    "weil",
    "wenn",
    "wer",
    "werden",
    "wie",
    "wir",
    "wird",
    "wurde",
    "zu",
    "zum",
    "zur",
    "zwischen",
}


def significant_words(text, limit=30):
    """The words of a description that say what it is about (for the database peer finder)."""
    words = [w.strip(".,;:!?()\"'„“–-").lower() for w in (text or "").split()]
    counts = Counter(w for w in words if len(w) >= 4 and w not in STOPWORDS and w.isalpha())
    return [word for word, _count in counts.most_common(limit)]


class DatabaseBackend:
    name = "database"

    def similar_to_text(self, text, exclude_pk=None, limit=20):
        from projects.models import ProjectPage

        words = significant_words(text)
        if not words:
            return []
        projects = ProjectPage.objects.live().public()
        if exclude_pk:
            projects = projects.exclude(pk=exclude_pk)
        results = projects.search(PlainText(" ".join(words), operator="or"))[:limit]
        return [(project.pk, mark_words(project.teaser, words)) for project in results]

    def autocomplete(self, text, limit=8):
        from cities.models import CityPage
        from events.models import EventPage
        from projects.models import ProjectPage

        pages = Page.objects.live().public().type(ProjectPage, EventPage, CityPage)
        results = pages.specific().autocomplete(text)[:limit]
        return [
            {
                "title": page.title,
                "url": page.url,
                "kind": {"projectpage": "project", "eventpage": "event", "citypage": "city"}[
                    page._meta.model_name
                ],
                "city": "",
            }
            for page in results
        ]

    def suggest(self, query):
        """ "Meinten Sie …" from the database: the closest known words of titles, topics, tags."""
        import difflib

        from projects.models import Topic, public_tags

        vocabulary = set()
        titles = Page.objects.live().public().values_list("title", flat=True)
        for text in [
            *titles,
            *Topic.objects.values_list("name", flat=True),
            *public_tags().values_list("name", flat=True),
        ]:
            vocabulary.update(w.strip('.,:;()„“"').lower() for w in text.split())
        corrected = []
        for word in query.words:
            match = difflib.get_close_matches(word.lower(), vocabulary, n=1, cutoff=0.75)
            corrected.append(match[0] if match else word)
        if [w.lower() for w in corrected] == [w.lower() for w in query.words]:
            return None
        return " ".join(corrected)

    def search(self, request):
        query = request.query
        models = _models(query.scope)
        pages = Page.objects.live().public().type(*models)
        if request.filters:
            rows = facet_rows(models)
            allowed = [pk for pk, row in rows.items() if _matches(row, request.filters)]
            pages = pages.filter(id__in=allowed)
        if request.sort == "date":
            results = pages.order_by("-first_published_at").search(
                _expression(query), order_by_relevance=False
            )
        else:
            results = pages.search(_expression(query))
        pks = [page.pk for page in results[:MAX_RESULTS]]
        if not request.filters:
            rows = facet_rows(models, only=pks)

        facets = {}
        for name in FACET_NAMES:
            counter = Counter()
            for pk in pks:
                value = rows[pk][name]
                for item in value if isinstance(value, set) else [value]:
                    if item is not None:
                        counter[item] += 1
            facets[name] = counter.most_common(50)

        window = pks[request.offset : request.offset + request.per_page]
        specific = {p.pk: p for p in Page.objects.filter(pk__in=window).specific()}
        hits = [self._hit(specific[pk], query) for pk in window if pk in specific]
        return SearchResponse(hits=hits, total=len(pks), facets=facets, engine=self.name)

    @staticmethod
    def _hit(page, query):
        kind = {"projectpage": "project", "eventpage": "event", "citypage": "city"}[
            page._meta.model_name
        ]
        city = getattr(page, "lead_city", None) or getattr(page, "host_city", None)
        text = getattr(page, "teaser", "") or strip_tags(
            str(getattr(page, "strategy", "") or getattr(page, "description", ""))
        )
        if kind == "event":
            text = f"{page.venue_name} {page.venue_address} {text}".strip()
        return Hit(
            kind=kind,
            pk=page.pk,
            title=page.title,
            url=page.url,
            snippet=mark_words(text, [*query.words, *query.phrases]),
            city_name=city.title if city else (page.title if kind == "city" else ""),
            date=getattr(page, "start", None) or page.first_published_at,
        )
