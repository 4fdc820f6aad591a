"""How many people are reading a thread: a number only, never who.

The count lives in the cache (Redis when configured, so every process shares
it). Broadcasts are throttled: however many people arrive or leave at once,
each process sends the new count at most once per LIVE_PRESENCE_DELAY.
"""

import asyncio

from django.conf import settings
from django.core.cache import cache

from . import live

_scheduled: dict[int, asyncio.Task] = {}


def _key(thread_id: int) -> str:
    return f"presence:thread:{thread_id}"


async def _change(thread_id: int, delta: int) -> int:
    key = _key(thread_id)
    await cache.aadd(key, 0, timeout=None)
    try:
        return max(0, await cache.aincr(key, delta))
    except ValueError:  # the key expired between add and incr
        await cache.aset(key, max(0, delta), timeout=None)
        return max(0, delta)


async def count(thread_id: int) -> int:
    return max(0, await cache.aget(_key(thread_id), 0))


async def _announce_later(thread_id: int, layer) -> None:
    await asyncio.sleep(settings.LIVE_PRESENCE_DELAY)
    _scheduled.pop(thread_id, None)
    event = {"type": "presence.event", "count": await count(thread_id)}
    for group in (live.readers_group(thread_id), live.moderators_group(thread_id)):
        await layer.group_send(group, event)


def _schedule(thread_id: int, layer) -> None:
    if thread_id not in _scheduled:
        _scheduled[thread_id] = asyncio.ensure_future(_announce_later(thread_id, layer))


async def arrived(thread_id: int, layer) -> None:
    await _change(thread_id, 1)
    _schedule(thread_id, layer)


async def left(thread_id: int, layer) -> None:
    await _change(thread_id, -1)
    _schedule(thread_id, layer)
