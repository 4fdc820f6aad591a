"""Load generators and CPU accounting for bench/http.py (no Django).

wrk (Debian's, `make wrk`) when installed; otherwise a small Python client
with keep-alive connections, which may itself be the limit on a small machine.
CPU time per process comes from /proc, so each server's own cost per request
can be set beside the same work done in-process.
"""

import http.client
import os
import statistics
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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


def load_wrk(url: str, *, seconds: int, connections: int, headers: dict) -> dict:
    # A busy machine can stall a request past wrk's default two seconds.
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
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


def load_python(url: str, *, seconds: int, connections: int, headers: dict, tls) -> dict:
    """A small keep-alive load generator, for machines without wrk (slower: it may be the limit)."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.perf_counter() + seconds
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
    workers = [threading.Thread(target=run) for _ in range(connections)]
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
