"""`run_search`: what the views call. Uses the configured engine and falls back to the database
search, saying so, when the engine does not answer. Never raises for an unreachable engine."""

import logging

from django.utils.translation import gettext as _

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


def project_description(project):
    """What a project is about, as text: challenge, solution, tags and topics."""
    from django.utils.html import strip_tags

    from .documents import stream_text

    parts = [
        project.title,
        project.teaser,
        strip_tags(str(project.challenge)),
        stream_text(project.solution),
        *(t.name for t in project.tags.all()),
        *(t.name for t in project.topics.all()),
    ]
    return " ".join(part for part in parts if part)


def _projects_in_order(pks):
    from projects.models import ProjectPage

    found = ProjectPage.objects.live().public().filter(pk__in=pks).for_listing().in_bulk()
    return [found[pk] for pk in pks if pk in found]


def similar_projects(project, limit=6):
    """ "Ähnliche Projekte in anderen Städten": never the project itself; other cities first.

    On the engine: more_like_this over the project's text, tags and topics. On the database:
    shared topics and tags."""
    backend = get_backend()
    try:
        if backend.name == "database":
            raise EngineUnavailable("no engine configured")
        ranked = backend.similar_to_text(
            project_description(project), exclude_pk=project.pk, limit=limit * 3
        )
    except EngineUnavailable as error:
        if backend.name != "database":
            logger.warning("search engine unavailable, using shared topics and tags: %s", error)
        return list(project.similar_projects(limit=limit))
    projects = _projects_in_order([pk for pk, _snippet in ranked if pk != project.pk])
    projects.sort(key=lambda p: p.lead_city_id == project.lead_city_id)  # stable: others first
    return projects[:limit]


def similar_cities(city, limit=5):
    """ "Städte mit ähnlichen Vorhaben": other cities ranked by how many of this city's projects
    point to theirs (higher ranks count more), with the projects that make them similar."""
    scores, reasons = {}, {}
    for own in city.lead_projects():
        for rank, project in enumerate(similar_projects(own, limit=8)):
            other = project.lead_city
            if other is None or other.pk == city.pk:
                continue
            scores[other] = scores.get(other, 0) + (8 - rank)
            reasons.setdefault(other, [])
            if project not in reasons[other]:
                reasons[other].append(project)
    ranked = sorted(scores, key=lambda c: (-scores[c], c.title))[:limit]
    return [(other, reasons[other][:3]) for other in ranked]


def find_peers(text, limit=15):
    """`/wer-macht-das-schon/`: projects like the described challenge, and their cities."""
    ranked, engine = _with_fallback("similar_to_text", text, limit=limit)
    snippets = dict(ranked)
    projects = _projects_in_order([pk for pk, _snippet in ranked])
    cities = {}
    for project in projects:
        if project.lead_city:
            cities.setdefault(project.lead_city, []).append(project)
    return {
        "projects": [(project, snippets.get(project.pk)) for project in projects],
        "cities": list(cities.items()),
        "engine": engine,
    }
