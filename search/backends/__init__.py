"""The one entry point for searching: `get_backend()` picks the engine from settings."""

from dataclasses import dataclass, field

from django.conf import settings

from search.query import ParsedQuery

PER_PAGE = 10
MAX_RESULTS = 1000  # deeper pages are not served: refine the query instead


class EngineUnavailable(Exception):
    """The configured engine did not answer."""


@dataclass
class SearchRequest:
    query: ParsedQuery
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"  # relevance | date
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


@dataclass
class Hit:
    kind: str
    pk: int
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> highlights
    city_name: str = ""
    date: object = None


@dataclass
class SearchResponse:
    hits: list
    total: int
    facets: dict  # name -> [(value, count)]
    engine: str
    notice: str = ""
    suggestion: str | None = None


def get_backend(name=None):
    name = name or settings.SEARCH_ENGINE
    # Here, not at the top: only the configured engine is loaded (the engine client is not
    # needed for the database search), and both backends import this module.
    if name == "elasticsearch":
        from .elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    from .database import DatabaseBackend

    return DatabaseBackend()
