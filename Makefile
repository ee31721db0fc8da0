# Roundtable: `make serve` to try it, `make test` to check it. Both set everything up first.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
VENDOR := static/vendor
ASSETS := $(VENDOR)/socket.io.esm.min.js $(VENDOR)/sortable.esm.js
TRANSLATIONS := facilitation/translations
CATALOGUES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install assets serve demo test lint check wheel bench messages clean

install: $(INSTALLED) $(ASSETS) $(COMPILED)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The browser libraries are part of the package, so they are in place before it installs.
$(INSTALLED): $(BIN)/python pyproject.toml | $(ASSETS)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Browser libraries are copied out of node_modules and served by the app itself.
$(ASSETS): node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/socket.io-client/dist/socket.io.esm.min.js $(VENDOR)/
	cp node_modules/socket.io-client/dist/socket.io.esm.min.js.map $(VENDOR)/
	cp node_modules/sortablejs/modular/sortable.esm.js $(VENDOR)/

assets: $(ASSETS)

# The server reads compiled catalogues; they are built from the .po files, never committed.
$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po | $(INSTALLED)
	$(BIN)/pybabel compile --statistics -i $< -o $@

demo: install
	$(BIN)/facilitation demo

serve: demo
	$(BIN)/facilitation serve --host $(HOST) --port $(PORT)

# The client's own tests first: they take a second, the Python suite minutes.
test: install
	node --test tests/js/
	$(BIN)/python -m pytest -q -rs $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy facilitation
	npx --no-install eslint static/js tests/js
	npx --no-install prettier --check static/js tests/js

check: lint test

wheel: install
	$(BIN)/python -m build --wheel --outdir dist .

# Benchmarks print their own tables; they are not tests.
bench: install
	$(BIN)/python bench/suggest_themes.py
	$(BIN)/python bench/suggest_quality.py
	$(BIN)/python bench/flood.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/opinions.py

# One catalogue per language for templates, Python and the pages' JavaScript dictionary
# (facilitation/web/client_strings.py): extract them all, then bring every language up to date.
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k NP_:1,2 -k C_:1c,2 --sort-by-file \
		--project=Roundtable -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching
	$(MAKE) --no-print-directory $(COMPILED)

clean:
	rm -rf $(VENV) node_modules $(VENDOR) dist build *.egg-info instance
