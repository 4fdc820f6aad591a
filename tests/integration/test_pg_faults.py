"""PostgreSQL drops every connection: the next request and the next socket reply succeed.

A Daphne process of the test's own keeps persistent connections (CONN_MAX_AGE=60,
as in production) to a database of its own; pg_terminate_backend ends them all
between two requests. Django's health checks (CONN_HEALTH_CHECKS, set for every
DATABASE_URL) must notice the dead connection and open a new one, for a page
and for a consumer's database_sync_to_async calls alike. PostgreSQL pass only:
on SQLite it is skipped; in CI an unreachable PostgreSQL fails it.
"""

import asyncio
import http.client
import json
import os

import pytest
from websockets.asyncio.client import connect

from bench.servers import (
    DaphneServer,
    scratch_database,
    server_env,
    sign_in_writers,
    terminate_connections,
)

DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"), reason="PostgreSQL only (DATABASE_URL)"
)


@pytest.fixture
def server():
    import psycopg

    try:
        psycopg.connect(DATABASE_URL, connect_timeout=5).close()
    except psycopg.Error as error:
        message = f"PostgreSQL is not reachable at {DATABASE_URL}: {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with scratch_database(DATABASE_URL, name="pgfault") as database:
        env = server_env(database, CONN_MAX_AGE="60")
        ids = sign_in_writers(env, writers=1, migrate=True)
        daphne = DaphneServer.start(env)
        try:
            yield daphne, ids, database["DATABASE_URL"]
        finally:
            daphne.stop()


def request(port, method, path, cookie, body=""):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request(
            method,
            path,
            body=body,
            headers={
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://127.0.0.1:{port}",
            },
        )
        response = connection.getresponse()
        return response.status, response.getheader("Location") or "", response.read()
    finally:
        connection.close()


async def answer(socket, kind):
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), 20))
        if frame["type"] in (kind, "error"):
            return frame


def test_a_page_and_a_socket_reply_succeed_after_postgresql_drops_every_connection(server):
    daphne, ids, database_url = server
    secret = "a" * 32
    cookie = f"sessionid={ids['sessions'][0]}; csrftoken={secret}"
    path = f"/threads/{ids['thread']}/"

    async def scenario():
        async with connect(
            daphne.ws + f"/ws/threads/{ids['thread']}/",
            origin=daphne.http,
            additional_headers={"Cookie": cookie},
        ) as socket:
            # Both paths hold a connection now: the page's and the consumer's.
            status, _, _ = await asyncio.to_thread(request, daphne.port, "GET", path, cookie)
            assert status == 200
            await socket.send(json.dumps({"type": "reply", "body": "Before", "ref": "1"}))
            assert (await answer(socket, "ack"))["type"] == "ack"

            ended = await asyncio.to_thread(terminate_connections, database_url)
            assert ended >= 1

            # The same open socket: its next reply is saved and acknowledged.
            await socket.send(json.dumps({"type": "reply", "body": "After, socket", "ref": "2"}))
            ack = await answer(socket, "ack")
            assert ack["type"] == "ack", ack
            # And the form: saved, and sent to the new post.
            status, location, _ = await asyncio.to_thread(
                request,
                daphne.port,
                "POST",
                path,
                cookie,
                f"body=After%2C+form&csrfmiddlewaretoken={secret}",
            )
            assert status == 302 and "#post-" in location
            status, _, page = await asyncio.to_thread(request, daphne.port, "GET", path, cookie)
            assert status == 200
            assert b"After, socket" in page and b"After, form" in page

    asyncio.run(scenario())
