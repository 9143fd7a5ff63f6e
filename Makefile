# Majlis — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed-$(shell cat uv.lock pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The links in e-mails point where `make run` serves (0.0.0.0 listens everywhere: links use 127.0.0.1), unless
# SITE_URL is set.
RUN_SITE_URL := $(or $(SITE_URL),http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT))
SCALE ?= 20

.DEFAULT_GOAL := help
.PHONY: help install run migrate seed test fuzz-random lint format check pytest browser bench messages clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml uv.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --frozen --inexact --python $(BIN)/python
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP) ## Create .venv and install the locked dependencies

migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input

seed: migrate ## Load the demo content (idempotent)
	$(MANAGE) seed_demo

run: export SITE_URL := $(RUN_SITE_URL)
run: seed ## Install, migrate, load the demo content and serve http://HOST:PORT (127.0.0.1:8000); e-mail links follow
	@$(MANAGE) demo_logins
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install ## ruff check and format check, and the layer contracts (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: install ## The test suite (without the browser tests)
	$(BIN)/pytest -n auto

test: lint check pytest ## Install, lint, checks and the whole test suite

fuzz-random: install ## The fuzz and property tests with new random inputs (CI draws the same ones every run)
	HYPOTHESIS_PROFILE=random $(BIN)/pytest -p no:xdist tests/fuzz tests/partnerships/meetings/test_scheduling.py

browser: install ## Browser tests in headless Chromium (/usr/bin/chromium), with axe-core and the Nu HTML checker (Java) from tests/e2e/package-lock.json
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --frozen --inexact --group browser --python $(BIN)/python
# Again whenever the lock changed. No install scripts: vnu-jar's would download a Java runtime (Java is the system's).
	@test tests/e2e/node_modules/.package-lock.json -nt tests/e2e/package-lock.json || npm ci --prefix tests/e2e --no-audit --no-fund --ignore-scripts
	$(BIN)/pytest -m browser -p no:xdist

bench: install ## Seed a large data set (SCALE=20), serve with gunicorn and load the main pages over HTTP
	$(BIN)/python tests/bench/run.py --scale $(SCALE) $(BENCH_ARGS)

messages: install ## Extract and compile the translation catalogues (needs GNU gettext)
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=tests --ignore=staticfiles
	$(MANAGE) compilemessages --ignore=.venv

clean: ## Remove the virtual environment, the local database, demo logins and generated files
	rm -rf $(VENV) db.sqlite3 .demo-logins.json media staticfiles test-output .test-media .bench
