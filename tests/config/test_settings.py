"""Settings come from the environment, with safe defaults.

Each case starts a fresh Python so the settings module is read anew.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import django, json
django.setup()
from django.conf import settings
from django.db import connection
journal = None
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": settings.DATABASES["default"]["NAME"],
    "journal": journal,
    "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "allowed_hosts": settings.ALLOWED_HOSTS,
}))
"""


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "REDIS_URL",
            "ALLOWED_HOSTS",
            "SQLITE_PATH",
        }
    }
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_refuses_to_start_without_a_secret_key_when_not_debugging():
    result = run_python(PRINT_SETTINGS)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_has_a_development_key_and_sqlite_in_wal_mode(tmp_path):
    database = tmp_path / "forum.sqlite3"
    result = run_python(PRINT_SETTINGS, DEBUG="true", SQLITE_PATH=str(database))
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts["debug"] is True
    assert facts["engine"] == "django.db.backends.sqlite3"
    assert facts["journal"] == "wal"
    assert facts["channel_layer"] == "channels.layers.InMemoryChannelLayer"
    assert facts["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert database.exists()


def test_database_url_and_redis_url_move_the_forum_onto_services():
    # Only the settings are read here; nothing connects to these hosts.
    result = run_python(
        PRINT_SETTINGS,
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://forum@db.internal:5432/commonground",
        REDIS_URL="redis://cache.internal:6379/0",
        ALLOWED_HOSTS="forum.example.org, www.forum.example.org",
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts["debug"] is False
    assert facts["engine"] == "django.db.backends.postgresql"
    assert facts["db_name"] == "commonground"
    assert facts["channel_layer"] == "channels_redis.core.RedisChannelLayer"
    assert facts["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert facts["allowed_hosts"] == ["forum.example.org", "www.forum.example.org"]


def test_migrations_match_the_models():
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
