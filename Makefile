# Common Ground: `make run` serves the forum, `make test` runs every test.
# Both create or update the virtual environment in .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run demo superuser test lint format browser screenshots bench bench-pages bench-language bench-fanout clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.run-deps

# Daphne's access log would print client IP addresses, so it is not kept.
run: $(VENV)/.run-deps
	DEBUG=$${DEBUG-true} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG-true} $(BIN)/python manage.py seed
	DEBUG=$${DEBUG-true} $(BIN)/daphne --access-log /dev/null -b $(HOST) -p $(PORT) config.asgi:application

# For local use, like `make run`: DEBUG defaults to true here (set DEBUG=false and
# SECRET_KEY to run them against production settings).
demo: $(VENV)/.run-deps
	DEBUG=$${DEBUG-true} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG-true} $(BIN)/python manage.py seed --demo

superuser: $(VENV)/.run-deps
	DEBUG=$${DEBUG-true} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG-true} $(BIN)/python manage.py createsuperuser

# Browser tests drive Debian's Chromium, never a browser Playwright downloads.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; \
	  fi; }

test: $(VENV)/.test-deps browser
	$(BIN)/pytest $(PYTEST_ARGS)

# Lint, and refuse model changes that have no migration.
lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.test-deps
	$(BIN)/ruff format .

screenshots: $(VENV)/.test-deps browser
	SCREENSHOT_DIR=docs/screenshots $(BIN)/pytest tests/e2e -k phone_screen

bench: bench-pages bench-language bench-fanout

bench-pages: $(VENV)/.test-deps
	$(BIN)/python bench/pages.py

bench-language: $(VENV)/.test-deps
	$(BIN)/python bench/language.py

# Needs Redis on 127.0.0.1:6379 (database 2) for its two-process half.
bench-fanout: $(VENV)/.test-deps
	$(BIN)/python bench/fanout.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
