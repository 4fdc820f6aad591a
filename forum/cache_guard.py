"""Using the cache without ever letting a slow or unreachable one hold up a person.

The cache (Redis when scaled) keeps rate-limit counts and ready-made post
cards. While it fails, each use here gives up at once for a few seconds and
the caller carries on without it: limits are not counted, cards are rendered
afresh. Each outage is logged once as it begins and once as it ends.
"""

import logging
import time

from django.conf import settings

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class CacheGuard:
    def __init__(self, purpose: str):
        self.purpose = purpose  # "Rate limits are not counted", for the log
        self.down_store = None
        self.until = 0.0

    def call(self, use, fallback):
        """`use()`, or `fallback` if the cache fails now or failed a moment ago."""
        # Which cache: the one configured now (tests swap it).
        store = str(settings.CACHES["default"].get("LOCATION"))
        if self.down_store == store and time.monotonic() < self.until:
            return fallback
        try:
            result = use()
        except Exception as error:
            if self.down_store != store:
                logger.error("%s: the cache failed (%r).", self.purpose, error)
            self.down_store, self.until = store, time.monotonic() + RETRY_SECONDS
            return fallback
        if self.down_store == store:
            logger.warning("%s no more: the cache answers again.", self.purpose)
            self.down_store, self.until = None, 0.0
        return result


# One guard for the whole process: once the cache fails, every use skips it at
# once (rather than each paying a timeout of its own).
guard = CacheGuard("The cache is not used (rate limits are not counted, cards are rendered afresh)")
