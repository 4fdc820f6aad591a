"""How many people are reading a thread: a number only, never who.

Each open thread page (one socket: one person in one tab) holds a *seat*, an
entry named after its channel with an expiry time, which its connection renews
every `LIVE_PRESENCE_HEARTBEAT` seconds and gives up when it closes. The count
is the number of seats that have not expired. With Redis the seats of a thread
are one sorted set (score: the expiry, by Redis's own clock), shared by every
process; without it they live in this process's cache, as everything else does.

Why seats and not a counter: a counter goes up on connect and down on
disconnect, and every connection whose "down" never happens (its consumer died
when Redis went away, its process was stopped or crashed, Redis saved the
counter and loaded it again after a restart) is counted for ever; that is how
two tabs came to read "4 reading". A seat nobody renews expires within
`LIVE_PRESENCE_TTL`; a Redis that restarted empty is filled again within a
heartbeat. A seat is also given up when its consumer's task ends for any
reason, crash included.

Broadcasts are throttled: however many people arrive or leave at once, each
process sends the new count at most once per `LIVE_PRESENCE_DELAY`. Nothing
here may hold up a connection: every call to the store gives up after a
second, and a failing store is logged once until it answers again.
"""

import asyncio
import logging
import threading
import time
import weakref

from django.conf import settings
from django.core.cache import cache

from . import live

logger = logging.getLogger(__name__)

STORE_TIMEOUT = 1.0  # seconds any presence call may take

# The scripts read Redis's clock, so seats from several machines agree. A seat
# given up leaves a tombstone for as long as a seat lives: a "take" that was
# stuck on its way (Redis stopped) and lands after the "leave" adds nothing.
_NOW = (
    "local t = redis.call('TIME'); local now = t[1] + t[2] / 1000000 "
    "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) "
    "redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now) "
)
_TAKE = _NOW + (
    "local added = 0 "
    "if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then "
    "  added = redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1]) "
    "  redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2])) + 1) "
    "end "
    "return {added, redis.call('ZCARD', KEYS[1])}"
)
_LEAVE = _NOW + (
    "redis.call('ZREM', KEYS[1], ARGV[1]) "
    "redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1]) "
    "redis.call('EXPIRE', KEYS[2], math.ceil(tonumber(ARGV[2])) + 1) "
    "return redis.call('ZCARD', KEYS[1])"
)
_COUNT = _NOW + "return redis.call('ZCARD', KEYS[1])"


def _key(thread_id: int) -> str:
    return f"presence:thread:{thread_id}"


def _uses_redis() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


class RedisSeats:
    """Seats in a Redis sorted set per thread, through a client per event loop."""

    _clients: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, object]"

    def __init__(self):
        self._clients = weakref.WeakKeyDictionary()

    def _client(self):
        import redis.asyncio
        from redis.exceptions import ConnectionError as RedisConnectionError

        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            location = settings.CACHES["default"]["LOCATION"]
            client = redis.asyncio.Redis.from_url(
                location.split(",")[0] if isinstance(location, str) else location[0],
                socket_timeout=STORE_TIMEOUT,
                socket_connect_timeout=STORE_TIMEOUT,
                # Pooled connections die when Redis restarts: retry once on a new one.
                retry_on_error=[RedisConnectionError],
            )
            self._clients[loop] = client
        return client

    def _keys(self, thread_id: int) -> tuple[str, str]:
        return cache.make_key(_key(thread_id)), cache.make_key(_key(thread_id) + ":gone")

    async def take(self, thread_id: int, seat: str, ttl: float) -> tuple[bool, int]:
        added, count = await self._client().eval(_TAKE, 2, *self._keys(thread_id), seat, ttl)
        return bool(added), int(count)

    async def leave(self, thread_id: int, seat: str) -> int:
        ttl = settings.LIVE_PRESENCE_TTL
        return int(await self._client().eval(_LEAVE, 2, *self._keys(thread_id), seat, ttl))

    async def count(self, thread_id: int) -> int:
        return int(await self._client().eval(_COUNT, 2, *self._keys(thread_id)))


class LocalSeats:
    """The same seats in this process's cache (local memory: one process serves all)."""

    _lock = threading.Lock()

    def _update(self, thread_id: int, change) -> tuple[bool, int]:
        key = _key(thread_id)
        with self._lock:
            now = time.monotonic()
            seats = {s: until for s, until in (cache.get(key) or {}).items() if until > now}
            added = change(seats, now)
            cache.set(key, seats, timeout=settings.LIVE_PRESENCE_TTL + 1)
            return added, len(seats)

    async def take(self, thread_id: int, seat: str, ttl: float) -> tuple[bool, int]:
        def change(seats, now):
            added = seat not in seats
            seats[seat] = now + ttl
            return added

        return self._update(thread_id, change)

    async def leave(self, thread_id: int, seat: str) -> int:
        return self._update(thread_id, lambda seats, now: seats.pop(seat, None))[1]

    async def count(self, thread_id: int) -> int:
        return self._update(thread_id, lambda seats, now: False)[1]


_redis_seats = RedisSeats()
_local_seats = LocalSeats()


def _store():
    return _redis_seats if _uses_redis() else _local_seats


class _Health:
    """Logs a failing store once, and once more when it answers again."""

    failing = False

    def failed(self, error: BaseException) -> None:
        if not self.failing:
            self.failing = True
            logger.warning(
                "Reader counts are unavailable (%s: %s); they come back by themselves.",
                type(error).__name__,
                str(error) or "no answer in time",
            )

    def answered(self) -> None:
        if self.failing:
            self.failing = False
            logger.warning("Reader counts are back.")


_health = _Health()


async def _call(operation):
    """The store's answer, or None when it failed or took longer than STORE_TIMEOUT."""
    try:
        async with asyncio.timeout(STORE_TIMEOUT):
            answer = await operation
    except Exception as error:
        _health.failed(error)
        return None
    _health.answered()
    return answer


async def count(thread_id: int) -> int:
    """How many seats of `thread_id` are taken (0 when the store does not answer)."""
    return await _call(_store().count(thread_id)) or 0


# -- broadcasting the count ----------------------------------------------------------

_scheduled: dict[tuple[int, int], asyncio.Task] = {}


async def _announce_later(thread_id: int, layer) -> None:
    await asyncio.sleep(settings.LIVE_PRESENCE_DELAY)
    _scheduled.pop((id(asyncio.get_running_loop()), thread_id), None)
    number = await _call(_store().count(thread_id))
    if number is None:
        return
    event = {"type": "presence.event", "count": number}
    for group in (
        live.readers_group(thread_id),
        live.members_group(thread_id),
        live.moderators_group(thread_id),
    ):
        await _call(layer.group_send(group, event))


def _schedule(thread_id: int, layer) -> None:
    key = (id(asyncio.get_running_loop()), thread_id)
    task = _scheduled.get(key)
    if task is None or task.done():
        _scheduled[key] = asyncio.ensure_future(_announce_later(thread_id, layer))


# -- one connection's seat -----------------------------------------------------------


class Seat:
    """One connection's place in a thread's reader count, kept while it lives."""

    def __init__(self, thread_id: int, name: str, layer, on_lost=None):
        self.thread_id = thread_id
        self.name = name
        self.layer = layer
        self.on_lost = on_lost
        self.left = False
        self.heartbeat: asyncio.Task | None = None
        self.last_count: int | None = None

    def take(self) -> None:
        """Take the seat and keep it, in the background: a connection never waits on it."""
        self.heartbeat = asyncio.ensure_future(self._keep())
        # However the connection's task ends (closed, crashed, cancelled), the seat goes.
        owner = asyncio.current_task()
        if owner is not None:
            owner.add_done_callback(self._owner_ended)

    async def _keep(self) -> None:
        answer = await _call(_store().take(self.thread_id, self.name, settings.LIVE_PRESENCE_TTL))
        self.last_count = answer[1] if answer else None
        _schedule(self.thread_id, self.layer)
        seated = answer is not None
        while True:
            # Soon again after a failure: the store may have come back empty.
            wait = settings.LIVE_PRESENCE_HEARTBEAT
            await asyncio.sleep(wait if seated else min(wait, 2.0))
            answer = await _call(
                _store().take(self.thread_id, self.name, settings.LIVE_PRESENCE_TTL)
            )
            if answer is None:
                continue
            added, number = answer
            if added and seated and self.on_lost is not None and _uses_redis():
                # Redis lost this seat, so it lost this connection's place in its
                # group too (it restarted empty, or was stopped past the expiry):
                # events may have gone by unheard. The connection is to close
                # (its page comes back and resumes), so the seat goes now.
                await self.leave()
                await self.on_lost()
                return
            seated = True
            # Someone's seat expired, or the store lost them all: say so.
            if added or number != self.last_count:
                _schedule(self.thread_id, self.layer)
            self.last_count = number

    async def leave(self) -> None:
        """Give the seat up (again is harmless)."""
        if self.left:
            return
        self.left = True
        if self.heartbeat is not None and self.heartbeat is not asyncio.current_task():
            self.heartbeat.cancel()
        await _call(_store().leave(self.thread_id, self.name))
        _schedule(self.thread_id, self.layer)

    def _owner_ended(self, _task) -> None:
        if self.left:
            return
        if self.heartbeat is not None:
            self.heartbeat.cancel()
        try:
            task = asyncio.get_running_loop().create_task(self.leave())
        except RuntimeError:  # the loop is gone; the seat expires on its own
            return
        _ending.add(task)
        task.add_done_callback(_ending.discard)


_ending: set[asyncio.Task] = set()


async def take_seat(thread_id: int, channel_name: str, layer, on_lost=None) -> Seat:
    """Count this connection among the readers of `thread_id` until it closes.

    `on_lost`, a coroutine function, is awaited when Redis turns out to have lost
    the seat while the connection was open (see Seat._keep).
    """
    seat = Seat(thread_id, channel_name, layer, on_lost)
    seat.take()
    return seat
