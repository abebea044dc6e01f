# Kommunal Digital – set-up and development commands.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs on every core (pytest-xdist; each worker its own test database, search engine
# and browser). PYTEST_ARGS="-n 0 -k listing" runs a part in one process.
PYTEST_ARGS ?= -n auto

.PHONY: run test test-postgres install browser messages lint check clean bench-search bench-pages

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) messages

messages: $(STAMP)
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	cd $(CURDIR) && $(PY) manage.py compilemessages --ignore=.venv -v0

## make run: install, migrate, load the demo data, ensure an admin, serve the site.
run: export BASE_URL ?= http://$(HOST):$(PORT)
run: install
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py load_demo
	$(PY) manage.py update_index
	$(PY) manage.py ensure_admin
	$(PY) scripts/dev_server.py $(HOST):$(PORT)

## Debian's Chromium for the browser tests (a browser download fails here).
browser:
	@[ -x /usr/bin/chromium ] || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }
	@[ -x /usr/bin/chromium ] || { echo "Chromium is missing: apt-get install chromium"; exit 1; }

## make test: install, then the whole suite (checks, lint, import layers, tests incl. browser tests).
test: install browser
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-logo
	$(PY) -m pytest $(PYTEST_ARGS)

## make test-postgres: the same suite in the scaled set-up: a throwaway local PostgreSQL server
## and a throwaway local Redis server as the shared cache (CACHE_URL).
test-postgres: install browser
	bash scripts/with-postgres.sh bash scripts/with-redis.sh $(PY) -m pytest $(PYTEST_ARGS)

## make bench-search [N=10000]: search rebuild rate and latency table (see bench/).
N ?= 10000
bench-search: install
	$(PY) bench/search_bench.py $(N)

## make bench-pages [N=10000] [BENCH_ARGS="--keep var/bench-pages"]: SQL queries, engine
## requests, req/s and p50/p95 per page type, without and with the page cache, next to a bare
## Wagtail page and a static file; the downloads' first byte and memory (bench/pages_bench.py).
bench-pages: install
	$(PY) bench/pages_bench.py $(N) $(BENCH_ARGS)

## make eval-search: search quality per backend on the judged demo queries (bench/search_quality/);
## e.g. EVAL_ARGS="--backend engine --min-success1 0.9" to fail below a target, -v for every query.
.PHONY: eval-search
eval-search: install
	$(PY) bench/eval_search.py $(EVAL_ARGS)

## make lint: ruff, and the direction of imports between the apps (import-linter, pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo

clean:
	rm -rf $(VENV) var
