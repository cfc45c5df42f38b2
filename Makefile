# Two commands for a new user on a fresh machine (see README):
#   make site   builds the site from the shipped data into site/
#   make test   runs every test, the browser tests included
# Both set up .venv on first use; `make test` also installs Debian's chromium if missing.

VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: site test serve validate bench chromium

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

site: $(VENV)/.installed
	$(PY) build_site.py

validate: $(VENV)/.installed
	$(PY) build_site.py validate

serve: $(VENV)/.installed
	$(PY) build_site.py serve

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/.installed chromium
	$(PY) -m pytest
