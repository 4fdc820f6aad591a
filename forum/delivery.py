"""Handing live events to the channel layer without ever holding up a post.

A post is saved before anyone hears of it (see `forum.live`); hearing of it must
not cost its author. Each send waits at most `LIVE_SEND_TIMEOUT` seconds. When
the layer fails or hangs (Redis down or stopped), the unsent events go into
this process's outbox and the circuit opens: later posts do not wait at all,
their events join the queue behind the held ones. A background thread tries the
layer every `LIVE_SEND_RETRY` seconds and, once it answers, sends what was held,
in order; then posts send directly again. An outage is logged once when it
begins and once when it ends, never once per post.

So nothing is lost while the process runs: readers who stayed connected get
the held events late but in order, readers who reconnected catch up with
"resume" (a repeat of a "new" frame they already have changes nothing on the
page). Events still held when a process stops are lost to readers of other
processes until they resume or reload.

The in-memory layer belongs to the event loop of the one process that serves
everything; its sends keep going through `async_to_sync` on that loop and it
has no outages, so nothing is ever held for it.
"""

import asyncio
import logging
import threading
import time
import weakref
from collections import deque

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("forum.live")

Batch = list[tuple[str, dict]]

# What an unreachable or stuck layer raises; anything else is a bad event,
# logged and dropped, so that one odd message cannot stall the queue.
OUTAGE_ERRORS = (OSError, TimeoutError, RedisConnectionError, RedisTimeoutError)


async def _send_batch(layer, batch: Batch, timeout: float, progress: list[int]) -> None:
    async with asyncio.timeout(timeout):
        for group, event in batch:
            await layer.group_send(group, event)
            progress[0] += 1


class Outbox:
    """The events one layer could not take yet, and the state of its circuit."""

    def __init__(self, layer):
        self.layer_ref = weakref.ref(layer)
        self.lock = threading.Lock()
        self.held: deque[tuple[str, dict]] = deque()
        self.down_since: float | None = None
        self.next_try = 0.0
        self.dropped = 0
        self.sent_late = 0

    def is_open(self) -> bool:
        """True while events must queue: the layer is down or events are still held."""
        return self.down_since is not None or bool(self.held)

    def hold(self, events) -> None:
        self.held.extend(events)
        excess = len(self.held) - settings.LIVE_OUTBOX_LIMIT
        if excess > 0:
            for _ in range(excess):
                self.held.popleft()
            if not self.dropped:
                logger.error(
                    "Live updates: more than %d are waiting; the oldest are dropped "
                    "(readers catch up when they resume or reload).",
                    settings.LIVE_OUTBOX_LIMIT,
                )
            self.dropped += excess

    def went_down(self, error: BaseException) -> None:
        """Called with the lock held, when a send failed."""
        self.next_try = time.monotonic() + settings.LIVE_SEND_RETRY
        if self.down_since is None:
            self.down_since = time.monotonic()
            logger.error(
                "Live updates could not be sent (%s: %s). Posts are still saved; updates "
                "are held and sent when the channel layer answers again.",
                type(error).__name__,
                str(error) or "no answer in time",
            )

    def came_back(self) -> None:
        """Called with the lock held, once everything held has been sent."""
        if self.down_since is not None:
            logger.warning(
                "Live updates are back after %.1f s: %d held updates sent%s.",
                time.monotonic() - self.down_since,
                self.sent_late,
                f", {self.dropped} dropped" if self.dropped else "",
            )
        self.down_since = None
        self.sent_late = self.dropped = 0


_outboxes: "weakref.WeakKeyDictionary[object, Outbox]" = weakref.WeakKeyDictionary()
_outboxes_lock = threading.Lock()
_wake = threading.Event()
_retrier: threading.Thread | None = None


def _outbox(layer) -> Outbox:
    with _outboxes_lock:
        box = _outboxes.get(layer)
        if box is None:
            box = _outboxes[layer] = Outbox(layer)
        return box


def send(batch: Batch) -> None:
    """Send `batch` (group, event) pairs in order, waiting `LIVE_SEND_TIMEOUT` at most."""
    layer = get_channel_layer()
    if layer is None or not batch:
        return
    if isinstance(layer, InMemoryChannelLayer):
        _send_in_process(layer, batch)
        return
    box = _outbox(layer)
    with box.lock:
        if box.is_open():
            box.hold(batch)
            queued = True
        else:
            queued = False
    if queued:
        _start_retrier()
        return
    progress = [0]
    try:
        async_to_sync(_send_batch)(layer, batch, settings.LIVE_SEND_TIMEOUT, progress)
    except OUTAGE_ERRORS as error:
        with box.lock:
            box.hold(batch[progress[0] :])
            box.went_down(error)
        _start_retrier()
    except Exception:
        logger.exception("Live update could not be sent to %s", [g for g, _ in batch])


def _send_in_process(layer, batch: Batch) -> None:
    try:
        async_to_sync(_send_batch)(layer, batch, settings.LIVE_SEND_TIMEOUT, [0])
    except Exception:
        logger.exception("Live update could not be sent to %s", [g for g, _ in batch])


def _start_retrier() -> None:
    """Make sure the thread that retries held events runs, and wake it."""
    global _retrier
    with _outboxes_lock:
        if _retrier is None or not _retrier.is_alive():
            _retrier = threading.Thread(target=_retry_forever, name="live-outbox", daemon=True)
            _retrier.start()
    _wake.set()


def _retry_forever() -> None:
    # Its own event loop: it only sends, and the Redis layer keeps one
    # connection pool per loop. Idle (blocked on _wake) while nothing is held.
    loop = asyncio.new_event_loop()
    while True:
        _wake.wait(60)
        _wake.clear()
        loop.run_until_complete(_retry_while_held())


async def _retry_while_held() -> None:
    while True:
        with _outboxes_lock:
            boxes = [box for box in _outboxes.values() if box.is_open()]
        if not boxes:
            return
        delay = min(box.next_try for box in boxes) - time.monotonic()
        if delay > 0:
            await asyncio.sleep(min(delay, settings.LIVE_SEND_RETRY))
        for box in boxes:
            if box.next_try <= time.monotonic():
                await _drain(box)


async def _drain(box: Outbox) -> None:
    """Send what `box` holds, oldest first, until it is empty or the layer fails again."""
    layer = box.layer_ref()
    if layer is None or layer is not get_channel_layer():
        # The layer was replaced (settings changed): its events have nowhere to go.
        with box.lock:
            box.held.clear()
            box.down_since = None
        return
    while True:
        with box.lock:
            if not box.held:
                box.came_back()
                return
            group, event = box.held[0]
        try:
            await _send_batch(layer, [(group, event)], settings.LIVE_SEND_TIMEOUT, [0])
        except OUTAGE_ERRORS as error:
            with box.lock:
                box.went_down(error)
            return
        except Exception:
            logger.exception("Held live update could not be sent to %s", group)
        with box.lock:
            # Only now: while it was on its way, new events queued behind it.
            if box.held and box.held[0][1] is event:
                box.held.popleft()
                box.sent_late += 1
