"""Live fan-out: how fast a reply reaches everyone reading a thread.

Run: make bench-fanout   (or: .venv/bin/python bench/fanout.py [--readers 100 1000] [--replies 10])

For N readers (100 and 1,000) on one thread and M replies, one at a time, it
prints delivery latency p50 / p99 / max (from the moment the reply is sent to
the moment each reader receives it) and deliveries per second (deliveries over
the time they were under way, from each send to its last receipt), for:

1. the in-memory channel layer in one process: readers are ASGI connections
   to the forum's real application in this process; replies go through
   forum.services.create_post (database write, language check, rendering once,
   broadcast after commit);
2. Redis with two Daphne processes: half the readers on each, real
   WebSocket clients in this process, replies sent as "reply" frames to the
   first process (needs Redis on REDIS_URL or 127.0.0.1:6379, database 2);

and, in the same run, the ceiling for each: a bare group_send of the same
payload to the same readers, with no forum code (no database, no rendering).
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.TemporaryDirectory()
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "bench-only-not-a-secret",
        "STATIC_MANIFEST": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        # Replies at bench speed would trip the limits meant for people.
        "RATE_LIMIT_REPLIES": "100000/m",
        "RATE_LIMIT_REPLIES_NEW": "100000/m",
        "SQLITE_PATH": os.environ.get("SQLITE_PATH") or str(Path(TMP.name) / "fanout.sqlite3"),
    }
)
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)  # part 1 is the in-memory layer

import django  # noqa: E402

django.setup()

from channels.db import database_sync_to_async  # noqa: E402
from channels.layers import get_channel_layer  # noqa: E402
from django.core.management import call_command  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.servers import DaphneServer, server_env, sign_in_writers, stop_all  # noqa: E402
from config.asgi import application  # noqa: E402
from forum import cards, live, services  # noqa: E402
from forum.models import Category  # noqa: E402

# Pause between replies so each one starts on a server that has finished the last.
SETTLE = 0.3


def summary(name: str, latencies: list[float], seconds: float) -> dict:
    """`seconds` is the time deliveries were under way: from each send to its last receipt."""
    latencies = sorted(latencies)
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]
    row = {
        "name": name,
        "p50": statistics.median(latencies) * 1000,
        "p99": p99 * 1000,
        "max": latencies[-1] * 1000,
        "rate": len(latencies) / seconds,
    }
    print(
        f"  {name:28} p50 {row['p50']:8.1f} ms   p99 {row['p99']:8.1f} ms   "
        f"max {row['max']:8.1f} ms   {row['rate']:9.0f} deliveries/s"
    )
    return row


def compare(forum: dict, ceiling: dict) -> None:
    # The goal, for 1,000 readers on one process: p99 at most 2x the ceiling's,
    # deliveries per second at least half. With few readers the forum's fixed
    # cost per reply (database, screening, rendering) outweighs the fan-out.
    print(
        f"  forum/ceiling: p99 {forum['p99'] / ceiling['p99']:.2f}x, "
        f"deliveries/s {forum['rate'] / ceiling['rate']:.2f}x"
    )


# -- 1. in-memory layer, one process --------------------------------------------------


class Reader:
    """One ASGI WebSocket connection to the real application, stamping arrivals."""

    def __init__(self, path: str):
        self.inbox: asyncio.Queue = asyncio.Queue()
        self.frames: asyncio.Queue = asyncio.Queue()
        scope = {
            "type": "websocket",
            "path": path,
            "query_string": b"",
            "headers": [(b"origin", b"http://localhost"), (b"host", b"localhost")],
            "subprotocols": [],
        }
        self.task = asyncio.ensure_future(application(scope, self.inbox.get, self.receive))

    async def receive(self, message):
        if message["type"] == "websocket.send":
            frame = json.loads(message["text"])
            if frame["type"] == "post":
                self.frames.put_nowait((time.perf_counter(), frame))

    async def connect(self):
        await self.inbox.put({"type": "websocket.connect"})

    async def close(self):
        await self.inbox.put({"type": "websocket.disconnect", "code": 1000})


async def in_memory(readers_count: int, replies: int, thread, author) -> tuple[dict, dict]:
    path = f"/ws/threads/{thread.pk}/"
    readers = [Reader(path) for _ in range(readers_count)]
    for reader in readers:
        await reader.connect()
    await asyncio.sleep(2.5)  # connected, and the reader counts sent and settled
    create = database_sync_to_async(services.create_post)

    async def run(send_one) -> tuple[list[float], float]:
        latencies, busy = [], 0.0
        for n in range(replies):
            # One broadcast at a time: the previous one has fully settled.
            await asyncio.sleep(SETTLE)
            sent = time.perf_counter()
            await send_one(n)
            last = sent
            for reader in readers:
                arrived, _ = await reader.frames.get()
                latencies.append(arrived - sent)
                last = max(last, arrived)
            busy += last - sent
        return latencies, busy

    async def forum_reply(n):
        await create(thread=thread, author=author, body=f"Reply number {n} from the bench.")

    post = await create(thread=thread, author=author, body="Template for the ceiling.")
    for reader in readers:
        await reader.frames.get()
    payload = {
        "type": "post.event",
        "kind": "new",
        "id": post.pk,
        "frame": live.post_frame(post, "new", cards.html_for(post, cards.audience("visitor"))),
    }
    layer = get_channel_layer()

    async def bare_send(n):
        await layer.group_send(live.readers_group(thread.pk), payload)

    forum_latencies, forum_seconds = await run(forum_reply)
    bare_latencies, bare_seconds = await run(bare_send)
    for reader in readers:
        await reader.close()
    await asyncio.gather(*(reader.task for reader in readers), return_exceptions=True)
    forum = summary("forum (create_post)", forum_latencies, forum_seconds)
    ceiling = summary("ceiling (bare group_send)", bare_latencies, bare_seconds)
    return forum, ceiling


# -- 2. Redis, two processes ---------------------------------------------------------------


async def redis_two_processes(readers_count: int, replies: int, ids: dict, ports) -> tuple:
    from channels_redis.core import RedisChannelLayer
    from websockets.asyncio.client import connect

    path = f"/ws/threads/{ids['thread']}/"
    arrivals: asyncio.Queue = asyncio.Queue()

    async def reader(port):
        async with connect(
            f"ws://127.0.0.1:{port}{path}", origin=f"http://127.0.0.1:{port}", max_queue=None
        ) as ws:
            async for message in ws:
                if '"type": "post"' in message:
                    arrivals.put_nowait(time.perf_counter())

    tasks = []
    for n in range(readers_count):
        tasks.append(asyncio.ensure_future(reader(ports[n % 2])))
        if n % 50 == 49:
            await asyncio.sleep(0.05)
    await asyncio.sleep(3)  # everyone connected, reader counts settled
    writer = await connect(
        f"ws://127.0.0.1:{ports[0]}{path}",
        origin=f"http://127.0.0.1:{ports[0]}",
        additional_headers={"Cookie": f"sessionid={ids['session']}"},
    )

    async def drain_writer():
        async for _ in writer:
            pass

    writer_task = asyncio.ensure_future(drain_writer())

    async def run(send_one):
        latencies, busy = [], 0.0
        for n in range(replies):
            await asyncio.sleep(SETTLE)
            sent = time.perf_counter()
            await send_one(n)
            arrivals_now = [
                await asyncio.wait_for(arrivals.get(), 60) for _ in range(readers_count)
            ]
            latencies.extend(arrived - sent for arrived in arrivals_now)
            busy += max(arrivals_now) - sent
        return latencies, busy

    async def forum_reply(n):
        await writer.send(json.dumps({"type": "reply", "body": f"Reply {n} across processes"}))

    layer = RedisChannelLayer(hosts=[REDIS_URL], prefix="commonground")
    frame = json.dumps(
        {
            "type": "post",
            "kind": "new",
            "id": 10**9,
            "thread": ids["thread"],
            "status": "visible",
            "html": ids["html"],
        }
    )
    payload = {"type": "post.event", "kind": "new", "id": 10**9, "frame": frame}

    async def bare_send(n):
        await layer.group_send(live.readers_group(ids["thread"]), payload)

    # One reply first, not measured: each server process loads its templates
    # and code paths on first use, as any would after a deploy.
    await forum_reply("warm-up")
    for _ in range(readers_count):
        await asyncio.wait_for(arrivals.get(), 60)
    forum_latencies, forum_seconds = await run(forum_reply)
    bare_latencies, bare_seconds = await run(bare_send)
    await writer.close()
    writer_task.cancel()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, writer_task, return_exceptions=True)
    forum = summary("forum (reply frame)", forum_latencies, forum_seconds)
    ceiling = summary("ceiling (bare group_send)", bare_latencies, bare_seconds)
    return forum, ceiling


def start_redis_servers(readers: int):
    """Two Daphne processes on a SQLite file of their own and the bench's Redis."""
    import redis

    redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    env = server_env(
        {"SQLITE_PATH": str(Path(TMP.name) / f"two-{readers}.sqlite3")},
        redis_url=REDIS_URL,
    )
    ids = sign_in_writers(env, writers=1, migrate=True)
    ids["session"] = ids["sessions"][0]
    servers = DaphneServer.start_many(env, 2)
    return ids, [server.port for server in servers], servers


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--replies", type=int, default=10)
    parser.add_argument("--skip-redis", action="store_true")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    author = User.objects.create_user(handle="bench_author", password="x")
    category = Category.objects.create(name="Bench", slug="bench")
    print(f"{args.replies} replies, one at a time; latency from send to each reader's receipt")
    for readers in args.readers:
        thread = services.create_thread(
            category=category, author=author, title=f"Bench {readers}", body="Hello"
        )
        print(f"\n{readers} readers, in-memory layer, one process")
        forum, ceiling = asyncio.run(in_memory(readers, args.replies, thread, author))
        compare(forum, ceiling)

    if args.skip_redis:
        return
    for readers in args.readers:
        ids, ports, servers = start_redis_servers(readers)
        try:
            print(f"\n{readers} readers, Redis, two Daphne processes (half on each)")
            forum, ceiling = asyncio.run(redis_two_processes(readers, args.replies, ids, ports))
            compare(forum, ceiling)
        except Exception:
            for server in servers:
                print(server.last_words(15))
            raise
        finally:
            stop_all(servers)


if __name__ == "__main__":
    main()
