"""Soak: a live thread under Redis and PostgreSQL faults, measured from outside.

Run: .venv/bin/python bench/soak.py   (--readers 40 --writers 4 --replies 60 by default)

Two Daphne processes share a PostgreSQL database of their own (created on the
server named by DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres,
dropped after) and a redis-server of their own, started on a free port and
stopped by the run (never the machine's shared Redis). Readers, half on each
process, behave like the page script: they reconnect with backoff and resume
from the last post they saw. Writers reply through the form and over their
sockets in turn. For each fault, `--replies` replies are sent while it strikes:

  redis-kill    SIGKILL, down for --down s, then a new, empty redis-server on the same port
  redis-pause   SIGSTOP for --pause s (5), then SIGCONT
  pg-terminate  pg_terminate_backend for every connection the forum holds

Printed per fault: replies saved (of those sent), refused (the server said no
or never answered), lost (answered as saved, yet not in the database), readers
missing any reply once caught up (and the most one missed), reply latency
p50/p99/max from sending to the redirect or ack, reconnects of readers. Then
the reader count two fresh tabs are shown, and how often each server logged an
outage of live updates and its end. Targets: 0 lost and 0 readers missing, for
each fault; p99 under 1 s and max under 2 s, even while Redis is paused.
"""

import argparse
import asyncio
import os
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import (
    UNLIMITED,
    DaphneServer,
    RedisServer,
    scratch_database,
    server_env,
    sign_in_writers,
    stop_all,
    terminate_connections,
)
from bench.soak_clients import Reader, Reply, Writer

FAULTS = ("redis-kill", "redis-pause", "pg-terminate")
BASELINE = "none"  # the same replies with no fault, for comparison
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/postgres"


@dataclass
class Plan:
    readers: int = 40
    writers: int = 4
    replies: int = 60
    faults: tuple[str, ...] = FAULTS
    pause: float = 5.0  # seconds Redis stays stopped
    down: float = 2.0  # seconds Redis stays dead before it is started again
    rate: float = 4.0  # replies a second, all writers together
    strike_at: float = 1.0  # seconds into the replies
    settle: float = 60.0  # longest wait for readers to catch up after the replies

    def interval(self) -> float:
        """Seconds between one writer's replies."""
        return self.writers / self.rate


@dataclass
class Outcome:
    fault: str
    replies: list[Reply]
    saved: set[int]
    missing: list[int]  # per reader
    reconnects: int
    detail: str = ""
    bodies: int = 0  # distinct replies in the database (a reply sent twice may be there twice)
    gaps: list[set[int]] = field(default_factory=list)
    stories: list = field(default_factory=list)
    seconds: float = 0.0
    lost: int = field(init=False)

    def __post_init__(self):
        self.lost = sum(1 for r in self.replies if r.answered and r.post_id not in self.saved)

    @property
    def refused(self) -> int:
        return sum(1 for r in self.replies if not r.answered)

    def latency_ms(self) -> tuple[float, float, float]:
        times = sorted(r.latency * 1000 for r in self.replies)
        if not times:
            return 0.0, 0.0, 0.0
        p99 = times[max(0, -(-len(times) * 99 // 100) - 1)]
        return statistics.median(times), p99, times[-1]

    def missed_targets(self) -> list[str]:
        """The targets this fault missed, in words (none: all met)."""
        _, p99, top = self.latency_ms()
        checks = [
            (self.lost == 0, f"{self.lost} lost"),
            (self.refused == 0, f"{self.refused} refused"),
            (self.bodies == len(self.replies), f"{len(self.replies) - self.bodies} not saved"),
            (not any(self.missing), f"{sum(1 for m in self.missing if m)} readers missing"),
            (p99 < 1000, f"p99 {p99:.0f} ms"),
            (top < 2000, f"max {top:.0f} ms"),
        ]
        return [words for ok, words in checks if not ok]


class Soak:
    def __init__(self, plan: Plan, env: dict, ids: dict, servers, redis: RedisServer):
        self.plan, self.env, self.ids, self.servers, self.redis = plan, env, ids, servers, redis
        path = f"/ws/threads/{ids['thread']}/"
        self.path = path
        self.readers = [self._reader(servers[n % 2]) for n in range(plan.readers)]
        self.writers = [
            Writer(
                http_port=servers[n % 2].port,
                ws_url=servers[n % 2].ws + path,
                origin=servers[n % 2].http,
                thread_id=ids["thread"],
                session=ids["sessions"][n],
            )
            for n in range(plan.writers)
        ]
        self.tasks: list[asyncio.Task] = []

    def _reader(self, server) -> Reader:
        return Reader(server.ws + self.path, server.http, after=self.ids["since"])

    async def start(self) -> None:
        for n, reader in enumerate(self.readers):
            self.tasks.append(asyncio.ensure_future(reader.run()))
            if n % 20 == 19:
                await asyncio.sleep(0.05)
        self.tasks += [asyncio.ensure_future(writer.keep_socket()) for writer in self.writers]
        waits = [r.opened.wait() for r in self.readers] + [
            w.socket_ready.wait() for w in self.writers
        ]
        await asyncio.wait_for(asyncio.gather(*waits), 60)
        # Unmeasured: each process loads templates and code paths on first use.
        for n, writer in enumerate(self.writers):
            for over_socket in (False, True):
                await writer.reply(f"Soak warm-up {n}: hello, everyone.", over_socket)
        await asyncio.sleep(1.5)  # reader counts sent and settled

    async def phase(self, fault: str) -> Outcome:
        reconnects_before = sum(r.reconnects for r in self.readers)
        began = time.monotonic()
        prefix = f"Soak {fault} reply"
        per_writer = [
            self.plan.replies // self.plan.writers + (n < self.plan.replies % self.plan.writers)
            for n in range(self.plan.writers)
        ]
        strike = asyncio.ensure_future(self._strike(fault))
        sent = await asyncio.gather(
            *(
                self._write(w, n, count, prefix)
                for n, (w, count) in enumerate(zip(self.writers, per_writer, strict=True))
            )
        )
        detail = await strike
        replies = [reply for batch in sent for reply in batch]
        posts = await asyncio.to_thread(self._saved, prefix)
        saved = set(posts)
        deadline = time.monotonic() + self.plan.settle
        while time.monotonic() < deadline and any(saved - r.seen for r in self.readers):
            await asyncio.sleep(0.2)
        return Outcome(
            fault=fault,
            replies=replies,
            saved=saved,
            missing=[len(saved - r.seen) for r in self.readers],
            reconnects=sum(r.reconnects for r in self.readers) - reconnects_before,
            detail=detail,
            bodies=len(set(posts.values())),
            gaps=[saved - r.seen for r in self.readers],
            stories=[
                [(round(t - began, 2), e) for t, e in r.story if t >= began] for r in self.readers
            ],
        )

    async def _write(self, writer: Writer, n: int, count: int, prefix: str) -> list[Reply]:
        replies = []
        interval = self.plan.interval()
        await asyncio.sleep(interval * n / self.plan.writers)  # writers take turns
        for i in range(count):
            started = time.monotonic()
            body = f"{prefix} {n}-{i}: thinking of you all today."
            replies.append(await writer.reply(body, over_socket=(n + i) % 2 == 1))
            await asyncio.sleep(max(0.0, interval - (time.monotonic() - started)))
        return replies

    async def _strike(self, fault: str) -> str:
        await asyncio.sleep(self.plan.strike_at)
        if fault == "redis-kill":
            self.redis.kill()
            await asyncio.sleep(self.plan.down)
            await asyncio.to_thread(self.redis.restart)
            return f"down {self.plan.down:g} s"
        if fault == "redis-pause":
            self.redis.pause()
            await asyncio.sleep(self.plan.pause)
            self.redis.resume()
            return f"stopped {self.plan.pause:g} s"
        if fault == BASELINE:
            return "no fault"
        if fault == "pg-terminate":
            ended = await asyncio.to_thread(terminate_connections, self.env["DATABASE_URL"])
            return f"{ended} connections ended"
        raise ValueError(f"unknown fault {fault}")

    def _saved(self, prefix: str) -> dict[int, str]:
        """The posts of this phase in the database: id -> body."""
        import psycopg

        with psycopg.connect(self.env["DATABASE_URL"]) as db:
            rows = db.execute(
                "SELECT id, body FROM forum_post WHERE thread_id = %s AND body LIKE %s",
                (self.ids["thread"], prefix + " %"),
            ).fetchall()
        return dict(rows)

    async def two_tabs(self) -> list[int | None]:
        """Everyone leaves; two new tabs open (one per server): the counts they are shown."""
        await asyncio.gather(*(w.stop() for w in self.writers), *(r.stop() for r in self.readers))
        await asyncio.sleep(1.0)
        tabs = [self._reader(server) for server in self.servers]
        running = [asyncio.ensure_future(tab.run()) for tab in tabs]
        await asyncio.sleep(2.5)
        await asyncio.gather(*(tab.stop() for tab in tabs))
        self.tasks += running
        if os.environ.get("SOAK_VERBOSE"):
            import redis

            client = redis.Redis.from_url(self.redis.url)
            for key in client.scan_iter("*presence*"):
                seats = client.zrange(key, 0, -1, withscores=True)
                print(key, [(m.decode()[-12:], round(s - time.time(), 1)) for m, s in seats])
        return [tab.presence for tab in tabs]

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


def run(plan: Plan, database_url: str) -> tuple[list[Outcome], list, list[tuple[int, int]]]:
    """Start everything, soak, stop everything: (outcomes, two tabs' counts, outage logs)."""
    redis = RedisServer.start()
    servers = []
    try:
        with scratch_database(database_url, name="soak") as database:
            env = server_env(
                database,
                redis_url=redis.url,
                # Persistent connections, as in production: the ones pg_terminate ends.
                CONN_MAX_AGE="60",
                **UNLIMITED,
            )
            ids = sign_in_writers(env, writers=plan.writers, migrate=True)
            servers = DaphneServer.start_many(env, 2)
            try:
                outcomes, tabs = asyncio.run(_soak(plan, env, ids, servers, redis))
            except BaseException:
                for server in servers:
                    print(server.last_words(), file=sys.stderr)
                raise
            logs = [_outage_lines(server) for server in servers]
            stop_all(servers)
            return outcomes, tabs, logs
    finally:
        stop_all(servers)
        redis.stop()


async def _soak(plan, env, ids, servers, redis):
    soak = Soak(plan, env, ids, servers, redis)
    try:
        await soak.start()
        outcomes = []
        for fault in plan.faults:
            began = time.monotonic()
            outcomes.append(await soak.phase(fault))
            outcomes[-1].seconds = time.monotonic() - began
        tabs = await soak.two_tabs()
    finally:
        await soak.close()
    return outcomes, tabs


def _outage_lines(server: DaphneServer) -> tuple[int, int]:
    text = server.log.read_text(errors="replace")
    if os.environ.get("SOAK_VERBOSE"):
        import shutil
        import tempfile

        kept = Path(tempfile.gettempdir()) / f"soak-server-{server.port}.log"
        shutil.copy(server.log, kept)
        print(f"server log kept: {kept}")
    return (
        len(re.findall(r"Live updates could not be sent", text)),
        len(re.findall(r"Live updates are back", text)),
    )


def report(plan: Plan, outcomes: list[Outcome], tabs, logs) -> None:
    print(
        f"{plan.readers} readers on two Daphne processes, {plan.writers} writers "
        f"(form and socket in turn), {plan.replies} replies per fault at {plan.rate:g}/s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"{'fault':13} {'saved':>7} {'refused':>7} {'lost':>4} {'readers missing':>15} "
        f"{'most':>4} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'reconnects':>10}"
    )
    for o in outcomes:
        p50, p99, top = o.latency_ms()
        short = sum(1 for m in o.missing if m)
        print(
            f"{o.fault:13} {o.bodies:>3}/{len(o.replies):<3} {o.refused:>7} {o.lost:>4} "
            f"{short:>9}/{len(o.missing):<5} {max(o.missing, default=0):>4} {p50:>7.0f} "
            f"{p99:>7.0f} {top:>7.0f} {o.reconnects:>10}   ({o.detail}; {o.seconds:.0f} s)"
        )
        if os.environ.get("SOAK_VERBOSE"):
            for n, gap in enumerate(o.gaps):
                if gap:
                    print(f"{'':13} reader {n} missed {sorted(gap)}")
                    print("  ", o.stories[n])
            for r in o.replies:
                print(
                    f"{'':13} {r.latency * 1000:7.0f} ms {r.transport:18} {r.post_id} {r.body[:34]}"
                )
        if len(o.saved) > o.bodies:
            print(
                f"{'':13} {len(o.saved) - o.bodies} saved twice (sent again, saved the first time)"
            )
        refusals = sorted({r.refusal for r in o.replies if not r.answered})
        if refusals:
            print(f"{'':13} refused: {', '.join(refusals)}")
        again = Counter(r.first_refusal for r in o.replies if r.attempts > 1)
        if again:
            reasons = ", ".join(f"{reason} x{n}" for reason, n in sorted(again.items()))
            saved = sum(1 for r in o.replies if r.attempts > 1 and r.answered)
            print(
                f"{'':13} refused at first ({reasons}); sent again through the form: "
                f"{saved} of {sum(again.values())} saved"
            )
    print(f"reader count shown to two new tabs after everyone left: {tabs} (2 is right)")
    for n, (down, back) in enumerate(logs):
        print(f"server {n + 1} logged: 'could not be sent' x{down}, 'are back' x{back}")
    missed = [f"{o.fault}: {', '.join(o.missed_targets())}" for o in outcomes if o.missed_targets()]
    if tabs != [2, 2]:
        missed.append(f"two tabs shown {tabs}")
    print("targets met" if not missed else "TARGETS MISSED: " + "; ".join(missed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, default=40)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--replies", type=int, default=60, help="per fault")
    parser.add_argument(
        "--faults", nargs="+", choices=(BASELINE, *FAULTS), default=[BASELINE, *FAULTS]
    )
    parser.add_argument("--rate", type=float, default=4.0, help="replies a second")
    parser.add_argument("--pause", type=float, default=5.0)
    parser.add_argument("--down", type=float, default=2.0)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    plan = Plan(
        readers=args.readers,
        writers=args.writers,
        replies=args.replies,
        faults=tuple(args.faults),
        pause=args.pause,
        down=args.down,
        rate=args.rate,
    )
    outcomes, tabs, logs = run(plan, url if url.startswith("postgres") else DEFAULT_DATABASE)
    report(plan, outcomes, tabs, logs)


if __name__ == "__main__":
    main()
