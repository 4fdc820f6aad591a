"""The main pages served through the production topology, beside the same pages in-process.

Run: make bench-http   (or: .venv/bin/python bench/http.py [--seconds 10] [--rounds 3])

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
# This file shares its name with the standard library's http package: keep its
# folder off the import path, or `import http.client` would find this file.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != BENCH]
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import gzip  # noqa: E402
import http.client  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from urllib.parse import urlsplit, urlunsplit  # noqa: E402

os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from bench import pages  # noqa: E402  (sets Django up as bench/pages.py does)
from deploy import topology  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="load per page per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="in-process, per page per round")
    parser.add_argument("--worker-class", help="gunicorn's; default: deploy/gunicorn.conf.py's")
    parser.add_argument("--threads", type=int, help="gunicorn threads per worker")
    parser.add_argument("--nginx-workers", type=int, default=1)
    parser.add_argument(
        "--compression",
        choices=["django", "nginx"],
        default="django",
        help="who compresses pages: GZipMiddleware (as shipped) or nginx's gzip",
    )
    parser.add_argument("--client", choices=["wrk", "python"], help="default: wrk when installed")
    return parser.parse_args()


def server_env(args) -> dict[str, str]:
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
    if args.compression == "nginx":
        env["DJANGO_SETTINGS_MODULE"] = "bench.nginx_gzip_settings"
    return env


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def in_process_client(url: str, count: int) -> dict:
    """bench/pages.py's own measurement: Django's test client, no compression."""
    from django.test import Client

    pages.ROUNDS = count
    median, _p95, queries = pages.measure(Client(), url)
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


def load_wrk(url: str, args, headers: dict) -> dict:
    # A busy machine can stall a request past wrk's default two seconds.
    command = ["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(BENCH / "wrk_report.lua"), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    requests, seconds, failed, errors, p50, p99, _mean = (float(x) for x in line.split()[1:])
    return {
        "requests": requests,
        "rate": requests / seconds,
        "failed": failed,
        "errors": errors,
        "p50": p50,
        "p99": p99,
    }


def load_python(url: str, args, headers: dict, tls) -> dict:
    """A small keep-alive load generator, for machines without wrk (slower: it may be the limit)."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.perf_counter() + args.seconds
    latencies, failed, lock = [], [0], threading.Lock()

    def run():
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(parts.hostname, parts.port, context=tls)
        else:
            conn = http.client.HTTPConnection(parts.hostname, parts.port)
        mine = []
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            conn.request("GET", target, headers=headers)
            answer = conn.getresponse()
            answer.read()
            mine.append(time.perf_counter() - start)
            if answer.status >= 400:
                with lock:
                    failed[0] += 1
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    workers = [threading.Thread(target=run) for _ in range(args.connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "rate": len(latencies) / elapsed,
        "failed": failed[0],
        "errors": 0,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000,
    }


def served(site, url: str, args, *, direct: bool = False) -> dict:
    """Load `url` through nginx (or straight at gunicorn) and charge the worker's CPU to it."""
    headers = {"Accept-Encoding": "gzip"}
    if direct:
        # Straight to gunicorn, as nginx would ask: it trusts this from 127.0.0.1.
        address = f"http://{topology.HOST}:{site.gunicorn_port}{url}"
        headers.update({"X-Forwarded-Proto": "https", "Host": topology.HOST})
    else:
        address = site.url(url)
    workers = children(site.processes["gunicorn"].pid)
    proxies = children(site.processes["nginx"].pid)
    before, proxy_before = cpu_seconds(workers), cpu_seconds(proxies)
    if args.client == "wrk":
        result = load_wrk(address, args, headers)
    else:
        result = load_python(address, args, headers, site.tls)
    count = max(1, result["requests"])
    result["cpu"] = (cpu_seconds(workers) - before) / count * 1000
    result["nginx_cpu"] = (cpu_seconds(proxies) - proxy_before) / count * 1000
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


def report(name: str, rounds: list[dict]) -> None:
    def column(source: str, key: str) -> list[float]:
        return [r[source][key] for r in rounds]

    served_rate = column("served", "rate")
    print(f"\n{name}")
    print(f"  in-process, test client (bench/pages.py): {spread(column('client', 'rate'))} req/s")
    print(
        f"  in-process, bare WSGI + gzip:             {spread(column('wsgi', 'rate'))} req/s, "
        f"CPU {spread(column('wsgi', 'cpu'), 2)} ms/req"
    )
    print(
        f"  through nginx + 1 gunicorn worker:        {spread(served_rate)} req/s, "
        f"p50 {spread(column('served', 'p50'), 1)} ms, p99 {spread(column('served', 'p99'), 1)} ms,"
        f" CPU: worker {spread(column('served', 'cpu'), 2)}, "
        f"nginx {spread(column('served', 'nginx_cpu'), 2)} ms/req"
    )
    for source, label in (("client", "test client"), ("wsgi", "bare WSGI")):
        ratios = [s / r for s, r in zip(served_rate, column(source, "rate"), strict=True)]
        print(f"  served / in-process ({label}): {spread(ratios, 2)}")
    # What one core does when it has the core: a busy machine moves req/s, not this.
    capacity = statistics.median(column("wsgi", "cpu")) / statistics.median(column("served", "cpu"))
    print(f"  worker's CPU per request, in-process / served: {capacity:.2f}")


def main():
    args = parse_args()
    args.client = args.client or ("wrk" if shutil.which("wrk") else "python")
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    with pages.throwaway_database():
        small, large = pages.build()
        chosen = dict(pages.page_urls(small, large))
        urls = {
            name: chosen[name]
            for name in ("thread, 300 posts (page 1)", "category, 300 threads", "home")
        }
        gunicorn_args = ["--workers", "1"]
        if args.worker_class:
            gunicorn_args += ["--worker-class", args.worker_class]
        if args.threads:
            gunicorn_args += ["--threads", str(args.threads)]
        extra_http = "gzip on; gzip_comp_level 6;" if args.compression == "nginx" else ""
        with (
            tempfile.TemporaryDirectory() as folder,
            topology.running(
                server_env(args),
                Path(folder),
                gunicorn_args=tuple(gunicorn_args),
                nginx_workers=args.nginx_workers,
                extra_http=extra_http,
            ) as site,
        ):
            settings_line = (
                f"database: {connection.vendor}; cache and layer: "
                f"{'Redis' if os.environ.get('REDIS_URL') else 'in-process'}; "
                f"gunicorn {' '.join(gunicorn_args)} (default class: deploy/gunicorn.conf.py); "
                f"nginx workers: {args.nginx_workers}; pages compressed by {args.compression}; "
                f"load: {args.client} -c{args.connections}, {args.seconds:g} s per page per round; "
                f"{args.rounds} rounds, interleaved; {os.cpu_count()} CPUs, load average "
                f"{os.getloadavg()[0]:.1f} at the start"
            )
            print(settings_line)
            for name, url in urls.items():
                print(f"compressed? {name}: {compression(site, url)}")
            handler = WSGIHandler()
            results: dict[str, list[dict]] = {name: [] for name in urls}
            for _round in range(args.rounds):
                for name, url in urls.items():
                    results[name].append(
                        {
                            "client": in_process_client(url, args.requests),
                            "wsgi": in_process_wsgi(handler, url, args.requests),
                            "served": served(site, url, args),
                        }
                    )
            for name, rounds in results.items():
                report(name, rounds)
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
