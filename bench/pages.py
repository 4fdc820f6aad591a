"""How fast the main pages render, and whether their cost depends on size.

Run: make bench   (or: .venv/bin/python bench/pages.py)

Builds a throwaway SQLite database (or uses DATABASE_URL if set, in a database
it creates and drops), fills one small and one large thread and category, and
times the full Django request cycle in-process (no network), printing median
and p95 milliseconds and SQL queries per page.
"""

import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("HTTPS", "false")  # in-process requests are plain http
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# Building 300 posts at bench speed would trip the limits meant for people.
os.environ.setdefault("RATE_LIMIT_REPLIES", "100000/m")
os.environ.setdefault("RATE_LIMIT_THREADS", "100000/m")
os.environ.setdefault("RATE_LIMIT_REPLIES_NEW", "100000/m")
os.environ.setdefault("RATE_LIMIT_THREADS_NEW", "100000/m")
_tmp = tempfile.TemporaryDirectory()
os.environ.setdefault("SQLITE_PATH", str(Path(_tmp.name) / "bench.sqlite3"))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))


def build():
    from accounts.models import User
    from forum import services
    from forum.models import Category, Post

    authors = [User.objects.create_user(handle=f"bench{n}") for n in range(20)]
    small_cat = Category.objects.create(name="Small", slug="small")
    large_cat = Category.objects.create(name="Large", slug="large")
    for n in range(3):
        services.create_thread(category=small_cat, author=authors[n], title=f"t{n}", body="x")
    threads = [
        services.create_thread(
            category=large_cat, author=authors[n % 20], title=f"Thread {n}", body="Opening"
        )
        for n in range(300)
    ]
    small = threads[0]
    large = threads[1]
    body = "A reply with *some* emphasis and a [link](https://example.org).\n\n> quoted"
    html = "<p>A reply with <em>some</em> emphasis</p>"
    now = timezone.now()
    Post.objects.bulk_create(
        Post(
            thread=large,
            author=authors[n % 20],
            body=body,
            body_html=html,
            created_at=now + timedelta(seconds=n),
            anonymous=n % 4 == 0,
        )
        for n in range(299)
    )
    services.create_post(thread=small, author=authors[1], body=body)
    # The posts above were bulk-inserted: the thread's own counts catch up.
    services.refresh_thread(large.pk)
    return small, large


def measure(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    # Read now: the next request clears Django's query log.
    queries = len(captured)
    timings, cpu = [], []
    for _ in range(ROUNDS):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        cpu.append((time.process_time() - start_cpu) * 1000)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    # CPU time too: on a busy machine it moves much less than the clock.
    p95 = timings[int(len(timings) * 0.95) - 1]
    return statistics.median(timings), p95, statistics.median(cpu), queries


def page_urls(small, large) -> list[tuple[str, str]]:
    return [
        ("home", "/"),
        ("category, 3 threads", "/c/small/"),
        ("category, 300 threads", "/c/large/"),
        ("thread, 2 posts", small.get_absolute_url()),
        ("thread, 300 posts (page 1)", large.get_absolute_url()),
        ("thread, 300 posts (last page)", large.get_absolute_url() + "?page=last"),
    ]


@contextmanager
def throwaway_database():
    """A migrated, empty database for one run (SQLite file, or a PostgreSQL one dropped after)."""
    from django.core.management import call_command

    old_name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":
        # A database of its own, created and dropped, so no real data is touched.
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        yield
    finally:
        if connection.vendor != "sqlite":
            connection.creation.destroy_test_db(old_name, verbosity=0)


def main():
    with throwaway_database():
        small, large = build()
        from accounts.models import User

        member = Client()
        member.force_login(User.objects.get(handle="bench3"))
        print(f"database: {connection.vendor}; {ROUNDS} requests per page, in-process")
        print(
            f"{'page':40} {'median ms':>10} {'p95 ms':>8} {'cpu ms':>8} {'queries':>8} {'req/s':>8}"
        )
        for who, client in (("visitor", Client()), ("member", member)):
            for name, url in page_urls(small, large):
                median, p95, cpu, queries = measure(client, url)
                print(
                    f"{who + ', ' + name:40} {median:10.2f} {p95:8.2f} {cpu:8.2f} "
                    f"{queries:8d} {1000 / median:8.0f}"
                )


if __name__ == "__main__":
    main()
