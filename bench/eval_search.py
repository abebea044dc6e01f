"""`make eval-search`: how well search and the peer finder answer everyday German, per backend.

Builds a throwaway SQLite database (its own VAR_DIR; var/db.sqlite3 is never touched), migrates,
loads the demo corpus, then runs the judged queries of bench/search_quality/queries.toml through
the code the search page uses (`run_search`) on the database backend and on the engine (an
in-memory osmem-server, rebuilt with `search_index rebuild`), and the judged descriptions of
bench/search_quality/peers.toml through the peer finder (`find_peers`).

Prints per backend: success@1 and success@3 (a judged-relevant page first / in the top three),
MRR over the first result page, queries with 0 hits although a page is relevant, queries with
hits although nothing is relevant, precision@5 of the peer finder, and how many "similar
projects in other cities" come from the project's own city; then the same per query class, and
the queries that do not find a relevant page first (query → what came first).

A measurement: the exit code is 0 unless --min-success1 is given and a backend falls below it.

Usage: python bench/eval_search.py [--backend all|database|engine] [--min-success1 0.9] [-v]

The project's modules are imported inside the functions: this script chooses its settings
(database, search engine) and runs `django.setup()` first, and models cannot be imported before."""

import argparse
import datetime
import io
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

JUDGED = Path(__file__).resolve().parent / "search_quality"
QUERIES = JUDGED / "queries.toml"
PEERS = JUDGED / "peers.toml"
CLASSES = (
    "inflection",
    "compound-part",
    "compound-whole",
    "synonym",
    "typo",
    "umlaut",
    "multiword",
    "prefix",
    "place",
    "absent",
)
# Names on the command line and in the table → the value of settings.SEARCH_ENGINE.
BACKENDS = {"database": "database", "engine": "elasticsearch"}
PEER_DEPTH = 5


def load_judged(queries=QUERIES, peers=PEERS):
    """The judged queries and peer descriptions, as lists of dicts."""
    with open(queries, "rb") as file:
        judged_queries = tomllib.load(file)["query"]
    with open(peers, "rb") as file:
        judged_peers = tomllib.load(file)["peer"]
    return judged_queries, judged_peers


def page_keys():
    """(kind, pk) → the stable key the judged files use, for every live page search can return:
    `project:<city-slug>/<slug>` (the city page it lives under), `city:<slug>`, `event:<slug>`."""
    from cities.models import CityPage
    from events.models import EventPage
    from projects.models import ProjectPage

    keys = {}
    for pk, slug in CityPage.objects.live().values_list("pk", "slug"):
        keys["city", pk] = f"city:{slug}"
    for pk, slug, path in ProjectPage.objects.live().values_list("pk", "slug", "url_path"):
        parent = path.rstrip("/").split("/")[-2]
        keys["project", pk] = f"project:{parent}/{slug}"
    for pk, slug in EventPage.objects.live().values_list("pk", "slug"):
        keys["event", pk] = f"event:{slug}"
    return keys


@dataclass
class Outcome:
    query: str
    kind: str  # the query class
    relevant: set
    found: list  # keys of the first result page, in order
    total: int
    engine: str  # the backend that answered (a fallback shows here)

    @property
    def rank(self):
        return next((i for i, key in enumerate(self.found, 1) if key in self.relevant), None)


@dataclass
class Scores:
    judged: int = 0
    success1: float = 0.0
    success3: float = 0.0
    mrr: float = 0.0
    zero_hits: int = 0  # judged-relevant queries without any hit
    noise: int = 0  # queries with nothing relevant that still get hits
    absent: int = 0

    @classmethod
    def of(cls, outcomes):
        judged = [o for o in outcomes if o.relevant]
        absent = [o for o in outcomes if not o.relevant]
        scores = cls(judged=len(judged), absent=len(absent))
        if judged:
            ranks = [o.rank for o in judged]
            scores.success1 = sum(r == 1 for r in ranks) / len(judged)
            scores.success3 = sum(r is not None and r <= 3 for r in ranks) / len(judged)
            scores.mrr = sum(1 / r for r in ranks if r) / len(judged)
            scores.zero_hits = sum(o.total == 0 for o in judged)
        scores.noise = sum(o.total > 0 for o in absent)
        return scores


@dataclass
class PeerOutcome:
    city: str
    relevant: set  # the peers the city wants to contact
    related: set  # same field: fair to show, not missed
    found: list  # keys of the first PEER_DEPTH projects
    engine: str

    @property
    def precision(self):
        """Peers that fit among the first five; 1.0 reachable however few the corpus has."""
        fitting = self.relevant | self.related
        return sum(key in fitting for key in self.found) / min(PEER_DEPTH, len(fitting))

    @property
    def recall(self):
        """The real peers among the first five."""
        found = sum(key in self.relevant for key in self.found)
        return found / min(PEER_DEPTH, len(self.relevant))


@dataclass
class Run:
    backend: str
    outcomes: list
    peers: list
    same_city: int
    similar_total: int
    seconds: float
    fallbacks: set = field(default_factory=set)

    @property
    def scores(self):
        return Scores.of(self.outcomes)

    @property
    def peer_precision(self):
        return sum(p.precision for p in self.peers) / len(self.peers) if self.peers else 0.0

    @property
    def peer_recall(self):
        return sum(p.recall for p in self.peers) / len(self.peers) if self.peers else 0.0


def search_all(queries, keys):
    from search.backends import SearchRequest
    from search.query import parse
    from search.service import run_search

    outcomes = []
    for item in queries:
        response = run_search(SearchRequest(query=parse(item["query"])))
        outcomes.append(
            Outcome(
                query=item["query"],
                kind=item["class"],
                relevant=set(item["relevant"]),
                found=[keys.get((h.kind, h.pk), f"{h.kind}:#{h.pk}") for h in response.hits],
                total=response.total,
                engine=response.engine,
            )
        )
    return outcomes


def find_all_peers(peers, keys):
    from search.service import find_peers

    outcomes = []
    for item in peers:
        result = find_peers(item["text"])
        outcomes.append(
            PeerOutcome(
                city=item["city"],
                relevant=set(item["relevant"]),
                related=set(item.get("related", [])),
                found=[keys["project", m.project.pk] for m in result["projects"][:PEER_DEPTH]],
                engine=result["engine"],
            )
        )
    return outcomes


def same_city_similar():
    """How many of the "similar projects in other cities" shown on the demo projects' pages come
    from the project's own city, and how many are shown in all."""
    from projects.models import ProjectPage
    from search.service import similar_projects

    same = total = 0
    for project in ProjectPage.objects.live().order_by("pk"):
        for match in similar_projects(project):
            total += 1
            same += match.project.lead_city_id == project.lead_city_id
    return same, total


def evaluate(backend, queries, peers):
    from django.conf import settings
    from django.core.management import call_command

    settings.SEARCH_ENGINE = BACKENDS[backend]
    if backend == "engine":
        call_command("search_index", "rebuild", stdout=io.StringIO())
    started = time.perf_counter()
    keys = page_keys()
    outcomes = search_all(queries, keys)
    peer_outcomes = find_all_peers(peers, keys)
    same, total = same_city_similar()
    run = Run(backend, outcomes, peer_outcomes, same, total, time.perf_counter() - started)
    expected = BACKENDS[backend]
    run.fallbacks = {o.engine for o in [*outcomes, *peer_outcomes]} - {expected}
    return run


def _commit():
    try:
        result = subprocess.run(  # noqa: S603
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    return result.stdout.strip()


def _short(key):
    return key.removeprefix("project:")


def report(runs, queries, verbose=False):
    judged = sum(bool(q["relevant"]) for q in queries)
    commit = _commit()
    print()
    print(
        f"Search quality on the demo corpus, {datetime.date.today().isoformat()}"
        f"{f' (commit {commit})' if commit else ''}: {judged} judged queries, "
        f"{len(queries) - judged} with nothing relevant, {len(runs[0].peers)} peer descriptions"
    )
    print()
    header = (
        f"{'backend':<10}{'success@1':>10}{'success@3':>10}{'MRR':>6}{'0 hits¹':>9}"
        f"{'noise²':>8}{'peers P@5':>10}{'R@5³':>6}{'same city⁴':>12}{'time':>8}"
    )
    print(header)
    print("-" * len(header))
    for run in runs:
        s = run.scores
        print(
            f"{run.backend:<10}{s.success1:>10.2f}{s.success3:>10.2f}{s.mrr:>6.2f}"
            f"{f'{s.zero_hits}/{s.judged}':>9}{f'{s.noise}/{s.absent}':>8}"
            f"{run.peer_precision:>10.2f}{run.peer_recall:>6.2f}"
            f"{f'{run.same_city}/{run.similar_total}':>12}{run.seconds:>7.1f}s"
        )
    print("-" * len(header))
    print("MRR over the first result page (10 hits).")
    print("¹ queries with a judged-relevant page that get no hit at all")
    print("² queries with nothing relevant in the corpus that still get hits")
    print("³ peer finder: P@5 = fitting (relevant or related) among the first five,")
    print("  R@5 = relevant among the first five; both / min(5, judged), see peers.toml")
    print("⁴ „Ähnliche Projekte in anderen Städten“ on the demo projects' pages: from the")
    print("  project's own city / shown")
    for run in runs:
        if run.fallbacks:
            print(f"WARNING: {run.backend}: some answers came from {sorted(run.fallbacks)}")

    print()
    print("Per class: success@1 / success@3 / MRR (absent: queries with hits)")
    header = f"{'class':<16}{'n':>4}" + "".join(f"{run.backend:>22}" for run in runs)
    print(header)
    print("-" * len(header))
    for kind in CLASSES:
        rows = [[o for o in run.outcomes if o.kind == kind] for run in runs]
        if not rows[0]:
            continue
        cells = []
        for scores in (Scores.of(row) for row in rows):
            if kind == "absent":
                cells.append(f"{scores.noise} with hits")
            else:
                cells.append(f"{scores.success1:.2f} / {scores.success3:.2f} / {scores.mrr:.2f}")
        print(f"{kind:<16}{len(rows[0]):>4}" + "".join(f"{cell:>22}" for cell in cells))

    for run in runs:
        print()
        print(f"Not found first on {run.backend} (query → first hit; where the first relevant is):")
        for kind in CLASSES:
            for o in run.outcomes:
                if o.kind != kind or (o.relevant and o.rank == 1) or not (o.relevant or o.total):
                    continue
                if not o.relevant:
                    where = f"{o.total} hits, nothing relevant"
                elif o.rank:
                    where = f"relevant at {o.rank}"
                else:
                    where = "no relevant in the first 10" if o.found else "0 hits"
                first = _short(o.found[0]) if o.found else "–"
                print(f"  [{kind}] {o.query} → {first}; {where}")
        for p in run.peers:
            if p.precision < 1 or p.recall < 1:
                marked = [
                    ("+" if k in p.relevant else "~" if k in p.related else "-") + _short(k)
                    for k in p.found
                ]
                print(
                    f"  [peers] {p.city}: P@5 {p.precision:.2f} R@5 {p.recall:.2f}: "
                    f"{' '.join(marked)}"
                )
        if verbose:
            print(f"All queries on {run.backend} (rank of the first relevant, hits, first three):")
            for o in run.outcomes:
                print(
                    f"  {o.rank or '-':>2} {o.total:>3}  {o.query} → "
                    f"{', '.join(_short(k) for k in o.found[:3])}"
                )
    print()
    print("Peer lists: + relevant, ~ related, - neither.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["all", *BACKENDS], default="all")
    parser.add_argument(
        "--min-success1",
        type=float,
        default=None,
        help="exit with 1 if success@1 of a measured backend is below this",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every query")
    args = parser.parse_args()
    backends = list(BACKENDS) if args.backend == "all" else [args.backend]
    queries, peers = load_judged()

    var_dir = tempfile.mkdtemp(prefix="kd-eval-")
    server = None
    try:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            DEBUG="0",
            ALLOW_DEMO_DATA="1",  # a throwaway database: the demo accounts never leave it
            SECRET_KEY=secrets.token_urlsafe(50),
            VAR_DIR=var_dir,
            DATABASE_URL=f"sqlite:///{var_dir}/db.sqlite3",
            SEARCH_ENGINE="database",
        )
        for name in ("ELASTICSEARCH_URL", "ELASTICSEARCH_PLAIN_JSON", "SEARCH_INDEX_PREFIX"):
            os.environ.pop(name, None)
        if "engine" in backends:
            from osmem_server import OsmemServer

            server = OsmemServer.start(japanese=False)
            os.environ.update(ELASTICSEARCH_URL=server.url, ELASTICSEARCH_PLAIN_JSON="1")

        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        from home.site_tree import ensure_site_tree

        print("Preparing the demo corpus in a temporary database …", flush=True)
        call_command("migrate", verbosity=0)
        ensure_site_tree()
        call_command("load_demo", stdout=io.StringIO())
        call_command("update_index", verbosity=0, stdout=io.StringIO())
        runs = []
        for backend in backends:
            print(f"Measuring {backend} …", flush=True)
            runs.append(evaluate(backend, queries, peers))
        report(runs, queries, verbose=args.verbose)
        connections.close_all()
    finally:
        if server is not None:
            server.close()
        shutil.rmtree(var_dir, ignore_errors=True)

    if args.min_success1 is not None:
        below = [r.backend for r in runs if r.scores.success1 < args.min_success1]
        if below:
            print(f"success@1 below {args.min_success1}: {', '.join(below)}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
