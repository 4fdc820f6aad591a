"""Two Daphne processes share live events through Redis.

A reply sent over a WebSocket to one process reaches a reader connected to
the other. Uses the configured PostgreSQL (DATABASE_URL) or a SQLite file, and
Redis (REDIS_URL, or the machine's Redis on 127.0.0.1:6379). In CI a missing
Redis fails the test; elsewhere it is skipped with the reason.
"""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"

SETUP = """
import json
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
from forum import services
from forum.models import Category
river = User.objects.create_user(handle="river", password="a-long-passphrase")
category = Category.objects.create(name="Live", slug="live")
thread = services.create_thread(category=category, author=river, title="Two", body="Hello")
session = SessionStore()
session[SESSION_KEY] = str(river.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = river.get_session_auth_hash()
session.create()
print(json.dumps({"thread": thread.pk, "session": session.session_key}))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _require_redis():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        message = f"Redis is not reachable at {REDIS_URL}: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def database_env(tmp_path):
    """A database of the test's own, reachable from other processes."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield {"SQLITE_PATH": str(tmp_path / "two.sqlite3")}
        return
    import psycopg

    name = f"cg_two_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(url)
    admin = psycopg.connect(url, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}"))}
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _migrate_and_set_up(env: dict) -> dict:
    """Migrate the database `env` names and run SETUP there; its ids (thread, session)."""
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    made = subprocess.run(
        [*manage, "shell", "-c", SETUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(made.stdout.strip().splitlines()[-1])


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"Daphne on {port} exited: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"Daphne on {port} did not start")


def test_a_reply_through_one_process_reaches_a_reader_on_the_other(database_env):
    _require_redis()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")},
        **database_env,
        "DEBUG": "false",
        "SECRET_KEY": "two-processes-test-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": REDIS_URL,
        "STATIC_MANIFEST": "false",
        "CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # Redis outlives earlier runs, whose counts for member 1 would still apply.
        "RATE_LIMIT_THREADS": "100000/m",
        "RATE_LIMIT_THREADS_NEW": "100000/m",
        "RATE_LIMIT_REPLIES": "100000/m",
        "RATE_LIMIT_REPLIES_NEW": "100000/m",
    }
    ids = _migrate_and_set_up(env)

    ports = [_free_port(), _free_port()]
    daphne = str(Path(sys.executable).parent / "daphne")
    servers = [
        subprocess.Popen(
            [
                daphne,
                "--access-log",
                "/dev/null",
                "-b",
                "127.0.0.1",
                "-p",
                str(port),
                "config.asgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for port in ports
    ]
    try:
        for port, server in zip(ports, servers, strict=True):
            _wait_for(port, server)

        async def exchange():
            path = f"/ws/threads/{ids['thread']}/"
            writer_port, reader_port = ports
            async with (
                connect(
                    f"ws://127.0.0.1:{reader_port}{path}",
                    origin=f"http://127.0.0.1:{reader_port}",
                ) as reader,
                connect(
                    f"ws://127.0.0.1:{writer_port}{path}",
                    origin=f"http://127.0.0.1:{writer_port}",
                    additional_headers={"Cookie": f"sessionid={ids['session']}"},
                ) as writer,
            ):
                await writer.send(json.dumps({"type": "reply", "body": "Across processes!"}))
                ack = await _next(writer, "ack")
                frame = await _next(reader, "post")
                return ack, frame

        ack, frame = asyncio.run(exchange())
        assert ack["status"] == "visible"
        assert frame["id"] == ack["id"] and frame["kind"] == "new"
        assert "Across processes!" in frame["html"]
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)


async def _next(websocket, kind, timeout=10):
    async def find():
        while True:
            frame = json.loads(await websocket.recv())
            if frame["type"] == kind:
                return frame
            assert frame["type"] != "error", frame

    return await asyncio.wait_for(find(), timeout)
