"""Relevance order from SQLite's full text index in two queries instead of one per result.

Wagtail's SQLite search (django-modelsearch) orders by relevance with a correlated subquery
that runs the FTS match once more for every matching page: 0.7 s for a one-word query at
1,000 projects, growing with the catalogue. Here the same match expression and the same BM25
score are read once for all matches, and the pages allowed (live, public, filtered) once.
The order is the library's own (score, then newest first);
`tests/search/test_search_database_ranking.py` compares the two, so a change of the library's
internals used here shows up as a failing test.

PostgreSQL computes its rank in the same query and does not need this."""

import hashlib
import json

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from wagtail.search.backends import get_search_backend

from core import public_cache

try:  # The FTS model exists only on SQLite, and only where it was built with FTS5.
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks
except (ImportError, LookupError):  # PostgreSQL, or SQLite without FTS5
    SQLiteSearchBackend = None


def applies():
    return (
        SQLiteSearchBackend is not None
        and connection.vendor == "sqlite"
        and isinstance(get_search_backend(), SQLiteSearchBackend)
    )


def ranked_pks(pages, expression, limit, allowed=None):
    """pks of `pages` that match `expression`, best first, at most `limit`; None where the
    expression is not a plain match (only negated, or everything): the caller then asks the
    library itself. `allowed`: the pks of `pages`, where the caller has read them already
    (one read for several expressions over the same pages)."""
    backend = get_search_backend()
    compiler = backend.query_compiler_class(pages, expression)
    normalized = normalize(compiler.query)
    if isinstance(normalized, (MatchAll, Not)):
        return None
    config = compiler.get_config(backend)
    match = MatchExpression(
        compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalized, config=config)
    )
    entries = SQLiteFTSIndexEntry.objects.filter(match).filter(
        index_entry__content_type__in=get_descendants_content_types_pks(pages.model)
    )
    scores = {
        int(object_id): score
        for object_id, score in entries.annotate(
            score=compiler._build_rank_expression(compiler.get_search_vectors(), config)
        ).values_list("index_entry__object_id", "score")
    }
    if allowed is None:
        allowed = allowed_pks(pages)
    found = [pk for pk in scores if pk in allowed]
    return sorted(found, key=lambda pk: (scores[pk], -pk))[:limit]


def allowed_pks(pages):
    """The pks of the pages a search may find (live, public, filtered): one read, cheaper than
    joining the restrictions and filters into every full text query; kept until what the
    public sees changes (reading 10,000 ids took a tenth of a search's time)."""
    pages = pages.order_by()
    try:
        sql, params = pages.values_list("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter no page can pass, e.g. an empty list of values
        return frozenset()
    name = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    return public_cache.cached(
        f"search-allowed:{name}", lambda: frozenset(pages.values_list("pk", flat=True))
    )


def pk_in(pks):
    """`pk__in=pks` for up to MAX_RESULTS found pages. On SQLite the ids go in as one JSON
    parameter read by `json_each`: binding a thousand parameters one by one cost more than the
    query itself (facet counts, titles of a result list)."""
    pks = list(pks)
    if connection.vendor != "sqlite" or len(pks) < 50:
        return Q(pk__in=pks)
    return Q(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(pks)]))
