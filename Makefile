# Common Ground: `make run` serves the forum, `make test` runs every test.
# Both create or update the virtual environment in .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run demo superuser test lint format browser redis-server screenshots bench bench-pages bench-language bench-fanout bench-soak clean

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

# The soak and the Redis fault tests start redis-servers of their own (Debian's),
# never the machine's shared Redis.
redis-server:
	@command -v redis-server >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's redis-server for the soak and Redis fault tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	  else \
	    echo "The soak and Redis fault tests need Debian's redis-server: sudo apt-get install redis-server"; \
	  fi; }

test: $(VENV)/.test-deps browser redis-server
	$(BIN)/pytest $(PYTEST_ARGS)

# Lint, and refuse model changes that have no migration.
lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.test-deps
	$(BIN)/ruff format .

screenshots: $(VENV)/.test-deps browser
	SCREENSHOT_DIR=docs/screenshots $(BIN)/pytest tests/e2e -k phone_screen

bench: bench-pages bench-language bench-fanout bench-soak

bench-pages: $(VENV)/.test-deps
	$(BIN)/python bench/pages.py

bench-language: $(VENV)/.test-deps
	$(BIN)/python bench/language.py

# Needs Redis on 127.0.0.1:6379 (database 2) for its two-process half.
bench-fanout: $(VENV)/.test-deps
	$(BIN)/python bench/fanout.py

# Two Daphne processes on PostgreSQL (DATABASE_URL's server) and a redis-server
# of its own, under Redis and PostgreSQL faults.
bench-soak: $(VENV)/.test-deps redis-server
	$(BIN)/python bench/soak.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
