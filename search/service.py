"""`run_search`: what the views call. Uses the configured engine and falls back to the database
search, saying so, when the engine does not answer. Never raises for an unreachable engine."""

import logging

from django.utils.translation import gettext as _

from .backends import EngineUnavailable, get_backend

logger = logging.getLogger(__name__)


def run_search(request):
    backend = get_backend()
    try:
        return backend.search(request)
    except EngineUnavailable as error:
        if backend.name == "database":
            raise
        logger.warning("search engine unavailable, using the database: %s", error)
        response = get_backend("database").search(request)
        response.notice = _(
            "The search engine is not available right now; these results come from the "
            "simpler database search."
        )
        return response
