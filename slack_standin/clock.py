"""Clocks for the stand-in: real time by default, a manual clock for tests.

Workspace time (message ts, trigger expiry, response URL age) comes from a `Clock`, so tests
can move it forward instead of sleeping. Request signing never uses it: the bot checks
signatures against its own real clock.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since the epoch."""
        ...


class SystemClock:
    def now(self) -> float:
        return time.time()


class ManualClock:
    """A clock that only moves when told to. Starts at the current real time by default."""

    def __init__(self, start: float | None = None) -> None:
        self._now = time.time() if start is None else start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not go backwards")
        self._now += seconds

    def set(self, timestamp: float) -> None:
        if timestamp < self._now:
            raise ValueError("a clock does not go backwards")
        self._now = timestamp
