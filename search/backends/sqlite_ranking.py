"""Relevance order from SQLite's full text index in two queries instead of one per result.

Wagtail's SQLite search (django-modelsearch) orders by relevance with a correlated subquery
that runs the FTS match once more for every matching page: 0.7 s for a one-word query at
1,000 projects, growing with the catalogue. Here the same match expression and the same BM25
score are read once for all matches, and the pages allowed (live, public, filtered) once.
The order is the library's own (score, then newest first);
`tests/test_search_database_ranking.py` compares the two, so a change of the library's
internals used here shows up as a failing test.

PostgreSQL computes its rank in the same query and does not need this."""

from django.db import connection

from wagtail.search.backends import get_search_backend

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
    joining the restrictions and filters into every full text query."""
    return set(pages.order_by().values_list("pk", flat=True))
