"""Loaded by pytest (`-p config.pytest_plugin`) before Django's settings are read.

Tests run with DEBUG off, as production does, so they need a signing key of
their own; and they serve static files from the source folders, with no
collectstatic step. Anything already set in the environment wins.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("STATIC_MANIFEST", "false")
# The test servers speak plain http.
os.environ.setdefault("HTTPS", "false")
# Socket tests reach the database from worker threads; connections that
# outlive a test would keep the test database from being dropped.
os.environ.setdefault("CONN_MAX_AGE", "0")
