"""`make bench-search`: rebuild rate and search latency, engine vs. database, as a table.

Generates N projects (default 10,000) of realistic German text in a throwaway database, starts
an in-memory osmem-server, times a full rebuild and 200 realistic queries through the search
view. Prints p50/p95 of the view, the engine's own `took`, their ratio, the same queries on the
database backend, and the rebuild rate. Targets on 2 cores: view ≤ 1.5 × engine at p95;
rebuild ≥ 1,000 projects/s.

Usage: python bench/search_bench.py [N] [--queries 200]

The project's modules are imported inside the functions: this script chooses its settings
(database, search engine) and runs `django.setup()` first, and models cannot be imported before."""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def create_projects(n, cities, rng, sentences, start):
    from home.demo.projects import PROJECTS
    from projects.models import ProjectPage

    for number in range(n):
        template = rng.choice(PROJECTS)
        city = rng.choice(cities)
        city.add_child(
            instance=ProjectPage(
                title=f"{template['title']} ({number})",
                slug=f"bench-{number}",
                teaser=rng.choice(sentences)[:390],
                challenge=f"<p>{' '.join(rng.sample(sentences, 3))}</p>",
                solution=[("paragraph", f"<p>{' '.join(rng.sample(sentences, 4))}</p>")],
                status=template["status"],
                live=True,
            )
        )
        if number % 1000 == 999:
            print(f"  {number + 1} projects ({time.perf_counter() - start:.0f} s)", flush=True)


def generate(n, rng, before_index=None):
    """Demo data plus N projects; returns the seconds the database index build took.
    `before_index`: called after the projects are made, before they are indexed."""
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models.signals import post_save

    from wagtail.search import signal_handlers as wagtail_search_signals

    from cities.models import CityPage
    from home.demo.projects import PROJECTS
    from home.site_tree import ensure_site_tree
    from projects.models import ProjectPage

    print(f"Preparing {n} projects …", flush=True)
    call_command("migrate", verbosity=0)
    ensure_site_tree()
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    leading = ProjectPage.objects.values_list("lead_city", flat=True).distinct()
    cities = list(CityPage.objects.filter(pk__in=leading))
    sentences = [s for p in PROJECTS for s in (p["teaser"], p["challenge"], p["solution"]) if s]
    # Bulk creation: the database index is built once afterwards, not per page (the handler is
    # connected per indexed model), and one transaction instead of a commit per page.
    post_save.disconnect(wagtail_search_signals.post_save_signal_handler, sender=ProjectPage)
    start = time.perf_counter()
    with transaction.atomic():
        create_projects(n, cities, rng, sentences, start)
        if before_index is not None:
            before_index()
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="keep the generated database in DIR and reuse it when run again with the same N "
        "(generating 10,000 projects takes many minutes)",
    )
    args = parser.parse_args()
    var_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kd-bench-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    ready = var_dir / f"bench-{args.n}.ready"

    from osmem_server import OsmemServer

    server = OsmemServer.start(japanese=False)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        VAR_DIR=str(var_dir),
        ELASTICSEARCH_URL=server.url,
        ELASTICSEARCH_PLAIN_JSON="1",
        SEARCH_ENGINE="elasticsearch",
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from projects.models import ProjectPage
    from search.backends.elastic import ElasticsearchBackend

    rng = random.Random(42)  # noqa: S311 - reproducible test data, not secrets
    if ready.exists():
        print(f"Reusing the {args.n} projects in {var_dir}", flush=True)
        # The kept database may predate the newest migrations.
        call_command("migrate", verbosity=0)
        database_index_seconds = None
    else:
        database_index_seconds = generate(args.n, rng)
        ready.touch()

    started = time.perf_counter()
    call_command("search_index", "rebuild", stdout=open(os.devnull, "w"))  # noqa: SIM115
    rebuild_seconds = time.perf_counter() - started
    indexed = ProjectPage.objects.live().count()

    words = [
        "Termin",
        "Termine",
        "Bürgerbüro",
        "Buergerbuero",
        "Chatbot",
        "Livestream",
        "Ratssitzungen",
        "Open Data",
        '"Open Data"',
        "Datenethik",
        "Ort: Köln",
        "Content: Schule",
        "Glasfaser",
        "Terminvergabe -Bielefeld",
        "Chatbto",
        "Bürgerportal",
        "Mängelmelder",
        "E-Akte",
        "On-Demand Bus",
        "Beteiligung Haushalt",
    ]
    facets = [{}, {}, {"type": "project"}, {"region": "ruhrgebiet"}, {"status": "live"}]
    # Their own generator: the same queries whether the projects were generated or reused.
    pick = random.Random(7)  # noqa: S311
    queries = [dict(q=pick.choice(words), **pick.choice(facets)) for _ in range(args.queries)]

    took, original = [], ElasticsearchBackend.search

    def measured(self, request):
        response = original(self, request)
        took.append(self.last_took)
        return response

    ElasticsearchBackend.search = measured
    client = Client()

    def run(engine):
        settings.SEARCH_ENGINE = engine
        times = []
        for query in queries:
            begin = time.perf_counter()
            response = client.get("/suche/", query)
            times.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (query, response.status_code)
        return times

    run("elasticsearch")  # warm-up
    took.clear()
    engine_view = run("elasticsearch")
    database_view = run("database")
    server.close()

    rows = [
        ("view (engine)", percentile(engine_view, 50), percentile(engine_view, 95)),
        ("engine took", percentile(took, 50), percentile(took, 95)),
        ("view (database)", percentile(database_view, 50), percentile(database_view, 95)),
    ]
    ratio = percentile(engine_view, 95) / max(percentile(took, 95), 0.001)
    print()
    print(f"{'measure':<20}{'p50 ms':>10}{'p95 ms':>10}")
    print("-" * 40)
    for name, p50, p95 in rows:
        print(f"{name:<20}{p50:>10.1f}{p95:>10.1f}")
    print("-" * 40)
    print(f"{'view / took (p95)':<20}{ratio:>20.2f}   target ≤ 1.50")
    print(
        f"{'rebuild':<20}{indexed / rebuild_seconds:>14.0f} /s   target ≥ 1000 "
        f"({indexed} projects in {rebuild_seconds:.1f} s)"
    )
    if database_index_seconds:
        print(
            f"{'database index':<20}{indexed / database_index_seconds:>14.0f} /s   "
            f"(update_index, {database_index_seconds:.1f} s)"
        )
    print(f"{'queries':<20}{len(queries):>20}   mean view {statistics.mean(engine_view):.1f} ms")


if __name__ == "__main__":
    main()
