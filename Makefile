# Each target makes its own virtualenv (.venv) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench eval clean messages screenshots

# the C modules too: a pulled change to one must rebuild it (pip builds them in place)
$(STAMP): pyproject.toml $(wildcard src/gravida/engine/*.c src/gravida/advice/workup/*.c)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: set up and serve the web app with the embedded defaults (SQLite) on http://127.0.0.1:8000
run: $(STAMP)
	@echo "Gravida: open http://$${GRAVIDA_HOST:-127.0.0.1}:$${GRAVIDA_PORT:-8000} in your browser (Ctrl+C stops it)"
	$(BIN)/gravida serve

## test: set up, then lint, type-check, check the layer contract and run the test suite
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

## eval: score the shared dev vignettes in every mode (conversation, the product's flow, first)
eval: $(STAMP)
	for mode in conversation full interview narrative; do \
		$(BIN)/gravida eval ../shared/vignettes/dev.yaml --mode $$mode || exit 1; \
	done

## bench: in-process speed (engine, interview, intake, the service's requests, a worker's first request per language), and agreement with pgmpy's exact inference
bench: $(STAMP)
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/interview.py
	$(BIN)/python bench/intake.py
	$(BIN)/python bench/service.py
	$(BIN)/python bench/warm.py

## bench-load: HTTP load (gravida serve, 2 workers, wrk): requests/s, p50/p99, errors
bench-load: $(STAMP)
	$(BIN)/python bench/load.py

## screenshots: retake docs/screenshots (the README's phone screens) in chromium from the current pages
screenshots: $(STAMP)
	$(BIN)/python -m tests.web.screenshots

## messages: extract the interface's words, update every language's .po, compile the .mo files
LOCALE := src/gravida/locale
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 -k say:2 --no-location --sort-output \
		--project gravida --copyright-holder "Gravida contributors" -o $(LOCALE)/gravida.pot src
	$(BIN)/pybabel update -i $(LOCALE)/gravida.pot -d $(LOCALE) -D gravida --no-fuzzy-matching
	$(BIN)/pybabel compile -d $(LOCALE) -D gravida --statistics

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
