"""`run_search`: what the views call. Uses the configured engine and falls back to the database
search, saying so, when the engine does not answer. Never raises for an unreachable engine."""

import logging
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from cities.models import CityPage
from projects.models import ProjectPage, ProjectTag

from . import peers
from .backends import EngineUnavailable, SearchRequest, get_backend
from .query import QueryError, parse

logger = logging.getLogger(__name__)


def run_search(request):
    backend = get_backend()
    try:
        response = backend.search(request)
    except EngineUnavailable as error:
        if backend.name == "database":
            raise
        logger.warning("search engine unavailable, using the database: %s", error)
        backend = get_backend("database")
        response = backend.search(request)
        response.notice = _(
            "The search engine is not available right now; these results come from the "
            "simpler database search."
        )
    if not response.total:
        response.suggestion = _suggestion_with_results(backend, request)
    return response


def _suggestion_with_results(backend, request):
    """ "Meinten Sie …" only for a spelling that finds something: a suggestion that leads to
    another empty page is worse than none."""
    try:
        suggestion = backend.suggest(request.query)
        if suggestion is None:
            return None
        # The link offered searches the suggestion alone, as this does.
        return suggestion if backend.search(SearchRequest(query=parse(suggestion))).total else None
    except (EngineUnavailable, QueryError):
        return None


def autocomplete(text):
    """Suggestions for the search box; an empty list rather than an error."""
    if len(text.strip()) < 2:
        return []
    try:
        return _with_fallback("autocomplete", text[:100])[0]
    except EngineUnavailable:
        return []


def _with_fallback(method, *args, fallback=True, **kwargs):
    """`fallback`: False – raise EngineUnavailable instead of asking the database."""
    backend = get_backend()
    try:
        return getattr(backend, method)(*args, **kwargs), backend.name
    except EngineUnavailable as error:
        if backend.name == "database" or not fallback:
            raise
        logger.warning("search engine unavailable, using the database: %s", error)
        return getattr(get_backend("database"), method)(*args, **kwargs), "database"


def _projects_in_order(pks):
    if not pks:
        return []
    found = ProjectPage.objects.live().public().filter(pk__in=pks).for_listing().in_bulk()
    return [found[pk] for pk in pks if pk in found]


def similar_projects(project, limit=6, fallback=True):
    """ "Ähnliche Projekte in anderen Städten": projects of other cities, never the own city's,
    ranked by shared topics, tags and significant words (`PeerMatch`, with the reason).

    Candidates come from the text (the engine's more_like_this: one request) and from shared
    topics and tags (`ProjectPage.similar_projects`: one aggregation), so that a project with
    little text still finds its peers. The database proposes none by text: see
    `DatabaseBackend.peer_candidates`. `fallback`: see _with_fallback."""
    text = peers.project_text(project)
    terms = peers.significant_terms(text)
    ranked, _engine = _with_fallback(
        "peer_candidates",
        " ".join(peers.related_words(text)),
        exclude_pk=project.pk,
        limit=30,
        fallback=fallback,
    )
    candidates = _projects_in_order([pk for pk, _s in ranked if pk != project.pk])
    seen = {c.pk for c in candidates}
    candidates += [p for p in project.similar_projects(limit=limit * 2) if p.pk not in seen]
    others = [c for c in candidates if c.lead_city_id != project.lead_city_id]
    return peers.rank(
        others,
        terms,
        topics={t.slug for t in project.topics.all()},
        tags={t.slug for t in project.tags.all()},
        snippets=dict(ranked),
    )[:limit]


@dataclass(frozen=True)
class CityProfile:
    """What a city's projects are about, in a bounded size whatever their number: its most used
    topics and tags and the titles of its newest projects."""

    city_slug: str
    topics: tuple
    tags: tuple
    text: str


def city_profile(city, size=10, newest=20):
    projects = ProjectPage.objects.live().public().filter(lead_city=city)
    topics = (
        ProjectPage.topics.through.objects.filter(projectpage__in=projects)
        .values("topic__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "topic__slug")
        .values_list("topic__slug", flat=True)[:size]
    )
    tags = (
        ProjectTag.objects.filter(content_object__in=projects)
        .values("tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__slug")
        .values_list("tag__slug", flat=True)[:size]
    )
    titles = projects.order_by("-first_published_at").values_list("title", flat=True)[:newest]
    return CityProfile(city.slug, tuple(topics), tuple(tags), " ".join(titles))


def similar_cities(city, limit=5, depth=60, fallback=True):
    """ "Städte mit ähnlichen Vorhaben": other cities whose projects are most like this city's
    (the higher a project ranks, the more it counts), with up to three of those projects.

    A fixed number of queries and one engine request, whatever the number of projects: the
    city is described by its `CityProfile`, and the engine (or the database, by shared topics
    and tags) returns the most similar projects of other cities, which are counted per city.
    Only the projects shown are read as pages; of the others their city is enough."""
    profile = city_profile(city)
    pks, _engine = _with_fallback("projects_like", profile, depth=depth, fallback=fallback)
    led_by = dict(
        ProjectPage.objects.live()
        .public()
        .filter(pk__in=pks)
        .exclude(lead_city=city)
        .values_list("pk", "lead_city_id")
    )
    cities = CityPage.objects.live().public().in_bulk(set(led_by.values()))
    scores, examples = Counter(), {}
    for rank, pk in enumerate(pks):
        other = cities.get(led_by.get(pk))
        if other is None:
            continue
        scores[other] += depth - rank
        examples.setdefault(other, [])
        if len(examples[other]) < 3:
            examples[other].append(pk)
    ranked = sorted(scores, key=lambda c: (-scores[c], c.title))[:limit]
    shown = ProjectPage.objects.in_bulk([pk for other in ranked for pk in examples[other]])
    return [(other, [shown[pk] for pk in examples[other] if pk in shown]) for other in ranked]


def find_peers(text, limit=15):
    """`/wer-macht-das-schon/`: projects like the described challenge, and their cities."""
    terms = peers.significant_terms(text)
    ranked, engine = _with_fallback(
        "similar_to_text", " ".join(peers.related_words(text)) or text, limit=limit * 2
    )
    matches = peers.rank(
        _projects_in_order([pk for pk, _s in ranked]), terms, snippets=dict(ranked)
    )[:limit]
    cities = {}
    for match in matches:
        if match.project.lead_city:
            cities.setdefault(match.project.lead_city, []).append(match.project)
    return {"projects": matches, "cities": list(cities.items()), "engine": engine}
