# Two commands for everyone: `make site` builds site/, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve validate schema lint clean bench bench-pages

NODE_STAMP := tests/js/node_modules/.package-lock.json

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Builds into a fresh folder and swaps it into place only on success: a crash, a kill or a
# refused build leaves the previous site/ exactly as it was.
site: $(STAMP)
	$(BIN)/mbo-alumni build

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

validate: $(STAMP)
	$(BIN)/mbo-alumni validate --data data

schema: $(STAMP)
	$(BIN)/mbo-alumni schema --out schemas

lint: $(STAMP)
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench
	cd plugins && ../$(BIN)/mypy --strict mbo_alumni

# ical.js (Thunderbird's calendar parser) judges the feeds, pa11y the pages; npm ci installs the
# locked versions. Puppeteer (pa11y's browser driver) would download its own Chrome, which is not
# reachable here: pa11y drives the Debian Chromium below instead.
$(NODE_STAMP): tests/js/package.json tests/js/package-lock.json
	command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq nodejs npm)
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tests/js --no-audit --no-fund --loglevel=error

# Calendar programs that read the feeds in the tests (khal, recurring-ical-events) live in a
# venv of their own: they pin python-dateutil below 3, which the site's venv has outgrown.
CLIENTS := .venv-clients
CLIENTS_STAMP := $(CLIENTS)/.installed

$(CLIENTS_STAMP): tests/clients/requirements.txt
	test -x $(CLIENTS)/bin/python || $(PYTHON) -m venv $(CLIENTS)
	$(CLIENTS)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/clients/requirements.txt
	touch $(CLIENTS_STAMP)

# Radicale, a real CalDAV server, for the calendar tests (run on 127.0.0.1 only), in a venv of
# its own: it pins python-dateutil and vobject apart from ours.
RADICALE := .venv-radicale
RADICALE_STAMP := $(RADICALE)/.installed

$(RADICALE_STAMP): tests/radicale/requirements.txt
	test -x $(RADICALE)/bin/python || $(PYTHON) -m venv $(RADICALE)
	$(RADICALE)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/radicale/requirements.txt
	touch $(RADICALE_STAMP)

# Browser tests drive Debian's Chromium headless shell (the same Blink and V8 as the browser,
# without its windowing layer; Playwright's default for headless runs, at half the CPU of the
# full browser). Playwright's own browser download is not reachable here. Point CHROMIUM_PATH at
# another Chromium (e.g. Playwright's, or /usr/bin/chromium) to skip the install.
CHROMIUM_PATH ?= /usr/bin/chromium-headless-shell
export CHROMIUM_PATH

$(CHROMIUM_PATH):
	apt-get update -qq && apt-get install -y -qq chromium-headless-shell

# The Nu HTML checker (npm's vnu-jar) runs on Java.
JAVA_STAMP := .venv/.java

$(JAVA_STAMP): $(STAMP)
	command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq default-jre-headless)
	touch $(JAVA_STAMP)

# LibreOffice (headless, no GUI) opens and saves the CSV open data in the tests, as a
# spreadsheet user would.
OFFICE_STAMP := .venv/.office

$(OFFICE_STAMP): $(STAMP)
	command -v soffice >/dev/null || (apt-get update -qq && apt-get install -y -qq libreoffice-calc-nogui)
	touch $(OFFICE_STAMP)

# Two workers: most tests wait on Chromium or a build, and this machine has two cores.
WORKERS ?= 2

test: $(STAMP) $(CLIENTS_STAMP) $(RADICALE_STAMP) $(NODE_STAMP) $(CHROMIUM_PATH) $(JAVA_STAMP) $(OFFICE_STAMP) lint
	$(BIN)/pytest -n $(WORKERS)

# Lint and the fast tests (no site build, no browser, no calendar program): under a minute.
check: $(STAMP) lint
	$(BIN)/pytest -n $(WORKERS) -q -m "not slow"

# Prints the benchmark table (see BENCHMARKS.md); takes several minutes.
bench: $(STAMP)
	TMPDIR=$${BENCH_TMPDIR:-$$(test -d /dev/shm && echo /dev/shm || echo /tmp)} $(BIN)/python bench/bench.py 1000 5000 2000 10000

clean:
	rm -rf site $(VENV) $(CLIENTS) $(RADICALE) tests/js/node_modules

# Per page kind: HTML and gzip bytes, the search index, sitemap fetches in Chromium, and Google
# Lighthouse's mobile scores (installed here, in bench/js; Node 20 runs Lighthouse 12).
LIGHTHOUSE_STAMP := bench/js/node_modules/.package-lock.json

$(LIGHTHOUSE_STAMP): bench/js/package.json bench/js/package-lock.json
	command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq nodejs npm)
	test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix bench/js --no-audit --no-fund --loglevel=error

bench-pages: $(STAMP) $(CHROMIUM_PATH) $(LIGHTHOUSE_STAMP)
	TMPDIR=$${BENCH_TMPDIR:-$$(test -d /dev/shm && echo /dev/shm || echo /tmp)} $(BIN)/python bench/pages.py 1000 5000 2000 10000
