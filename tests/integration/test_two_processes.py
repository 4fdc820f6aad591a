"""Two Daphne processes share live events through Redis.

A reply sent over a WebSocket to one process reaches a reader connected to
the other. Uses a database of its own on the configured PostgreSQL
(DATABASE_URL) or a SQLite file, and Redis (REDIS_URL, or the machine's Redis
on 127.0.0.1:6379). In CI a missing Redis fails the test; elsewhere it is
skipped with the reason. The servers come from bench/servers.py.
"""

import asyncio
import json
import os

import pytest
import redis
from websockets.asyncio.client import connect

from bench.servers import (
    UNLIMITED,
    DaphneServer,
    scratch_database,
    server_env,
    sign_in_writers,
    stop_all,
)

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"


def _require_redis():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        message = f"Redis is not reachable at {REDIS_URL}: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_a_reply_through_one_process_reaches_a_reader_on_the_other():
    _require_redis()
    with scratch_database(os.environ.get("DATABASE_URL", ""), name="two") as database:
        # Redis outlives earlier runs, whose counts for member 1 would still apply.
        env = server_env(database, redis_url=REDIS_URL, CONN_MAX_AGE="0", **UNLIMITED)
        ids = sign_in_writers(env, writers=1, migrate=True)
        servers = DaphneServer.start_many(env, 2)
        try:

            async def exchange():
                path = f"/ws/threads/{ids['thread']}/"
                writer_server, reader_server = servers
                async with (
                    connect(reader_server.ws + path, origin=reader_server.http) as reader,
                    connect(
                        writer_server.ws + path,
                        origin=writer_server.http,
                        additional_headers={"Cookie": f"sessionid={ids['sessions'][0]}"},
                    ) as writer,
                ):
                    await writer.send(json.dumps({"type": "reply", "body": "Across processes!"}))
                    ack = await _next(writer, "ack")
                    frame = await _next(reader, "post")
                    return ack, frame

            ack, frame = asyncio.run(exchange())
        finally:
            stop_all(servers)
    assert ack["status"] == "visible"
    assert frame["id"] == ack["id"] and frame["kind"] == "new"
    assert "Across processes!" in frame["html"]


async def _next(websocket, kind, timeout=10):
    async def find():
        while True:
            frame = json.loads(await websocket.recv())
            if frame["type"] == kind:
                return frame
            assert frame["type"] != "error", frame

    return await asyncio.wait_for(find(), timeout)
