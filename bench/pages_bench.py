"""`make bench-pages`: SQL queries, engine requests, requests per second and p50/p95 per page
type, without and with the page cache, next to a bare Wagtail page and a static file served by
WhiteNoise; the downloads' time to the first byte and peak memory. Prints Markdown tables.

Generates N projects (default 10,000; the generator of bench/search_bench.py, each project with
the topics and tags of the demo project it copies) in a SQLite database with the database
search, then asks every page type `--requests` times as an anonymous visitor through Django's
whole middleware stack in this process (no web server, one process: compare the rows with each
other, with the bare page and the static file, not with a production server). "uncached" keeps
nothing between views (PAGE_CACHE_SECONDS=0, and the kept similar projects and counts are
dropped before each view); "cached" is the page cache as deployed. Then an in-memory engine
(osmem-server) is started, the index rebuilt, and each page type is asked once more, uncached,
on the engine backend, counting SQL queries and requests to the engine.

`--keep DIR` keeps the database and reuses it; a corpus kept by `search_bench.py N --keep DIR`
is reused too (copy it first: its projects get topics and tags here, once).

Usage: python bench/pages_bench.py [N] [--requests 50] [--keep DIR] [--no-engine]

The project's modules are imported inside the functions: this script chooses its settings
(database, search engine) and runs `django.setup()` first, and models cannot be imported before."""

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_bench import generate, percentile  # noqa: E402

BARE_SLUG = "bench-bare-page"
DOWNLOAD_REQUESTS = 3


def label_projects():
    """Give each generated project the topics and tags of the demo project it copies (its
    title is the demo title and a number), as the demo projects have them."""
    from taggit.models import Tag

    from home.demo.projects import PROJECTS
    from projects.models import ProjectPage, ProjectTag, Topic

    topics = {t.name: t.pk for t in Topic.objects.all()}
    tags = {t.name: t.pk for t in Tag.objects.all()}
    templates = {p["title"]: p for p in PROJECTS}
    through = ProjectPage.topics.through
    topic_rows, tag_rows = [], []
    generated = ProjectPage.objects.filter(slug__startswith="bench-")
    for pk, title in generated.values_list("pk", "title").iterator():
        template = templates.get(title.rsplit(" (", 1)[0])
        if template is None:
            continue
        topic_rows += [through(projectpage_id=pk, topic_id=topics[n]) for n in template["topics"]]
        tag_rows += [ProjectTag(content_object_id=pk, tag_id=tags[n]) for n in template["tags"]]
    through.objects.bulk_create(topic_rows, ignore_conflicts=True)
    ProjectTag.objects.bulk_create(tag_rows, ignore_conflicts=True)
    print(f"  {len(topic_rows)} topics and {len(tag_rows)} tags given", flush=True)


def prepare(n, var_dir):
    """The corpus in VAR_DIR: generated, or kept and brought up to date."""
    from django.core.management import call_command

    ready, labelled = var_dir / f"bench-{n}.ready", var_dir / f"pages-{n}.labelled"
    if ready.exists():
        print(f"Reusing the {n} projects in {var_dir}", flush=True)
        call_command("migrate", verbosity=0)  # a kept database may predate new migrations
        if not labelled.exists():
            print("Giving them topics and tags, indexing them again …", flush=True)
            label_projects()
            call_command("update_index", verbosity=0)
    else:
        generate(n, random.Random(42), before_index=label_projects)  # noqa: S311
        ready.touch()
    labelled.touch()
    bare_page()


def bare_page():
    """A plain Wagtail page (`wagtailcore.Page`, Wagtail's own template) under home: what the
    stack costs without anything of this site's."""
    from wagtail.models import Page

    from home.models import HomePage

    home = HomePage.objects.get()
    page = Page.objects.filter(slug=BARE_SLUG).first()
    if page is None:
        page = home.add_child(instance=Page(title="Bare Wagtail page", slug=BARE_SLUG))
        page.save_revision().publish()
    return page


def page_types():
    from django.db.models import Count

    from cities.models import CityPage
    from projects.models import ProjectPage, Topic

    project = ProjectPage.objects.live().public().order_by("pk").first()
    # The same city at every N (the demo's Köln, with partners and meetings): a page's queries
    # depend on what it shows, and the city with most projects differs from corpus to corpus.
    city = CityPage.objects.live().annotate(led=Count("led_projects")).get(slug="koeln")
    topic = Topic.objects.annotate(n=Count("projects")).order_by("-n", "pk").first()
    return [
        ("home", "/"),
        ("project page", project.url),
        ("project list", "/projekte/"),
        ("project list, filtered", f"/projekte/?topic={topic.slug}&page=2"),
        (f"city page ({city.led} projects)", city.url),
        ("city list", "/staedte/"),
        ("meeting list", "/termine/"),
        ("search", "/suche/?q=Termin"),
        ("RSS feed", "/projekte/feed/rss/"),
        ("topic feed", f"/projekte/feed/thema/{topic.slug}/rss/"),
        ("iCal feed", "/termine/feed.ics"),
        ("sitemap.xml (index of its parts)", "/sitemap.xml"),
        ("a part of the sitemap (1,000 addresses)", "/sitemap-1.xml"),
        ("bare Wagtail page", f"/{BARE_SLUG}/"),
    ]


DOWNLOADS = [
    ("CSV download", "/daten/kommunal-digital-projekte.csv"),
    ("JSON download", "/daten/kommunal-digital-projekte.json"),
]


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        for _ in response.streaming_content:
            pass
    return response


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        _get(client, url)
    return len(captured)


def measure(client, url, requests, before_each=None):
    """(queries of one view, requests/s, p50 ms, p95 ms)."""
    # The counted view: uncached, after the reset; cached, a view of the kept copy. Once
    # before, either way: what a process reads once (the site, content types) is not counted.
    _get(client, url)
    if before_each:
        before_each()
    queries = count_queries(client, url)
    times = []
    for _ in range(requests):
        if before_each:
            before_each()
        begin = time.perf_counter()
        _get(client, url)
        times.append(time.perf_counter() - begin)
    return (
        queries,
        len(times) / sum(times),
        percentile(times, 50) * 1000,
        percentile(times, 95) * 1000,
    )


def measure_download(client, url, requests):
    """(queries, first byte ms p95, whole file ms p95, peak MB of Python memory, size MB,
    kept file: whole file ms p95). Built anew each time (a new public version before each
    request, as for the first download after a publish), then from the file kept on disk."""
    from core import public_cache  # after django.setup(), as in engine_counts

    public_cache.public_changed()
    queries = count_queries(client, url)
    first, whole = [], []
    for _ in range(requests):
        public_cache.public_changed()
        size, until_first, until_end = _timed_download(client, url)
        first.append(until_first)
        whole.append(until_end)
    public_cache.public_changed()
    tracemalloc.start()
    _get(client, url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    kept = [_timed_download(client, url)[2] for _ in range(requests)]
    return (
        queries,
        percentile(first, 95) * 1000,
        percentile(whole, 95) * 1000,
        peak / 2**20,
        size / 2**20,
        percentile(kept, 95) * 1000,
    )


def _timed_download(client, url):
    """(bytes, seconds to the first byte, seconds to the last)."""
    begin = time.perf_counter()
    response = client.get(url)
    chunks = iter(response.streaming_content)
    size = len(next(chunks))
    first = time.perf_counter() - begin
    size += sum(len(chunk) for chunk in chunks)
    return size, first, time.perf_counter() - begin


class EngineRequests:
    """Counts the requests the Elasticsearch client sends (one per search, whatever the
    transport class)."""

    def __init__(self):
        from elastic_transport import Transport

        self.count = 0
        self.original = Transport.perform_request
        counter = self

        def counted(transport, *args, **kwargs):
            counter.count += 1
            return counter.original(transport, *args, **kwargs)

        Transport.perform_request = counted


def engine_counts(client, pages):
    """{url: (SQL queries, engine requests)} of one uncached view on the engine backend."""
    from osmem_server import OsmemServer

    from django.conf import settings
    from django.core.management import call_command

    from core import public_cache
    from search.backends.elastic import reset_client

    server = OsmemServer.start(japanese=False)
    try:
        settings.SEARCH_ENGINE = "elasticsearch"
        settings.ELASTICSEARCH_URL = server.url
        settings.ELASTICSEARCH_PLAIN_JSON = True
        reset_client()
        print("Rebuilding the engine's index …", flush=True)
        call_command("search_index", "rebuild", stdout=open(os.devnull, "w"))  # noqa: SIM115
        requests = EngineRequests()
        counts = {}
        for _name, url in pages:
            public_changed = public_cache.public_changed
            public_changed()
            _get(client, url)  # caches of the process (site, content types) filled once
            public_changed()
            requests.count = 0
            queries = count_queries(client, url)
            counts[url] = (queries, requests.count)
        return counts
    finally:
        settings.SEARCH_ENGINE = "database"
        reset_client()
        server.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--keep", metavar="DIR", help="keep and reuse the generated database")
    parser.add_argument("--no-engine", action="store_true", help="skip the engine's counts")
    args = parser.parse_args()
    var_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kd-bench-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        VAR_DIR=str(var_dir),
        SEARCH_ENGINE="database",
    )
    for name in ("DATABASE_URL", "ELASTICSEARCH_URL", "ELASTICSEARCH_PLAIN_JSON", "CACHE_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from core import public_cache

    prepare(args.n, var_dir)
    load_before = os.getloadavg()[0]
    call_command("collectstatic", "--no-input", verbosity=0)
    client = Client()  # after collectstatic: WhiteNoise reads the files when it starts

    pages = page_types()
    rows = []
    for name, url in pages:
        settings.PAGE_CACHE_SECONDS = 0
        uncached = measure(client, url, args.requests, before_each=public_cache.public_changed)
        settings.PAGE_CACHE_SECONDS = 300
        cache.clear()
        cached = measure(client, url, args.requests)
        rows.append((name, url, uncached, cached))
    static = measure(client, "/static/css/site.css", args.requests)
    settings.PAGE_CACHE_SECONDS = 0
    downloads = [
        (name, measure_download(client, url, DOWNLOAD_REQUESTS)) for name, url in DOWNLOADS
    ]
    engine = {} if args.no_engine else engine_counts(client, pages)

    print()
    print(
        f"N = {args.n:,} projects, {args.requests} requests per cell, one process, SQLite, "
        "database search; engine column: one uncached view on osmem-server (SQL + requests); "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
        f"({os.cpu_count()} cores)"
    )
    print()
    print(
        "| page | SQL | engine: SQL + requests | req/s | p50 ms | p95 ms "
        "| cached: SQL | req/s | p50 ms | p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, url, uncached, cached in rows:
        on_engine = " + ".join(str(c) for c in engine[url]) if url in engine else "–"
        print(f"| {name} | {_cells(uncached, on_engine)} | {_cells(cached)} |")
    print(f"| static file (WhiteNoise) | {_cells(static, '–')} | | | | |")
    print()
    print(
        f"Downloads, {DOWNLOAD_REQUESTS} requests each: built after a publish, then the kept file:"
    )
    print()
    print(
        "| download | SQL | first byte p95 ms | whole file p95 ms | peak memory MB | size MB "
        "| kept: whole file p95 ms |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, (queries, first, whole, peak, size, kept) in downloads:
        print(
            f"| {name} | {queries} | {first:,.0f} | {whole:,.0f} | {peak:.1f} | {size:.1f} "
            f"| {kept:,.0f} |"
        )


def _cells(values, on_engine=None):
    queries, rate, p50, p95 = values
    cells = [str(queries)] + ([on_engine] if on_engine is not None else [])
    cells += [f"{rate:,.0f}", _ms(p50), _ms(p95)]
    return " | ".join(cells)


def _ms(value):
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


if __name__ == "__main__":
    main()
