"""`make bench-pages`: SQL queries, requests per second and p50/p95 per page type, without and
with the page cache, next to a static file served by WhiteNoise, as a table.

Generates N projects (default 10,000; the generator of bench/search_bench.py) in a throwaway
SQLite database with the database search, then asks every page type `--requests` times as an
anonymous visitor through Django's whole middleware stack in this process (no web server, one
process: compare the rows with each other and with the static file, not with a production
server). "uncached" keeps nothing between views (PAGE_CACHE_SECONDS=0, and the kept similar
projects and counts are dropped before each view); "cached" is the page cache as deployed.

Usage: python bench/pages_bench.py [N] [--requests 50] [--keep DIR]
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_bench import generate, percentile  # noqa: E402


def page_types():
    from django.db.models import Count

    from cities.models import CityPage
    from projects.models import ProjectPage

    project = ProjectPage.objects.live().public().order_by("pk").first()
    city = (
        CityPage.objects.live().annotate(led=Count("led_projects")).order_by("-led", "pk").first()
    )
    return [
        ("home", "/"),
        ("project page", project.url),
        ("project list", "/projekte/"),
        ("city page", city.url),
        ("city list", "/staedte/"),
        ("search", "/suche/?q=Termin"),
        ("RSS feed", "/projekte/feed/rss/"),
        ("sitemap.xml", "/sitemap.xml"),
        ("CSV download", "/daten/kommunal-digital-projekte.csv"),
    ]


def measure(client, url, requests, before_each=None):
    """(queries of one view, requests/s, p50 ms, p95 ms)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:
            for _ in response.streaming_content:
                pass
        return response

    # The counted view: uncached, after the reset; cached, a view of the kept copy.
    before_each() if before_each else get()
    with CaptureQueriesContext(connection) as captured:
        get()
    queries = len(captured)  # now: the next request empties the connection's log
    times = []
    for _ in range(requests):
        if before_each:
            before_each()
        begin = time.perf_counter()
        get()
        times.append(time.perf_counter() - begin)
    return (
        queries,
        len(times) / sum(times),
        percentile(times, 50) * 1000,
        percentile(times, 95) * 1000,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--keep", metavar="DIR", help="keep and reuse the generated database")
    args = parser.parse_args()
    var_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kd-bench-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    ready = var_dir / f"bench-{args.n}.ready"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        VAR_DIR=str(var_dir),
        SEARCH_ENGINE="database",
    )
    for name in ("DATABASE_URL", "ELASTICSEARCH_URL", "CACHE_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from core import public_cache

    if ready.exists():
        print(f"Reusing the {args.n} projects in {var_dir}", flush=True)
    else:
        generate(args.n, random.Random(42))  # noqa: S311 - reproducible test data
        ready.touch()
    call_command("collectstatic", "--no-input", verbosity=0)
    client = Client()  # after collectstatic: WhiteNoise reads the files when it starts

    rows = []
    for name, url in page_types():
        settings.PAGE_CACHE_SECONDS = 0
        uncached = measure(client, url, args.requests, before_each=public_cache.public_changed)
        settings.PAGE_CACHE_SECONDS = 300
        cache.clear()
        cached = measure(client, url, args.requests)
        rows.append((name, uncached, cached))
    static = measure(client, "/static/css/site.css", args.requests)

    print()
    print(f"N = {args.n} projects, {args.requests} requests per cell, one process, SQLite")
    header = f"{'page':<15}{'SQL':>5}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}   |"
    print(f"{'':<15}{'uncached':^29}   | {'cached':^29}")
    print(header + header[15:])
    print("-" * len(header + header[15:]))
    for name, uncached, cached in rows:
        print(f"{name:<15}{_cells(uncached)}   |{_cells(cached)}")
    print("-" * len(header + header[15:]))
    print(f"{'static file':<15}{_cells(static)}   | (WhiteNoise, /static/css/site.css)")


def _cells(values):
    queries, rate, p50, p95 = values
    return f"{queries:>5}{rate:>8.0f}{p50:>8.1f}{p95:>8.1f}"


if __name__ == "__main__":
    main()
