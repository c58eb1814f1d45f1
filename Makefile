# Lantern: two commands do everything. `make demo` (install, seed, serve) and `make test`.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
MANAGE := $(PYTHON) manage.py
SEED ?= 20260101
SCALE ?= small
PG_URL ?= $(if $(DATABASE_URL),$(DATABASE_URL),postgres://postgres@127.0.0.1:5432/test)
PYTEST_ARGS ?=

.PHONY: help setup install deps npm migrate seed personas serve demo test lint test-sqlite \
        test-postgres test-browser security bench docs clean

help:
	@echo "make demo   install, seed the synthetic county and serve on http://127.0.0.1:8000"
	@echo "            (and the young people's reporting site on http://127.0.0.1:8001)"
	@echo "make test   the whole suite (lint, SQLite, PostgreSQL, browser, security)"
	@echo "make setup  install only; make serve  serve without seeding; make bench  benchmarks"

$(BIN)/activate:
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is needed ($(PY) not found)"; exit 1; }
	$(PY) -m venv $(VENV)

$(VENV)/.deps: requirements.lock $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

deps: $(VENV)/.deps
npm: node_modules/.package-lock.json

install: deps npm

setup: install migrate

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo --seed $(SEED) --scale $(SCALE)

personas:
	$(MANAGE) list_personas

# The staff site on 8000 and, beside it, the young people's reporting site on 8001: its own
# process (LANTERN_SITE=youth, docs/adr/0016). Ctrl-C stops both.
serve: install
	@echo "Staff site: http://127.0.0.1:8000   Young people's reporting site: http://127.0.0.1:8001"
	@LANTERN_SITE=youth $(MANAGE) runserver 127.0.0.1:8001 --noreload & youth=$$!; \
	trap 'kill $$youth 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

demo: seed personas serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

test-sqlite: install
	$(BIN)/pytest -q -n 2 -m "not browser" $(PYTEST_ARGS)

test-postgres: install
	bash scripts/require-postgres.sh "$(PG_URL)"
	DATABASE_URL="$(PG_URL)" $(BIN)/pytest -q -n 2 -m "not browser" $(PYTEST_ARGS)

# Browser tests run on SQLite only (the live server shares the in-memory test database).
test-browser: install
	env -u DATABASE_URL $(BIN)/pytest -q -m browser $(PYTEST_ARGS)

security: install
	LANTERN_ENV=production SECRET_KEY=ci-only-$$(printf 'x%.0s' {1..60}) DATABASE_URL="$(PG_URL)" \
	  ALLOWED_HOSTS=lantern.example.org $(MANAGE) check --deploy --fail-level WARNING
	LANTERN_SITE=youth LANTERN_ENV=production SECRET_KEY=ci-only-$$(printf 'x%.0s' {1..60}) \
	  DATABASE_URL="$(PG_URL)" ALLOWED_HOSTS=report.example.org $(MANAGE) check --deploy --fail-level WARNING
	$(BIN)/bandit -q -r lantern config -x '*/tests/*' --severity-level medium
# pip-audit is not run here: it needs the PyPI JSON API or OSV, which this CI cannot reach, and
# without them it audits nothing yet exits 0. Run where the network allows:
#   .venv/bin/pip-audit -r requirements.lock --no-deps --disable-pip --strict

test: lint security test-sqlite test-postgres test-browser

bench: install
	$(PYTHON) -m bench $(BENCH)

docs: install
	$(MANAGE) access_matrix_doc > docs/reference/permissions.md

clean:
	rm -rf var/lantern.sqlite3* var/staticfiles
