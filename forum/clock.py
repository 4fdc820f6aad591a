"""The one clock the forum reads the time from. Pure: no Django import.

Everything that depends on "now" (prompt schedules, suggestion limits, post
times, rate limits) asks `clock.now()`, so tests can move time without sleeping:

    with clock.frozen_at(datetime(2026, 1, 1, tzinfo=UTC)):
        ...
"""

from contextlib import contextmanager
from datetime import UTC, datetime

_fixed: datetime | None = None


def now() -> datetime:
    """The current time, aware and in UTC (or the time tests fixed)."""
    return _fixed if _fixed is not None else datetime.now(UTC)


def set_time(moment: datetime | None) -> None:
    """Fix the clock at `moment` (aware), or let it run again with None."""
    global _fixed
    if moment is not None and moment.utcoffset() is None:
        raise ValueError("The clock needs an aware datetime.")
    _fixed = moment


@contextmanager
def frozen_at(moment: datetime):
    previous = _fixed
    set_time(moment)
    try:
        yield
    finally:
        set_time(previous)
