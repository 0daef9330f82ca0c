# Equalcity: `make run` and `make test` are all a newcomer needs (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := DEBUG=$${DEBUG:-1} $(BIN)/python manage.py
# default-jre-headless runs the Nu HTML Checker (vnu.jar) in the tests.
DEBIAN_PACKAGES := gettext fonts-noto-core fonts-noto-ui-core fonts-sil-abyssinica \
	libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils \
	default-jre-headless
CHROMIUM ?= /usr/bin/chromium
# Tests run with DEBUG off, as in production; they need a key of their own.
# Two workers on two cores (pytest-xdist); `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= auto
TEST_ENV := CHROMIUM=$(CHROMIUM) SECRET_KEY=$${SECRET_KEY:-tests-only-secret-key} DEBUG=0

.PHONY: help system-deps install lock run migrate seed test test-fast lint hooks format mutation messages compile-messages bench bench-broker bench-national bench-lighthouse clean

help: ## Show the workflow: the targets by group, one line each
	@awk -F':.*## ' '/^##@ / {printf "\n%s\n", substr($$0, 5)} /^[a-z-]+:.*## / {printf "  make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

##@ Set up (make run does all of it)

system-deps: ## Install the Debian packages that are missing (fonts, gettext, Chromium, Java)
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

UV := $(BIN)/uv
UV_VERSION := 0.13.9
# The versions that were tested: requirements.lock pins every package (`make lock` renews it).
# uv installs them; it comes from PyPI as a wheel into the virtualenv itself.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(UV) --version 2>/dev/null | grep -q " $(UV_VERSION)" || $(BIN)/pip install -q uv==$(UV_VERSION)
	$(UV) pip install -q --python $(BIN)/python -r requirements.lock
	$(UV) pip install -q --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

lock: $(STAMP) ## Pin every dependency anew from pyproject.toml into requirements.lock
	$(UV) pip compile -q pyproject.toml --extra dev --universal --python-version 3.11 -o requirements.lock

NODE_TOOLS := node_modules/.installed
LIGHTHOUSE := node_modules/.bin/lighthouse
NPM := command -v npm >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm; }; npm
$(NODE_TOOLS): package.json package-lock.json
	@# Node.js only serves the tests and benchmarks; a Node the machine already has is kept. The
	@# tests need axe-core and vnu-jar (35 MB); Lighthouse (190 MB, 1.5 min on a new machine) is
	@# an optional dependency that only `make bench-lighthouse` installs.
	@$(NPM) ci --omit=optional --no-audit --no-fund --silent
	@touch $(NODE_TOOLS)

$(LIGHTHOUSE): $(NODE_TOOLS)
	@$(NPM) ci --no-audit --no-fund --silent
	@touch $(NODE_TOOLS)

install: system-deps $(STAMP) ## Create the virtualenv and install the locked versions

##@ Run
compile-messages: $(STAMP) ## Compile the translation catalogues (locale/*/django.mo)
	@$(MANAGE) compilemessages -v0 --ignore=.venv

migrate: install compile-messages ## Apply database migrations
	$(MANAGE) migrate --noinput

seed: migrate ## Load the demo programme (idempotent)
	$(MANAGE) seed_demo

run: seed ## Serve the app with a Celery worker and beat at http://127.0.0.1:8000
	@mkdir -p var/broker var/broker-processed var/broker-control var/mail var/sms
	@echo "Two-step login without a phone: $(MANAGE) demo_code leader@demo.equalcity.se prints the code"
	DEBUG=1 $(BIN)/honcho -f Procfile.dev start

##@ Check: make lint and make test are what CI runs
test: install $(NODE_TOOLS) compile-messages ## Run the whole suite (PostgreSQL when DATABASE_URL points to it)
	$(TEST_ENV) $(BIN)/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-fast: install $(NODE_TOOLS) compile-messages ## The suite without the browser tests
	$(TEST_ENV) $(BIN)/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

lint: $(STAMP) ## The checks pre-commit runs: ruff, djhtml, the JS/CSS linter, the import contracts, mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/biome lint --error-on-warnings static
	$(BIN)/lint-imports --no-cache
	@# The services and selectors, strictly typed ([tool.mypy] in pyproject.toml lists them).
	DEBUG=1 $(BIN)/mypy

hooks: $(STAMP) ## Run the lint checks before each git commit (pre-commit install)
	$(BIN)/pre-commit install

format: $(STAMP) ## Apply ruff's fixes, format the Python code and indent the templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

mutation: install compile-messages ## Mutation check of seats, outbox and planner: prints the survivors (mutmut)
	rm -rf mutants
	$(TEST_ENV) $(BIN)/mutmut run --max-children $$(nproc)
	@$(BIN)/mutmut results
	@$(BIN)/mutmut export-cicd-stats >/dev/null
	@$(BIN)/python -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
		tested, killed = s['total'] - s['skipped'], s['killed'] + s['timeout']; \
		lost = s['survived'] + s['no_tests']; \
		print(f'mutants: {tested}, killed {killed}, survived {s[\"survived\"]}, ' \
			f'no test {s[\"no_tests\"]}: survival {100 * lost / max(tested, 1):.1f}%')"

##@ Translations

messages: $(STAMP) ## Extract strings into locale/*/django.po and compile them
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench \
		--ignore=node_modules
	$(BIN)/python -m equalcity.catalogues --fix-headers
	$(BIN)/python -m equalcity.catalogues --fill-english
	$(MANAGE) compilemessages --ignore=.venv
	$(BIN)/python -m equalcity.catalogues

##@ Benchmarks: figures, not pass or fail
bench: install ## Benchmarks: print timings and query counts (BENCH_DATABASE_URL for PostgreSQL)
	@for script in bench/plan_reminders.py bench/render_invitation.py; do echo "== $$script"; $(BIN)/python $$script; done

bench-broker: install ## Registration latency with the Celery broker up and down (needs redis-server)
	$(BIN)/python bench/broker_down.py

bench-national: install compile-messages ## Every page with all of Sweden's data against a bare view (PostgreSQL, Redis; BENCH_ARGS="--scale 0.05")
	$(BIN)/python bench/national.py $(BENCH_ARGS)

bench-lighthouse: install $(LIGHTHOUSE) compile-messages ## Lighthouse SEO, accessibility, best practices: 4 pages x 6 languages
	CHROME_PATH=$(CHROMIUM) $(BIN)/python bench/lighthouse.py

##@ Other
clean: ## Remove var/ (broker, mail, SMS, media) and the SQLite database
	rm -rf var db.sqlite3
