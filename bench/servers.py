"""Real servers for benchmarks and integration tests: Redis, a scratch database, Daphne.

Shared by bench/fanout.py, bench/soak.py and tests/integration/. Everything is
started on a free port of 127.0.0.1 and stopped by whoever started it:

    redis = RedisServer.start()          # Debian's redis-server, no persistence
    redis.pause(); redis.resume()        # SIGSTOP / SIGCONT
    redis.kill(); redis.restart()        # SIGKILL, then a new, empty one on the same port
    with scratch_database(url) as env:   # a PostgreSQL database of its own, or a SQLite file
        env = server_env(env, redis_url=redis.url)
        ids = sign_in_writers(env, writers=4, migrate=True)
        servers = DaphneServer.start_many(env, 2)
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout=30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process for port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


# -- Redis -----------------------------------------------------------------------------


def redis_server_binary() -> str | None:
    """Debian's redis-server (`make test` installs it), or None when it is absent."""
    return shutil.which("redis-server")


class RedisServer:
    """A redis-server of our own: never the machine's shared one."""

    def __init__(self, port: int, folder: str):
        self.port = port
        self.folder = folder
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @classmethod
    def start(cls, port: int | None = None) -> "RedisServer":
        if redis_server_binary() is None:
            raise RuntimeError("redis-server is not installed (make test installs it)")
        server = cls(port or free_port(), tempfile.mkdtemp(prefix="cg-redis-"))
        server._run()
        return server

    def _run(self) -> None:
        # No persistence: a restarted server starts empty, as after a crash.
        self.process = subprocess.Popen(
            [
                redis_server_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.folder,
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process)

    def pause(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)

    def restart(self) -> None:
        self._run()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


# -- the database ----------------------------------------------------------------------


@contextlib.contextmanager
def scratch_database(url: str = "", name: str = "scratch"):
    """Environment naming a database of its own on the PostgreSQL at `url`, dropped after.

    Without a PostgreSQL url, a SQLite file in a temporary folder.
    """
    if not url.startswith("postgres"):
        with tempfile.TemporaryDirectory() as folder:
            yield {"SQLITE_PATH": str(Path(folder) / f"{name}.sqlite3")}
        return
    import psycopg

    database = f"cg_{name}_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(url, autocommit=True)
    admin.execute(f'CREATE DATABASE "{database}"')
    try:
        yield {"DATABASE_URL": urlunsplit(urlsplit(url)._replace(path=f"/{database}"))}
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()


def terminate_connections(database_url: str) -> int:
    """pg_terminate_backend for every other connection to that database; how many."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return sum(1 for (done,) in rows if done)


# -- the forum's processes ---------------------------------------------------------------


# Writers at bench and test speed would trip the limits meant for people.
UNLIMITED = {
    "RATE_LIMIT_REPLIES": "100000/m",
    "RATE_LIMIT_REPLIES_NEW": "100000/m",
    "RATE_LIMIT_THREADS": "100000/m",
    "RATE_LIMIT_THREADS_NEW": "100000/m",
}


def server_env(database_env: dict, redis_url: str = "", **extra: str) -> dict:
    """Environment for the forum's processes: production settings over plain http."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "SQLITE_PATH", "REDIS_URL")
    }
    env.update(database_env)
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "servers-for-tests-and-benches-only",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_MANIFEST": "false",
            "HTTPS": "false",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout=300) -> str:
    """Run manage.py with `env`; its standard output."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return done.stdout


SIGN_IN = """
import json
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
from forum import cards, services
from forum.models import Category, Thread

def signed_in(handle):
    member = User.objects.create_user(handle=handle, password="a-long-passphrase")
    session = SessionStore()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    return member, session.session_key

starter, first = signed_in("writer_0")
sessions = [first] + [signed_in(f"writer_{n}")[1] for n in range(1, WRITERS)]
category = Category.objects.create(name="Live", slug="live")
thread = services.create_thread(category=category, author=starter, title="Live", body="Hello")
opening = thread.posts.get()
print(json.dumps({"thread": thread.pk, "sessions": sessions, "opening": opening.pk,
                  "since": Thread.objects.get(pk=thread.pk).change_seq,
                  "html": cards.html_for(opening, cards.audience("visitor"))}))
"""


def sign_in_writers(env: dict, writers: int = 1, migrate: bool = False) -> dict:
    """Members writer_0.. with a session each, and a thread: {"thread", "sessions", ...}.

    With `migrate`, the database is migrated first, in the same process.
    """
    script = SIGN_IN.replace("WRITERS", str(int(writers)))
    if migrate:
        script = "from django.core.management import call_command\n" + (
            "call_command('migrate', verbosity=0)\n" + script
        )
    out = manage(env, "shell", "--no-imports", "-c", script)
    return json.loads(out.strip().splitlines()[-1])


APP = "config.asgi:application"


class DaphneServer:
    """One Daphne process serving the forum (its access log off: it records addresses)."""

    def __init__(self, port: int, process: subprocess.Popen, log: Path):
        self.port = port
        self.process = process
        self.log = log

    @classmethod
    def start_many(cls, env: dict, count: int) -> list["DaphneServer"]:
        """`count` processes, started side by side; each listening when this returns."""
        servers = [cls.start(env, wait=False) for _ in range(count)]
        try:
            for server in servers:
                server.wait_until_listening()
        except RuntimeError:
            stop_all(servers)
            raise
        return servers

    @classmethod
    def start(cls, env: dict, port: int | None = None, wait: bool = True) -> "DaphneServer":
        port = port or free_port()
        log = Path(tempfile.mkstemp(prefix=f"cg-daphne-{port}-", suffix=".log")[1])
        daphne = str(Path(sys.executable).parent / "daphne")
        with open(log, "w") as stderr:
            process = subprocess.Popen(
                [daphne, "--access-log", "/dev/null", "-b", "127.0.0.1", "-p", str(port), APP],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        server = cls(port, process, log)
        if wait:
            server.wait_until_listening()
        return server

    def wait_until_listening(self) -> None:
        try:
            wait_for_port(self.port, self.process)
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{self.last_words()}") from None

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def last_words(self, lines: int = 20) -> str:
        text = self.log.read_text(errors="replace").splitlines()[-lines:]
        return f"--- Daphne on {self.port} said (last lines):\n" + "\n".join(text)

    def stop(self) -> None:
        stop_all([self])


def stop_all(servers: list[DaphneServer]) -> None:
    """Stop every server (side by side) and remove their logs."""
    for server in servers:
        if server.process.poll() is None:
            server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)
        server.log.unlink(missing_ok=True)
