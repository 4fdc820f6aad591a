"""`/healthz`: can this process serve the forum? For load balancers and monitors.

It answers 200 "ok" when the database, the cache and the channel layer all
answer, and 503 "unavailable" otherwise. Visitors learn nothing more: which
part failed, and why, goes to the server's log. It reads no session and sets
no cookie, and each check is one round trip, so it can be asked every second.
"""

import functools
import logging

import redis
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# Short: a health check that hangs tells a load balancer nothing.
TIMEOUT_SECONDS = 2


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    # A write: a cache that refuses writes (full, read-only) is not healthy.
    cache.set("healthz", "ok", timeout=60)


@functools.cache
def _redis(address: str) -> redis.Redis:
    # One client per address for the life of the process: a ping reuses its connection.
    return redis.Redis.from_url(
        address, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
    )


def _channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer is configured")
    hosts = getattr(layer, "hosts", None)
    if hosts is None:
        return  # the in-memory layer lives in this process: nothing to reach
    for host in hosts:
        if "address" in host:
            _redis(host["address"]).ping()
        else:
            # Sentinel or host/port configurations: ask the layer itself.
            async_to_sync(layer.group_send)("healthz", {"type": "healthz"})


CHECKS = {"database": _database, "cache": _cache, "channel layer": _channel_layer}


def failing_checks() -> list[str]:
    """The names of the checks that fail now (each failure is logged with its cause)."""
    failing = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check failed: %s", name)
            failing.append(name)
    return failing


@require_safe
@never_cache
def healthz(request):
    if failing_checks():
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
