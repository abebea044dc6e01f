"""`run_search`: what the views call. Uses the configured engine and falls back to the database
search, saying so, when the engine does not answer. Never raises for an unreachable engine."""

import logging

from django.utils.translation import gettext as _

from projects.models import ProjectPage

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


def _with_fallback(method, *args, **kwargs):
    backend = get_backend()
    try:
        return getattr(backend, method)(*args, **kwargs), backend.name
    except EngineUnavailable as error:
        if backend.name == "database":
            raise
        logger.warning("search engine unavailable, using the database: %s", error)
        return getattr(get_backend("database"), method)(*args, **kwargs), "database"


def _projects_in_order(pks):
    found = ProjectPage.objects.live().public().filter(pk__in=pks).for_listing().in_bulk()
    return [found[pk] for pk in pks if pk in found]


def _candidates(text, exclude_pk=None, limit=30):
    """Projects whose text is like `text` (the engine's more_like_this, or the database's
    full text search), in the engine's order, with its snippets."""
    ranked, _engine = _with_fallback("similar_to_text", text, exclude_pk=exclude_pk, limit=limit)
    return _projects_in_order([pk for pk, _s in ranked if pk != exclude_pk]), dict(ranked)


def similar_projects(project, limit=6):
    """ "Ähnliche Projekte in anderen Städten": projects of other cities, never the own city's,
    ranked by shared topics, tags and significant words (`PeerMatch`, with the reason).

    Candidates come from the text (engine or database) and from shared topics and tags, so
    that a project with little text still finds its peers."""
    text = peers.project_text(project)
    terms = peers.significant_terms(text)
    candidates, snippets = _candidates(" ".join(peers.related_words(text)), exclude_pk=project.pk)
    seen = {c.pk for c in candidates}
    candidates += [p for p in project.similar_projects(limit=limit * 2) if p.pk not in seen]
    others = [c for c in candidates if c.lead_city_id != project.lead_city_id]
    return peers.rank(
        others,
        terms,
        topics={t.slug for t in project.topics.all()},
        tags={t.slug for t in project.tags.all()},
        snippets=snippets,
    )[:limit]


def similar_cities(city, limit=5):
    """ "Städte mit ähnlichen Vorhaben": other cities ranked by how many of this city's projects
    point to theirs (higher ranks count more), with the projects that make them similar."""
    scores, reasons = {}, {}
    for own in city.lead_projects():
        for rank, match in enumerate(similar_projects(own, limit=8)):
            other = match.project.lead_city
            if other is None or other.pk == city.pk:
                continue
            scores[other] = scores.get(other, 0) + (8 - rank)
            reasons.setdefault(other, [])
            if match.project not in reasons[other]:
                reasons[other].append(match.project)
    ranked = sorted(scores, key=lambda c: (-scores[c], c.title))[:limit]
    return [(other, reasons[other][:3]) for other in ranked]


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
