"""How fast the engine itself takes in the rebuild's documents, with nothing else running.

Builds every project document of a kept bench corpus once (see `search_bench.py --keep`), then
sends them alone, in the rebuild's 1,000-document bulk requests, into fresh indices with:
- the mapping as built (`PageDocument`), with and without the `compounds` field;
- a floor: only `title` and `text`, each with the built-in `german` analyzer and no subfield.
Prints documents per second and the engine's CPU seconds. The floor is the fastest any
useful mapping can be: a rebuild cannot be faster than the engine's own ingestion.

Usage: python bench/engine_ingest.py DIR   (DIR: a corpus kept by `search_bench.py N --keep DIR`)

The project's modules are imported inside the functions: this script chooses its settings
(database, search engine) and runs `django.setup()` first, and models cannot be imported before."""

import copy
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def engine_cpu_seconds(parent_pid):
    """CPU seconds of the engine process this script started (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text.rsplit(")", 1)[1].split()
        if int(fields[1]) == parent_pid and "osmem" in text.split(")")[0]:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def main():
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "db.sqlite3").exists():
        sys.exit(__doc__)
    from osmem_server import OsmemServer

    server = OsmemServer.start(japanese=False)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        VAR_DIR=str(Path(sys.argv[1]).resolve()),
        ELASTICSEARCH_URL=server.url,
        ELASTICSEARCH_PLAIN_JSON="1",
        SEARCH_ENGINE="elasticsearch",
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from elasticsearch.helpers import bulk

    from django.core.management import call_command

    from search.backends.elastic import Indexer
    from search.documents import ProjectDocument, SiteUrls, folded

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    urls, related = SiteUrls(), ProjectDocument.bulk_related()
    docs = [
        ProjectDocument.from_page(page, urls, related).to_dict(skip_empty=False)
        for page in ProjectDocument.pages().iterator()
    ]
    prepare = time.perf_counter() - started
    es = Indexer().es.options(request_timeout=300)
    built = ProjectDocument._doc_type.mapping.to_dict()
    without_compounds = copy.deepcopy(built)
    del without_compounds["properties"]["compounds"]
    floor = {
        "properties": {
            "title": {"type": "text", "analyzer": "german"},
            "text": {"type": "text", "analyzer": "german"},
        }
    }
    analysis = {"analyzer": {"folded": folded.get_analysis_definition()["analyzer"]["folded"]}}

    print(f"{len(docs)} documents prepared in {prepare:.1f} s ({len(docs) / prepare:.0f} /s)")
    print(f"{'mapping':<34}{'docs/s':>8}{'seconds':>9}{'engine CPU s':>14}")
    for name, mapping in (
        ("as built", built),
        ("as built without compounds", without_compounds),
        ("floor: title + text, german only", floor),
    ):
        index = f"ingest-{len(docs)}-{name.split()[0].strip(':')}-{time.monotonic_ns()}"
        es.indices.create(
            index=index,
            settings={"number_of_shards": 1, "number_of_replicas": 0, "analysis": analysis},
            mappings=mapping,
        )
        cpu, started = engine_cpu_seconds(os.getpid()), time.perf_counter()
        for first in range(0, len(docs), 1000):
            chunk = docs[first : first + 1000]
            bulk(es, [{"_index": index, "_source": d} for d in chunk], chunk_size=len(chunk))
        es.indices.refresh(index=index)
        seconds = time.perf_counter() - started
        cpu = engine_cpu_seconds(os.getpid()) - cpu
        print(f"{name:<34}{len(docs) / seconds:>8.0f}{seconds:>9.1f}{cpu:>14.1f}", flush=True)
        es.indices.delete(index=index)


if __name__ == "__main__":
    main()
