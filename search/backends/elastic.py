"""Elasticsearch 8 through elasticsearch-dsl: versioned indices behind aliases, one query for
all page types, facets as terms aggregations, highlights with private markers."""

import contextlib
import re
import time
from concurrent.futures import ThreadPoolExecutor

from elastic_transport import Transport
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.dsl import SF, Index, Q, Search
from elasticsearch.helpers import bulk

from django.conf import settings

from projects.models import stale_cutoff
from search.documents import (
    ProjectDocument,
    SiteUrls,
    document_for,
    document_of,
    documents,
    folded,
)
from search.expansion import concepts, required_matches
from search.facets import FACETS
from search.highlight import END, START, render

from . import EngineUnavailable, Hit, SearchResponse

COMPAT = re.compile(r"application/vnd\.elasticsearch\+([\w-]+);\s*compatible-with=\d+")
# Facet → the document field its terms aggregation and filter read.
TERMS_FACETS = {facet.name: facet.field for facet in FACETS}
CONTENT_FIELDS = [
    "title^3",
    "title.folded^2",
    "tag_names^2",
    "tag_names.folded^2",
    "topic_names^2",
    "solution_names^2",
    "teaser^1.5",
    "teaser.folded",
    "text",
    "text.folded",
    "places",
    "places.folded",
]
PLACE_FIELDS = ["places^2", "places.folded^2", "title", "title.folded"]
# The parts of the compounds in the text (see core.german): „Ethik“ finds „Datenethikbeirat“.
COMPOUND_FIELDS = ["compounds", "compounds.folded"]


class PlainJSONTransport(Transport):
    """For engines that speak Elasticsearch's API but not its versioned media types (osmem).
    A real cluster takes the client as it is (ELASTICSEARCH_PLAIN_JSON off)."""

    def perform_request(self, method, target, *, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = COMPAT.sub(r"application/\1", headers[name])
        return super().perform_request(method, target, headers=headers, **kwargs)


_client = None


def client():
    global _client
    if _client is None:
        options = {"request_timeout": settings.ELASTICSEARCH_TIMEOUT, "max_retries": 0}
        if settings.ELASTICSEARCH_PLAIN_JSON:
            options["transport_class"] = PlainJSONTransport
        _client = Elasticsearch(settings.ELASTICSEARCH_URL, **options)
    return _client


def reset_client():
    global _client
    _client = None


def _unavailable(error):
    return isinstance(error, es_exceptions.ConnectionError | es_exceptions.ConnectionTimeout)


class Indexer:
    """Create, fill and swap the versioned indices."""

    def peer_candidates(self, text, exclude_pk=None, limit=20):
        """Projects like a project's text, for its similar projects: one more_like_this."""
        return self.similar_to_text(text, exclude_pk=exclude_pk, limit=limit)

    def __init__(self, es=None):
        self.es = es or client()

    def create_index(self, document):
        name = f"{document.alias()}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 100000}"
        index = Index(name, using=self.es)
        index.settings(number_of_shards=1, number_of_replicas=0)
        index.analyzer(folded)
        index.document(document)
        index.create()
        return name

    # Up to 1,000 documents (2-3 MB) per bulk request: the engine builds a segment per request
    # and merges them in tens, so fewer, larger requests mean fewer merges while loading. Small
    # corpora get smaller requests, so that preparing and sending still overlap. See bench/.
    CHUNK = 1000
    MIN_CHUNK = 250

    @classmethod
    def chunk_size(cls, total=None):
        if not total:
            return cls.CHUNK
        return max(cls.MIN_CHUNK, min(cls.CHUNK, total // 8))

    # A bulk request may wait for a segment merge: the search timeout (seconds, for people
    # waiting on a page) is far too short for a batch job.
    BULK_TIMEOUT = 120

    def bulk_load(self, document, index_name, pages, progress=None, total=None):
        """Prepare documents here (the ORM stays in this thread) while one worker sends the
        previous chunk to the engine: preparing and indexing overlap."""
        urls, related = SiteUrls(), document.bulk_related()
        size = self.chunk_size(total)
        # Elasticsearch's advice for bulk loads: no periodic refresh until the index is full.
        self.es.indices.put_settings(index=index_name, settings={"refresh_interval": "-1"})
        chunk, pending = [], None
        with ThreadPoolExecutor(max_workers=1) as sender:
            for page in pages:
                doc = document.from_page(page, urls, related)
                chunk.append(
                    {
                        "_op_type": "index",
                        "_index": index_name,
                        "_id": page.pk,
                        "_source": doc.to_dict(skip_empty=False),
                    }
                )
                if progress:
                    progress()
                if len(chunk) == size:
                    if pending:
                        pending.result()
                    pending, chunk = sender.submit(self._send, chunk), []
            if pending:
                pending.result()
            if chunk:
                self._send(chunk)
        self.es.indices.put_settings(index=index_name, settings={"refresh_interval": "1s"})
        self.es.indices.refresh(index=index_name)

    def _send(self, actions):
        es = self.es.options(request_timeout=self.BULK_TIMEOUT)
        bulk(es, actions, chunk_size=len(actions), refresh=False)  # raises on any error

    def swap_alias(self, document, index_name):
        alias = document.alias()
        old = (
            list(self.es.indices.get_alias(name=alias).keys())
            if self.es.indices.exists_alias(name=alias)
            else []
        )
        actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        actions.append({"add": {"index": index_name, "alias": alias}})
        self.es.indices.update_aliases(actions=actions)
        for name in old:
            if name != index_name:
                self.es.indices.delete(index=name)

    def ensure_indices(self):
        for document in documents():
            if not self.es.indices.exists_alias(name=document.alias()):
                self.swap_alias(document, self.create_index(document))

    def upsert(self, page):
        document = document_for(page)
        doc = document.from_page(page)
        self.es.index(
            index=document.alias(), id=page.pk, document=doc.to_dict(skip_empty=False), refresh=True
        )

    def delete(self, kind, pk):
        alias = document_of(kind).alias()
        with contextlib.suppress(es_exceptions.NotFoundError):
            self.es.delete(index=alias, id=pk, refresh=True)


class ElasticsearchBackend:
    name = "elasticsearch"
    # The peer finder: more_like_this over challenge, solution, tags and topics.
    LIKE_FIELDS = ["title", "teaser", "text", "tag_names", "topic_names"]

    def similar_to_text(self, text, exclude_pk=None, limit=20):
        must_not = [Q("ids", values=[str(exclude_pk)])] if exclude_pk else []
        search = (
            Search(using=self.es, index=ProjectDocument.alias())
            .query(
                Q(
                    "bool",
                    must=[
                        Q(
                            "more_like_this",
                            fields=self.LIKE_FIELDS,
                            like=text,
                            min_term_freq=1,
                            min_doc_freq=1,
                            max_query_terms=40,
                            minimum_should_match="5%",
                        )
                    ],
                    must_not=must_not,
                )
            )
            .highlight_options(
                pre_tags=[START], post_tags=[END], fragment_size=160, number_of_fragments=1
            )
            .highlight("teaser", "text")
        )[:limit]
        response = self._run(search)
        results = []
        for hit in response:
            highlight = getattr(hit.meta, "highlight", None)
            fragment = None
            if highlight:
                fragment = next(
                    (highlight[n][0] for n in ("teaser", "text") if n in highlight), None
                )
            results.append((int(hit.meta.id), render(fragment) if fragment else None))
        return results

    def peer_candidates(self, text, exclude_pk=None, limit=20):
        """Projects like a project's text, for its similar projects: one more_like_this."""
        return self.similar_to_text(text, exclude_pk=exclude_pk, limit=limit)

    def __init__(self, es=None):
        self.es = es or client()

    def _run(self, search):
        """Execute; an engine that is away, overloaded or without index is "unavailable".
        A request it rejects (4xx) is a bug in this code and is raised as such."""
        try:
            return search.execute()
        except es_exceptions.ApiError as error:
            if error.meta.status == 404 or error.meta.status >= 500:
                raise EngineUnavailable(str(error)) from error
            raise
        except es_exceptions.TransportError as error:
            raise EngineUnavailable(str(error)) from error

    def projects_like(self, profile, depth=60):
        """pks of projects of other cities like a city's (`CityProfile`), best first: shared
        topics, shared tags and words of its project titles, in one request."""
        should = [Q("terms", topics=profile.topics, boost=3.0)] if profile.topics else []
        if profile.tags:
            should.append(Q("terms", tags=profile.tags, boost=2.0))
        if profile.text:
            should.append(
                Q(
                    "more_like_this",
                    fields=self.LIKE_FIELDS,
                    like=profile.text,
                    min_term_freq=1,
                    min_doc_freq=1,
                    max_query_terms=40,
                    minimum_should_match="5%",
                )
            )
        if not should:
            return []
        search = (
            Search(using=self.es, index=ProjectDocument.alias())
            .query(
                Q(
                    "bool",
                    should=should,
                    minimum_should_match=1,
                    must_not=[Q("term", city=profile.city_slug)],
                )
            )
            .source(False)[:depth]
        )
        return [int(hit.meta.id) for hit in self._run(search)]

    def autocomplete(self, text, limit=8):
        """Titles as you type: search_as_you_type subfields of titles and tags."""
        fields = [
            "title.suggest",
            "title.suggest._2gram",
            "title.suggest._3gram",
            "tag_names.suggest",
        ]
        search = (
            Search(using=self.es, index=[d.alias() for d in documents()])
            .query("multi_match", query=text, type="bool_prefix", fields=fields)
            .source(["title", "url", "doc_type", "city_name"])[:limit]
        )
        return [
            {
                "title": hit.title,
                "url": hit.url,
                "kind": hit.doc_type,
                "city": getattr(hit, "city_name", "") or "",
            }
            for hit in self._run(search)
        ]

    def suggest(self, query):
        """ "Meinten Sie …": the engine's term suggester over titles and texts."""
        if not query.words:
            return None
        search = Search(using=self.es, index=[d.alias() for d in documents()]).extra(size=0)
        text = " ".join(query.words)
        for name in ("title", "text"):
            search = search.suggest(
                # prefix_length 0: typos in the first letter are the ones fuzzy matching misses.
                name,
                text,
                term={"field": f"{name}.folded", "suggest_mode": "missing", "prefix_length": 0},
            )
        response = self._run(search)
        best = {}
        for name in ("title", "text"):
            for entry in getattr(response.suggest, name, []):
                for option in entry.options:
                    if entry.text not in best or option.freq > best[entry.text][1]:
                        best[entry.text] = (option.text, option.freq)
        corrected = [best.get(word.lower(), (word, 0))[0] for word in query.words]
        if [w.lower() for w in corrected] == [w.lower() for w in query.words]:
            return None
        return " ".join(corrected)

    def build(self, request):
        query, filters = request.query, request.filters
        search = Search(using=self.es, index=[d.alias() for d in documents()])
        fields = PLACE_FIELDS if query.scope == "places" else CONTENT_FIELDS
        must, should, must_not = [], [], []
        wanted = [self._concept(concept, fields) for concept in concepts(query.words)]
        if wanted:
            must.append(
                Q("bool", should=wanted, minimum_should_match=required_matches(len(wanted)))
            )
        if len(query.words) > 1:
            should.append(
                Q("multi_match", query=" ".join(query.words), fields=fields, type="phrase", boost=2)
            )
        for phrase in query.phrases:
            must.append(Q("multi_match", query=phrase, fields=fields, type="phrase"))
        for word in query.excluded:
            must_not.append(Q("multi_match", query=word, fields=fields, type="phrase"))
        filter_clauses = []
        if query.scope != "all":
            scope_types = [d.kind for d in documents() if query.scope in d.scopes]
            filter_clauses.append(Q("terms", doc_type=scope_types))
        for name, value in filters.items():
            # Several values (typed filters: `#KI #Chatbot`): every one must hold.
            for one in value if isinstance(value, list | tuple) else [value]:
                filter_clauses.append(Q("term", **{TERMS_FACETS[name]: one}))
        search = search.query(
            self._demote_stale(
                Q(
                    "bool",
                    must=must or [Q("match_all")],
                    should=should,
                    must_not=must_not,
                    filter=filter_clauses,
                )
            )
        )
        for name, field in TERMS_FACETS.items():
            search.aggs.bucket(name, "terms", field=field, size=50)
        search = search.highlight_options(
            pre_tags=[START],
            post_tags=[END],
            fragment_size=200,
            number_of_fragments=1,
            encoder="default",
        ).highlight("teaser", "text", "places")
        if request.sort == "date" or query.is_empty:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        return search[request.offset : request.offset + request.per_page]

    @staticmethod
    def _demote_stale(query):
        """Projects not confirmed within STALE_AFTER_MONTHS score STALE_SEARCH_WEIGHT times as
        much; the cutoff by the day, so that the query is the same all day."""
        weight = settings.STALE_SEARCH_WEIGHT
        if weight == 1:
            return query
        cutoff = stale_cutoff().date().isoformat()
        return Q(
            "function_score",
            query=query,
            functions=[SF({"filter": Q("range", confirmed={"lt": cutoff}), "weight": weight})],
            score_mode="multiply",
            boost_mode="multiply",
        )

    @staticmethod
    def _concept(concept, fields):
        """One concept of the query: the word as typed counts most, then its synonyms, the
        compounds it is part of, all its own parts, its head, and least a near spelling or
        one of its other parts – so that „Sensoren“ ranks the sensor network above
        „Senioren“."""
        kind = "phrase" if concept.is_phrase else "best_fields"
        every_field = fields + COMPOUND_FIELDS
        should = [
            Q("multi_match", query=concept.text, fields=fields, type=kind, boost=3),
            Q("multi_match", query=concept.text, fields=COMPOUND_FIELDS, type=kind, boost=2),
        ]
        should += [
            Q("multi_match", query=term, fields=every_field, type="phrase", boost=2.5)
            for term in concept.synonyms
        ]
        if concept.head:
            should.append(Q("multi_match", query=concept.head, fields=every_field, boost=1))
        # The other parts alone count least: a page about „Glasfaser“ for „Glasfaserausbau“.
        should += [
            Q("multi_match", query=part, fields=every_field, boost=0.3)
            for part in concept.parts[:-1]
        ]
        if len(concept.parts) > 1:
            should.append(
                Q(
                    "bool",
                    must=[Q("multi_match", query=p, fields=every_field) for p in concept.parts],
                    boost=1.5,
                )
            )
        if not concept.is_phrase and len(concept.text) >= 4:
            should.append(
                Q(
                    "multi_match",
                    query=concept.text,
                    fields=fields,
                    fuzziness="AUTO",
                    prefix_length=1,
                    boost=0.3,
                )
            )
        return Q("bool", should=should, minimum_should_match=1)

    last_took = None  # the engine's own time for the last search, in ms (for bench/)

    def search(self, request):
        response = self._run(self.build(request))
        self.last_took = response.took
        hits = []
        for hit in response:
            highlight = getattr(hit.meta, "highlight", None)
            fragment = None
            if highlight:
                for name in ("teaser", "text", "places"):
                    if name in highlight:
                        fragment = highlight[name][0]
                        break
            hits.append(
                Hit(
                    kind=hit.doc_type,
                    pk=int(hit.meta.id),
                    title=hit.title,
                    url=hit.url,
                    snippet=render(fragment if fragment is not None else (hit.teaser or "")),
                    city_name=getattr(hit, "city_name", "") or "",
                    date=getattr(hit, "date", None),
                )
            )
        facets = {
            name: [
                (bucket.key, bucket.doc_count)
                for bucket in getattr(response.aggregations, name).buckets
            ]
            for name in TERMS_FACETS
        }
        total = (
            response.hits.total.value
            if hasattr(response.hits.total, "value")
            else response.hits.total
        )
        return SearchResponse(hits=hits, total=total, facets=facets, engine=self.name)
