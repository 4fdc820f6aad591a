"""The main pages served through the production topology, beside the same pages in-process.

Run: make bench-http   (or: .venv/bin/python bench/http.py [--rounds 8] [--seconds 3])

Builds bench/pages.py's data (a thread of 300 posts, a category of 300 threads)
in a throwaway SQLite file, or in a PostgreSQL database of its own when
DATABASE_URL is set (REDIS_URL moves cache and channel layer onto Redis, as in
production). Then it starts deploy/topology.py: nginx (TLS) in front of ONE
gunicorn worker and one Daphne, with production settings, and for each page,
in interleaved rounds:

- in-process, as bench/pages.py measures it (Django's test client);
- in-process through Django's bare WSGI handler, gzip accepted: exactly the
  work the gunicorn worker does, without the server, the proxy or TLS;
- through nginx, loaded by wrk (Debian's, `make wrk`; a small Python client
  otherwise) with keep-alive connections, accepting gzip as browsers do.

It prints req/s, p50/p99 and CPU milliseconds per request (the worker's own,
read from /proc, which a busy machine disturbs less than req/s), the ratio of
the served rate to each in-process rate, and whether pages came back
compressed. A static file is measured from nginx and from WhiteNoise too.
"""

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import contextlib  # noqa: E402
import gzip  # noqa: E402
import http.client  # noqa: E402
import io  # noqa: E402
import itertools  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from urllib.parse import urlsplit, urlunsplit  # noqa: E402

os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from bench import load, pages  # noqa: E402  (pages sets Django up)
from deploy import topology  # noqa: E402

# --pages: short names for bench/pages.py's pages ("health": /healthz, the
# cheapest request there is, shows the servers' own cost per request).
PAGES = {
    "thread": "thread, 300 posts (page 1)",
    "category": "category, 300 threads",
    "home": "home",
    "health": "health",
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="load per page per round")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--requests", type=int, default=60, help="in-process, per page per round")
    parser.add_argument(
        "--worker-class",
        nargs="+",
        default=["default"],
        help="gunicorn's (sync, gthread); several: one topology each, measured in turn",
    )
    parser.add_argument("--threads", type=int, help="gunicorn threads per worker")
    parser.add_argument("--nginx-workers", type=int, default=1)
    parser.add_argument(
        "--compression",
        nargs="+",
        choices=["django", "nginx"],
        default=["django"],
        help="who compresses pages: GZipMiddleware (as shipped) or nginx's gzip",
    )
    parser.add_argument("--client", choices=["wrk", "python"], help="default: wrk when installed")
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=["thread", "category", "home"])
    return parser.parse_args()


def server_env(compression: str) -> dict[str, str]:
    """Production settings, on the database this run built."""
    from django.db import connection

    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(connection.settings_dict["NAME"])
    else:
        parts = urlsplit(os.environ["DATABASE_URL"])
        name = connection.settings_dict["NAME"]
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    env.update(
        {
            "DEBUG": "false",
            "HTTPS": "true",
            "SECRET_KEY": "bench-only-not-a-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    if compression == "nginx":
        env["DJANGO_SETTINGS_MODULE"] = "bench.nginx_gzip_settings"
    return env


def in_process_client(url: str, count: int) -> dict:
    """bench/pages.py's own measurement: Django's test client, no compression."""
    from django.test import Client

    pages.ROUNDS = count
    median, _p95, _cpu, queries = pages.measure(Client(), url)
    return {"rate": 1000 / median, "p50": median, "queries": queries}


def in_process_wsgi(handler, url: str, count: int) -> dict:
    """The gunicorn worker's work without gunicorn: Django's WSGI handler, gzip accepted."""
    path, _, query = url.partition("?")
    timings, statuses = [], []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    cpu = time.process_time()
    for _ in range(count):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "443",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT_ENCODING": "gzip",
            "wsgi.url_scheme": "https",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        start = time.perf_counter()
        body = handler(environ, start_response)
        b"".join(body)
        body.close()
        timings.append(time.perf_counter() - start)
        assert statuses.pop().startswith("200")
    cpu = time.process_time() - cpu
    median = statistics.median(timings) * 1000
    return {"rate": 1000 / median, "p50": median, "cpu": cpu / count * 1000}


def served(site, url: str, args, *, direct: bool = False) -> dict:
    """Load `url` through nginx (or straight at gunicorn); charge each server its CPU."""
    headers = {"Accept-Encoding": "gzip"}
    if direct:
        # Straight to gunicorn, as nginx would ask: it trusts this from 127.0.0.1.
        address = f"http://{topology.HOST}:{site.gunicorn_port}{url}"
        headers.update({"X-Forwarded-Proto": "https", "Host": topology.HOST})
    else:
        address = site.url(url)
    workers = load.children(site.processes["gunicorn"].pid)
    proxies = load.children(site.processes["nginx"].pid)
    before, proxy_before = load.cpu_seconds(workers), load.cpu_seconds(proxies)
    options = {"seconds": args.seconds, "connections": args.connections, "headers": headers}
    if args.client == "wrk":
        result = load.load_wrk(address, **options)
    else:
        result = load.load_python(address, **options, tls=site.tls)
    count = max(1, result["requests"])
    result["cpu"] = (load.cpu_seconds(workers) - before) / count * 1000
    result["nginx_cpu"] = (load.cpu_seconds(proxies) - proxy_before) / count * 1000
    if result["failed"]:
        raise SystemExit(f"{url}: {result['failed']:.0f} error answers\n{site.log_text()}")
    if result["errors"]:
        print(f"  ({url}: {result['errors']:.0f} connection errors or timeouts under load)")
    return result


def compression(site, url: str) -> str:
    connection = http.client.HTTPSConnection(topology.HOST, site.https_port, context=site.tls)
    connection.request("GET", url, headers={"Accept-Encoding": "gzip"})
    answer = connection.getresponse()
    raw = answer.read()
    encoding = answer.headers.get("Content-Encoding")
    connection.close()
    if encoding != "gzip":
        return f"NOT compressed ({len(raw) / 1024:.1f} KiB)"
    return f"gzip, {len(gzip.decompress(raw)) / 1024:.1f} KiB -> {len(raw) / 1024:.1f} KiB"


def spread(values: list[float], digits: int = 0) -> str:
    """The median of the rounds, with their range when there are several."""
    middle = statistics.median(values)
    if len(values) == 1:
        return f"{middle:.{digits}f}"
    return f"{middle:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def report(name: str, rounds: list[dict], variants: list[str]) -> None:
    def column(source: str, key: str) -> list[float]:
        return [r[source][key] for r in rounds]

    print(f"\n{name}")
    print(f"  in-process, test client (bench/pages.py): {spread(column('client', 'rate'))} req/s")
    print(
        f"  in-process, bare WSGI + gzip:             {spread(column('wsgi', 'rate'))} req/s, "
        f"CPU {spread(column('wsgi', 'cpu'), 2)} ms/req"
    )
    for variant in variants:
        rate = column(variant, "rate")
        print(f"  through nginx + 1 gunicorn worker, {variant}:")
        print(
            f"    {spread(rate)} req/s, p50 {spread(column(variant, 'p50'), 1)} ms, "
            f"p99 {spread(column(variant, 'p99'), 1)} ms; CPU per request: worker "
            f"{spread(column(variant, 'cpu'), 2)} ms, "
            f"nginx {spread(column(variant, 'nginx_cpu'), 2)} ms"
        )
        # Each round's ratio: its in-process and served runs were seconds apart.
        for source, label in (("client", "test client"), ("wsgi", "bare WSGI")):
            ratios = [s / r for s, r in zip(rate, column(source, "rate"), strict=True)]
            print(f"    served / in-process ({label}): {spread(ratios, 2)}")
        # What one core does when it has the core: a busy machine moves req/s far more.
        cpu = statistics.median(column("wsgi", "cpu")) / statistics.median(column(variant, "cpu"))
        print(f"    worker CPU per request, in-process / served: {cpu:.2f}")


def main():
    args = parse_args()
    args.client = args.client or ("wrk" if shutil.which("wrk") else "python")
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    with pages.throwaway_database(), contextlib.ExitStack() as stack:
        small, large = pages.build()
        chosen = {**dict(pages.page_urls(small, large)), "health": "/healthz"}
        urls = {PAGES[name]: chosen[PAGES[name]] for name in args.pages}
        sites = {}
        for worker_class, compression_by in itertools.product(args.worker_class, args.compression):
            gunicorn_args = ["--workers", "1"]
            if worker_class != "default":
                gunicorn_args += ["--worker-class", worker_class]
            if args.threads:
                gunicorn_args += ["--threads", str(args.threads)]
            label = f"{worker_class} worker, pages compressed by {compression_by}"
            sites[label] = stack.enter_context(
                topology.running(
                    server_env(compression_by),
                    Path(stack.enter_context(tempfile.TemporaryDirectory())),
                    gunicorn_args=tuple(gunicorn_args),
                    nginx_workers=args.nginx_workers,
                    extra_http="gzip on; gzip_comp_level 6;" if compression_by == "nginx" else "",
                )
            )
        print(
            f"database: {connection.vendor}; cache and layer: "
            f"{'Redis' if os.environ.get('REDIS_URL') else 'in-process'}; gunicorn: 1 worker "
            f"(default class: deploy/gunicorn.conf.py's), threads: {args.threads or 'default'}; "
            f"nginx workers: {args.nginx_workers}; load: {args.client} -c{args.connections}, "
            f"{args.seconds} s per page per round; {args.rounds} rounds, interleaved; "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"
        )
        for label, site in sites.items():
            for name, url in urls.items():
                print(f"compressed? {name}, {label}: {compression(site, url)}")
        handler = WSGIHandler()
        results: dict[str, list[dict]] = {name: [] for name in urls}
        for _round in range(args.rounds):
            for name, url in urls.items():
                measured = {
                    "client": in_process_client(url, args.requests),
                    "wsgi": in_process_wsgi(handler, url, args.requests),
                }
                for label, site in sites.items():
                    measured[label] = served(site, url, args)
                results[name].append(measured)
        for name, rounds in results.items():
            report(name, rounds, list(sites))
        site = next(iter(sites.values()))
        stylesheet = static_url(site)
        from_nginx = served(site, stylesheet, args)
        from_whitenoise = served(site, stylesheet, args, direct=True)
        print(f"\nstatic file {stylesheet}")
        print(f"  from nginx (disk, gzip_static): {from_nginx['rate']:.0f} req/s")
        print(
            f"  from WhiteNoise in the gunicorn worker: {from_whitenoise['rate']:.0f} req/s, "
            f"worker CPU {from_whitenoise['cpu']:.2f} ms/req"
        )
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


def static_url(site) -> str:
    connection = http.client.HTTPSConnection(topology.HOST, site.https_port, context=site.tls)
    connection.request("GET", "/")
    html = connection.getresponse().read().decode()
    connection.close()
    return re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)[1]


if __name__ == "__main__":
    main()
