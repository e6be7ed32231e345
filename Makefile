# The course's commands. `make start` opens the course, `make test` runs every test.
# Everything installs into .venv; nothing is fetched at run time.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8888
STAMP_COURSE := $(VENV)/.installed-course
STAMP_TEST := $(VENV)/.installed-test
STAMP_SITE := $(VENV)/.installed-site
SITE_PORT ?= 8000

.PHONY: help install install-test start test test-fast lint book book-clean site site-serve exercises notebooks typography data bench browser-deps clean verify-certificate class-report teacher-kit

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-19s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_COURSE): $(PY) requirements.txt constraints.txt pyproject.toml
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(STAMP_TEST): $(STAMP_COURSE) requirements-test.txt requirements-site.txt
	$(PY) -m pip install --quiet -r requirements-test.txt -r requirements-site.txt -c constraints.txt
	$(PY) -m influence_workbook.authoring.site --hide-lite-extensions
	touch $@

$(STAMP_SITE): $(STAMP_COURSE) requirements-site.txt
	$(PY) -m pip install --quiet -r requirements-site.txt -c constraints.txt
	$(PY) -m influence_workbook.authoring.site --hide-lite-extensions
	touch $@

install: $(STAMP_COURSE) ## Create .venv and install the course

install-test: $(STAMP_TEST) browser-deps ## Install what the tests need (Python packages and Debian's Chromium)

browser-deps: ## Install Debian's Chromium and fonts when missing (needs root or sudo)
	@bash scripts/install-browser.sh

start: install ## Install if needed, then open the course home in course mode (Voilà; JupyterLab one link away; 127.0.0.1, with a token)
	@bash scripts/start.sh $(PORT)

test: install-test ## Install everything the tests need, then run the whole suite (lint included)
	$(BIN)/ruff check src tests benchmarks conftest.py
	$(BIN)/mypy
	$(BIN)/pytest

test-fast: $(STAMP_TEST) ## Unit tests only (no notebooks, no book build, no browser)
	$(BIN)/pytest -m "not slow and not browser" --ignore=tests/notebooks

lint: $(STAMP_TEST) ## Ruff and mypy on the package
	$(BIN)/ruff check src tests benchmarks conftest.py
	$(BIN)/mypy

# The book executes the notebooks: freeze the date and use a throw-away progress folder, so the
# pages never show the builder's own saved work and do not change with the calendar.
book: install ## Build the static site into _build/html (warnings are errors)
	INFLUENCE_WORKBOOK_TODAY=2026-11-28 INFLUENCE_WORKBOOK_HOME="$$(mktemp -d)" \
	  $(BIN)/jupyter-book build -W -n --keep-going .

# The published site: the book at the root, JupyterLite (every workshop live in the browser) in lite/.
# Downloads (Pyodide's npm tarball, pure wheels from PyPI) are cached in _build/site-cache/; see site/README.md.
site: $(STAMP_SITE) book ## Build the publishable site into _build/site (book + workshops live in the browser)
	$(PY) -m influence_workbook.authoring.site

site-serve: ## Serve _build/site on 127.0.0.1 (port SITE_PORT, default 8000) to try it (make site first)
	@$(PY) -m influence_workbook.authoring.site --serve $(SITE_PORT)

book-clean: ## Remove the built site and its execution cache
	rm -rf _build

exercises: install ## Regenerate the learner exercises from the solutions, then run them to store outputs
	$(PY) -m influence_workbook.authoring.exercises
	$(PY) -m influence_workbook.authoring.execute exercises/*.ipynb

notebooks: install ## Re-execute the chapter notebooks and solutions, storing their outputs
	$(PY) -m influence_workbook.authoring.execute

typography: install ## Put French non-breaking spaces where they belong in learner-facing text
	$(PY) -m influence_workbook.authoring.typography --fix

data: install ## Regenerate the sample data (byte-identical for the same seed)
	$(PY) -m influence_workbook.data.generate

bench: $(STAMP_TEST) ## Run the benchmarks and print their figures
	$(PY) -m benchmarks

verify-certificate: install ## Check a learner's certificate: make verify-certificate FILE=progression.json CODE=IW-…
	@$(PY) -m influence_workbook.certificate verifier "$(FILE)" "$(CODE)"

# The teacher's class report from the learners' exports (« Exporter ma progression » on the course's home page).
SORTIE ?= _build/rapport-classe
class-report: install ## Class report from learners' exports: make class-report DOSSIER=exports/ (or FILES="a.json b.json") [CLE=…]
	@if [ -z "$(DOSSIER)$(FILES)" ]; then echo "Indiquez les exports : make class-report DOSSIER=dossier/ (ou FILES=\"a.json b.json\") [CLE=clé]" >&2; exit 2; fi
	@$(PY) -m influence_workbook.class_report $(DOSSIER) $(FILES) --out "$(SORTIE)" $(if $(CLE),--cle "$(CLE)")

teacher-kit: install ## The teacher's kit: solutions (notebooks and offline HTML), answer key, guide -> _build/kit-enseignant.zip
	@$(PY) -m influence_workbook.teacher_kit

clean: ## Remove the virtual environment and build outputs
	rm -rf $(VENV) _build .pytest_cache
