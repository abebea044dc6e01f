"""The embedded default: Wagtail's database search (SQLite FTS5, PostgreSQL full text), with the
same query language, filters and facets computed from the database."""

import difflib
from collections import Counter
from itertools import combinations

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q

from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.query import And, Not, Or, Phrase, PlainText

from cities.models import CityPage
from core import catalogue, german
from core.pages import all_pages
from core.text import html_words
from projects.models import ProjectPage, Topic, public_tags
from search.expansion import concepts, required_matches
from search.facets import FACET_NAMES
from search.highlight import mark_words

from . import MAX_RESULTS, Hit, SearchResponse, sqlite_ranking


def _models(scope):
    """The page models a scope of the query language searches (see `PageDocument.scopes`)."""
    return [
        t.model
        for t in catalogue.types()
        if t.document is not None and (scope == "all" or scope in t.document.scopes)
    ]


def _kind(model):
    return catalogue.of(model).kind


def _lookups(model):
    """Where each facet lives on this type's pages (None: the type has no such value)."""
    return catalogue.of(model).document.facet_lookups


def _filtered(model, filters):
    """The live, public pages of one type that pass every filter, as one SQL query."""
    kind = _kind(model)
    pages = model.objects.live().public()
    for name, value in filters.items():
        if name == "type":
            if value != kind:
                return model.objects.none()
            continue
        field = _lookups(model).get(name)
        if field is None:
            return model.objects.none()
        # Several values (typed filters: `#KI #Chatbot`): every one must hold.
        for one in value if isinstance(value, list | tuple) else [value]:
            if isinstance(field, str):
                pages = pages.filter(**{field: one})
                continue
            if name == "year" and not str(one).isdigit():
                return model.objects.none()
            pages = pages.annotate(**{f"facet_{name}": field}).filter(
                **{f"facet_{name}": int(one) if name == "year" else one}
            )
    return pages


# Facets a page can have several values of (one row per value in a join).
MULTI_VALUED = ("topic", "tag", "solution")


def facet_counts(models, pks):
    """How many of the found pages have each facet value, over the found pages only (at most
    MAX_RESULTS), never over the whole catalogue: one query per page type for the facets with
    one value per page, one per facet with several, counted here."""
    counts = {name: Counter() for name in FACET_NAMES}
    for model in models:
        kind = _kind(model)
        pages = model.objects.filter(sqlite_ranking.pk_in(pks)).order_by()
        single = {n: f for n, f in _lookups(model).items() if n not in MULTI_VALUED}
        rows = pages.annotate(
            **{f"facet_{n}": F(f) if isinstance(f, str) else f for n, f in single.items()}
        ).values_list(*(f"facet_{n}" for n in single))
        found = 0
        for row in rows:
            found += 1
            for name, value in zip(single, row, strict=True):
                if value not in (None, ""):
                    counts[name][value] += 1
        if not found:
            continue
        counts["type"][kind] = found
        for name in MULTI_VALUED:
            field = _lookups(model).get(name)
            if field:
                for _pk, value in pages.values_list("pk", field).distinct():
                    if value not in (None, ""):
                        counts[name][value] += 1
    return {name: counter.most_common(50) for name, counter in counts.items()}


def _alternatives(term):
    """A term as typed and as folded stems (the pages' `word_forms` hold those)."""
    pieces = term.replace("-", " ").split()
    stems = " ".join(german.stem(piece) for piece in pieces)
    if len(pieces) > 1:
        return [Phrase(" ".join(pieces)), PlainText(stems, operator="and")]
    return [PlainText(term), PlainText(stems)]


def _concept(concept, expand=True):
    """What may stand for one concept of the query in a page: see search.expansion.
    `expand`: False – the words as typed; True – also synonyms and the compound's head and
    parts together; "loose" – also any single part of a compound; "typo" – also known words
    of a near spelling."""
    alternatives = _alternatives(concept.text)
    if not expand:
        return Or(alternatives)
    if expand == "loose":
        alternatives += [PlainText(german.stem(p)) for p in concept.parts[:-1]]
    if expand == "typo":
        known = known_words()
        alternatives += [
            PlainText(near) for word in concept.words for near in _near_spellings(word, known)
        ]
    for term in concept.synonyms:
        alternatives += _alternatives(term)
    if concept.head:
        alternatives.append(PlainText(german.stem(concept.head)))
    if len(concept.parts) > 1:
        alternatives.append(PlainText(" ".join(german.stem(p) for p in concept.parts)))
    return Or(alternatives)


VOCABULARY_KEY = "search:known-words"


def known_words():
    """The words of public titles, teasers, topics and tags (lower case): what the database
    search can be corrected towards. Cached until something is published or unpublished."""
    words = cache.get(VOCABULARY_KEY)
    if words is None:
        texts = [
            *all_pages().live().public().values_list("title", flat=True),
            *ProjectPage.objects.live().public().values_list("teaser", flat=True),
            *Topic.objects.values_list("name", flat=True),
            *public_tags().values_list("name", flat=True),
        ]
        words = sorted({w.lower() for text in texts for w in german.words(text) if len(w) >= 3})
        cache.set(VOCABULARY_KEY, words, 24 * 3600)
    return words


def _near_spellings(word, known):
    """Known words a typo may stand for (Terminvegabe → terminvergabe); none for known words."""
    if len(word) < 5 or word.lower() in known:
        return []
    return difflib.get_close_matches(word.lower(), known, n=2, cutoff=0.8)


def _stems_of(concept):
    """Every stem that stands for the concept: its words, synonyms and head."""
    terms = [concept.text, *concept.synonyms, concept.head]
    return {german.stem(word) for term in terms for word in german.words(term)}


# More concepts than this are searched as "any of them" (the combinations would explode).
MAX_COMBINED = 6


def _all_concepts(query, expand):
    """Every concept, or with three and more all but a few (as on the engine): as an "or" of
    the combinations that are enough, which the database's full text search can answer."""
    terms = [_concept(c, expand) for c in concepts(query.words)]
    if len(terms) <= 1:
        return terms
    needed = required_matches(len(terms))
    if needed == len(terms):
        return [And(terms)]
    if len(terms) > MAX_COMBINED:
        return [Or(terms)]
    return [Or([And(list(group)) for group in combinations(terms, needed)])]


def _expression(query, expand=True):
    parts = _all_concepts(query, expand)
    parts.extend(Phrase(phrase) for phrase in query.phrases)
    parts.extend(Not(PlainText(word)) for word in query.excluded)
    return parts[0] if len(parts) == 1 else And(parts)


def significant_words(text, limit=30):
    """The words of a description that say what it is about (for the database peer finder):
    the most frequent words that are no stop words, hyphenated words in their parts."""
    counts = Counter(
        word.lower()
        for word in german.words((text or "").replace("-", " "))
        if len(word) >= 4 and word.lower() not in german.STOPWORDS
    )
    return [word for word, _count in counts.most_common(limit)]


def _matching(pages, expression, allowed=None):
    """pks of the pages that match, in the database's order of relevance. `allowed`: on
    SQLite, the pks of `pages` if read already (sqlite_ranking.allowed_pks)."""
    if sqlite_ranking.applies():
        found = sqlite_ranking.ranked_pks(pages, expression, MAX_RESULTS, allowed)
        if found is not None:
            return found
    return [page.pk for page in pages.only("pk").search(expression)[:MAX_RESULTS]]


class DatabaseBackend:
    name = "database"

    def similar_to_text(self, text, exclude_pk=None, limit=20):
        words = significant_words(text)
        if not words:
            return []
        projects = ProjectPage.objects.live().public()
        if exclude_pk:
            projects = projects.exclude(pk=exclude_pk)
        # The words as written (titles, texts) and their stems (`word_forms`): the database
        # does not stem, and a description says „Ratssitzungen“ where a project says „Rat“.
        stems = dict.fromkeys(german.stem(word) for word in words)
        terms = " ".join(dict.fromkeys([*words, *stems]))
        found = _matching(projects, PlainText(terms, operator="or"))[:limit]
        teasers = dict(ProjectPage.objects.filter(pk__in=found).values_list("pk", "teaser"))
        return [(pk, mark_words(teasers[pk], words)) for pk in found]

    def peer_candidates(self, text, exclude_pk=None, limit=20):
        """None: a full text search over a project's significant words (`similar_to_text`)
        matches most of the catalogue and ranks every match – seconds at 1,000 projects, more
        with each project. On the database a project's peers come from the topics and tags it
        shares (`ProjectPage.similar_projects`, one aggregation), ranked by shared words."""
        return []

    def projects_like(self, profile, depth=60):
        """pks of projects of other cities like a city's (`CityProfile`), best first: one
        query weighing the topics and tags each shares with the city's projects."""
        if not profile.topics and not profile.tags:
            return []
        return (
            ProjectPage.objects.live()
            .public()
            .exclude(lead_city__slug=profile.city_slug)
            .sharing_labels(
                Topic.objects.filter(slug__in=profile.topics),
                Tag.objects.filter(slug__in=profile.tags),
                depth,
            )
        )

    def autocomplete(self, text, limit=8):
        pages = all_pages().live().public().type(*_models("all"))
        results = pages.specific().autocomplete(text)[:limit]
        return [
            {"title": page.title, "url": page.url, "kind": _kind(type(page)), "city": ""}
            for page in results
        ]

    def suggest(self, query):
        """ "Meinten Sie …" from the database: the closest known words of titles, topics, tags."""
        words = known_words()
        corrected = []
        for word in query.words:
            match = difflib.get_close_matches(word.lower(), words, n=1, cutoff=0.75)
            corrected.append(match[0] if match else word)
        if [w.lower() for w in corrected] == [w.lower() for w in query.words]:
            return None
        return " ".join(corrected)

    def search(self, request):
        query = request.query
        models = _models(query.scope)
        pages = all_pages().live().public().type(*models)
        if request.filters:
            allowed = Q()
            for model in models:
                allowed |= Q(id__in=_filtered(model, request.filters).values("pk"))
            pages = pages.filter(allowed)
        if query.is_empty:
            # Only typed filters (`Thema: Mobilität`): every page that passes them, newest first.
            pks = self._without_text(pages, query)
        elif request.sort == "date":
            results = pages.order_by("-first_published_at").search(
                _expression(query), order_by_relevance=False
            )
            pks = [page.pk for page in results[:MAX_RESULTS]]
        else:
            pks = self._ranked(pages, query)
        facets = facet_counts(models, pks)

        window = pks[request.offset : request.offset + request.per_page]
        specific = {p.pk: p for p in Page.objects.filter(pk__in=window).specific()}
        city_ids = {
            getattr(page, "lead_city_id", None) or getattr(page, "host_city_id", None)
            for page in specific.values()
        }
        cities = dict(CityPage.objects.filter(pk__in=city_ids).values_list("pk", "title"))
        hits = [self._hit(specific[pk], query, cities) for pk in window if pk in specific]
        return SearchResponse(hits=hits, total=len(pks), facets=facets, engine=self.name)

    @staticmethod
    def _without_text(pages, query):
        excluded = set()
        for word in query.excluded:
            excluded.update(_matching(pages, PlainText(word)))
        pks = pages.order_by("-first_published_at", "pk").values_list("pk", flat=True)
        return [pk for pk in pks[: MAX_RESULTS + len(excluded)] if pk not in excluded][:MAX_RESULTS]

    @staticmethod
    def _ranked(pages, query):
        """The database ranks without boosts (and favours short texts), so ranking is done
        here, in tiers: pages with the words as typed (or their stems) first, then those found
        through synonyms or a compound's head or all its parts, last those with one part of
        a compound; within a tier, pages whose title names more of the query's concepts,
        then the database's order."""
        wanted = concepts(query.words)
        tiers = [False]
        if any(c.synonyms or c.head for c in wanted):
            tiers.append(True)
        if any(len(c.parts) > 1 for c in wanted):
            tiers.append("loose")
        known = set(known_words())
        if any(_near_spellings(w, known) for c in wanted for w in c.words):
            tiers.append("typo")
        tier_of = {}
        allowed = sqlite_ranking.allowed_pks(pages) if sqlite_ranking.applies() else None
        for tier, expand in enumerate(tiers):
            if len(tier_of) >= MAX_RESULTS:
                break  # a lower tier ranks below all of these: it could only fill deeper pages
            for pk in _matching(pages, _expression(query, expand), allowed):
                if len(tier_of) < MAX_RESULTS:
                    tier_of.setdefault(pk, (tier, len(tier_of)))
        meanings = [_stems_of(c) for c in wanted]
        titles = dict(Page.objects.filter(sqlite_ranking.pk_in(tier_of)).values_list("pk", "title"))
        # Stale projects („möglicherweise veraltet“) after the fresh pages of their tier: the
        # database has no scores to weigh, so any STALE_SEARCH_WEIGHT below 1 demotes them.
        stale = (
            set(
                ProjectPage.objects.filter(sqlite_ranking.pk_in(tier_of))
                .stale()
                .values_list("pk", flat=True)
            )
            if settings.STALE_SEARCH_WEIGHT < 1 and tier_of
            else set()
        )

        def rank(pk):
            tier, position = tier_of[pk]
            named = set(german.stem_text(titles.get(pk, "")).split())
            return (tier, pk in stale, -sum(bool(m & named) for m in meanings), position)

        return sorted(tier_of, key=rank)[:MAX_RESULTS]

    @staticmethod
    def _hit(page, query, cities):
        """`cities`: titles of the hits' cities by id, read in one query for the page."""
        kind = _kind(type(page))
        city_id = getattr(page, "lead_city_id", None) or getattr(page, "host_city_id", None)
        text = getattr(page, "teaser", "") or html_words(
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
            city_name=cities.get(city_id, "") or (page.title if kind == "city" else ""),
            date=getattr(page, "start", None) or page.first_published_at,
        )
