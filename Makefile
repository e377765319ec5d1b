# The two commands of the README:
#   make run   - install everything, ingest corpus/ into db/quotes.db, serve it in Datasette
#   make test  - install everything (Chromium included), lint, run all the tests
# and, while working:
#   make test-fast - lint, then the tests that load no real models and need no browser
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8001
DB ?= db/quotes.db
STAMP := $(VENV)/.installed

.PHONY: install run ingest serve lint test test-fast browser clean-db

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# a CPU build of torch first (an unpinned torch pulls a several-GB CUDA build)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

ingest: install
	$(VENV)/bin/quotetrack ingest corpus/ --db $(DB)

serve: install
	$(VENV)/bin/quotetrack serve --db $(DB) --port $(PORT)

run: ingest serve

# Debian's Chromium and its driver, for the browser tests
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium chromium-driver; }

# ruff, with the rules of pyproject.toml's [tool.ruff]
lint: install
	$(VENV)/bin/ruff check quotetrack tests benchmarks

test: lint browser
	$(PY) -m pytest -q -ra

# the markers are described in pyproject.toml; tests/conftest.py fails any test
# that loads the real models without the `slow` marker
test-fast: lint
	$(PY) -m pytest -q -ra -m "not slow and not browser"

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
