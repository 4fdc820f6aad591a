"""Instructions per request for the main pages, counted by callgrind.

Run: make bench-instructions   (or: .venv/bin/python bench/instructions.py)

Wall-clock timings move with whatever else the machine is doing; counted
instructions do not. This builds bench/pages.py's data (300 posts in a thread,
300 threads in a category) in a throwaway SQLite file, then for each page runs
a process under valgrind that serves it 2 and then 12 times after warming up,
and prints the difference divided by 10: one request's cost, cache warm,
start-up excluded. Needs valgrind (Debian's package).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = [
    ("visitor", "home", "/"),
    ("visitor", "category, 300 threads", "/c/large/"),
    ("visitor", "thread, 300 posts (page 1)", "{large}"),
    ("member", "home", "/"),
    ("member", "category, 300 threads", "/c/large/"),
    ("member", "thread, 300 posts (page 1)", "{large}"),
]


def _setup(database: str):
    os.environ["SQLITE_PATH"] = database
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(HERE.parent))
    import pages  # sets the environment and Django up

    return pages


def build(database: str) -> None:
    pages = _setup(database)
    from django.core.management import call_command
    from django.db.models import F

    from forum.models import Post, Thread

    call_command("migrate", verbosity=0)
    _small, large = pages.build()
    # Hours old: a row's "n minutes ago" would turn over during a slow count.
    back = timedelta(hours=3)
    Thread.objects.update(last_activity_at=F("last_activity_at") - back)
    Post.objects.update(created_at=F("created_at") - back)
    print(large.get_absolute_url())


def serve(database: str, url: str, times: int, who: str) -> None:
    _setup(database)
    from django.test import Client

    from accounts.models import User

    client = Client()
    if who == "member":
        client.force_login(User.objects.get(handle="bench3"))
    for _ in range(3):
        assert client.get(url).status_code == 200
    for _ in range(times):
        client.get(url)


def _count(database: str, url: str, times: int, who: str) -> int:
    result = subprocess.run(
        [
            shutil.which("valgrind") or "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--serve",
            database,
            url,
            str(times),
            who,
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    for line in result.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    raise RuntimeError(result.stderr[-2000:])


def main() -> None:
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed: apt-get install valgrind")
    with tempfile.TemporaryDirectory() as folder:
        database = str(Path(folder) / "bench.sqlite3")
        large = subprocess.run(
            [sys.executable, __file__, "--build", database],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[-1]
        print("instructions per request (millions), SQLite, cache warm, in-process")
        for who, name, url in PAGES:
            url = url.format(large=large)
            few, many = _count(database, url, 2, who), _count(database, url, 12, who)
            print(f"{who + ', ' + name:40} {(many - few) / 10 / 1e6:8.1f}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--build":
        build(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        main()
