# The two commands of the README:
#   make run   - install everything, ingest corpus/ into db/quotes.db, serve it in Datasette
#   make test  - install everything (Chromium included), run the tests
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8001
DB ?= db/quotes.db
STAMP := $(VENV)/.installed

.PHONY: install run ingest serve test browser clean-db

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

test: install browser
	$(PY) -m pytest -q -ra

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
