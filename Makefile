# Common Ground: `make run` serves the forum, `make test` runs every test.
# Both create or update the virtual environment in .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run demo superuser test lint format browser redis-server nginx wrk valgrind screenshots bench \
	bench-pages bench-instructions bench-language bench-fanout bench-soak bench-http clean

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

# Tools from Debian's packages, installed when missing (apt-get as root; as
# anyone else, the command to run): $(call debian_package,PACKAGE,WHAT FOR).
define debian_package
@command -v $(1) >/dev/null 2>&1 || test -x /usr/sbin/$(1) || { \
  if [ "$$(id -u)" = 0 ]; then \
    echo "Installing Debian's $(1) for $(2)..."; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
  else \
    echo "For $(2), install Debian's $(1): sudo apt-get install $(1)"; \
  fi; }
endef

# Browser tests drive Debian's Chromium, never a browser Playwright downloads.
browser:
	$(call debian_package,chromium,the browser tests)

# The soak and the Redis fault tests start redis-servers of their own (Debian's),
# never the machine's shared Redis.
redis-server:
	$(call debian_package,redis-server,the soak and Redis fault tests)

# The topology test (tests/integration/test_topology.py) starts Debian's nginx
# in front of gunicorn and Daphne; only the binary is used, never the system's
# own nginx service or configuration.
nginx:
	$(call debian_package,nginx,the topology test)

# bench/http.py loads the site with wrk when it is there (a Python client otherwise).
wrk:
	$(call debian_package,wrk,the HTTP bench)

valgrind:
	$(call debian_package,valgrind,the instruction-count bench)

test: $(VENV)/.test-deps browser redis-server nginx
	$(BIN)/pytest $(PYTEST_ARGS)

# Lint, and refuse model changes that have no migration.
lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.test-deps
	$(BIN)/ruff format .

screenshots: $(VENV)/.test-deps browser
	SCREENSHOT_DIR=docs/screenshots $(BIN)/pytest tests/e2e -k phone_screen

bench: bench-pages bench-language bench-fanout bench-soak bench-http

bench-pages: $(VENV)/.test-deps
	$(BIN)/python bench/pages.py

bench-instructions: $(VENV)/.test-deps valgrind
	$(BIN)/python bench/instructions.py

bench-language: $(VENV)/.test-deps
	$(BIN)/python bench/language.py

# Needs Redis on 127.0.0.1:6379 (database 2) for its two-process half.
bench-fanout: $(VENV)/.test-deps
	$(BIN)/python bench/fanout.py

# Two Daphne processes on PostgreSQL (DATABASE_URL's server) and a redis-server
# of its own, under Redis and PostgreSQL faults.
bench-soak: $(VENV)/.test-deps redis-server
	$(BIN)/python bench/soak.py

# nginx in front of one gunicorn worker and Daphne, beside the same pages in-process.
bench-http: $(VENV)/.test-deps nginx wrk
	$(BIN)/python bench/http.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
