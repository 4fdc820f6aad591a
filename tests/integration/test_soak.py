"""A small soak (bench/soak.py): two Daphne processes, PostgreSQL, a redis-server of its own.

Readers that reconnect and resume like the page, writers over the form and the
socket, and the three faults in turn: Redis killed and restarted, Redis stopped
(SIGSTOP), PostgreSQL's connections terminated. Nothing may be lost, no reader
may miss a reply once caught up, every reply is answered (within two seconds
while Redis is stopped), and two fresh tabs are counted as two. PostgreSQL pass
only (pg_terminate needs it); without redis-server it skips locally and fails
in CI.
"""

import os

import pytest

from bench.servers import redis_server_binary
from bench.soak import Plan, report, run

DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"), reason="PostgreSQL only (DATABASE_URL)"
)


def test_nothing_is_lost_and_nobody_waits_through_redis_and_postgresql_faults(capsys):
    if redis_server_binary() is None:
        message = "redis-server is not installed (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    plan = Plan(readers=6, writers=2, replies=10, rate=2.0, pause=3.0, down=1.5, settle=40.0)

    outcomes, tabs, logs = run(plan, DATABASE_URL)
    with capsys.disabled():
        print()
        report(plan, outcomes, tabs, logs)

    for outcome in outcomes:
        assert outcome.lost == 0, outcome.fault
        assert outcome.bodies == len(outcome.replies), outcome.fault
        assert not any(outcome.missing), (outcome.fault, outcome.missing)
        assert all(reply.answered for reply in outcome.replies), outcome.fault
    # Speed is the bench's to measure; the one bound pinned here is the issue's own:
    # while Redis is stopped, nobody's reply waits for it to come back.
    paused = next(o for o in outcomes if o.fault == "redis-pause")
    assert max(reply.latency for reply in paused.replies) < 2.0
    assert tabs == [2, 2]
    # Every outage a server logged, it also logged as over: what it held was sent.
    # (Once per outage rather than per post is pinned in test_redis_fault.py; here a
    # send slowed past its time limit by a loaded machine may count as one more.)
    assert all(down == back for down, back in logs), logs
