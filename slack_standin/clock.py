"""Clocks for the stand-in: real time by default, a manual clock for tests.

Workspace time (message ts, trigger expiry, response URL age) comes from a `WorkspaceClock`, so
tests can move it forward instead of sleeping. Request signing never uses it: the bot checks
signatures against its own real clock. (The bot's own clock, `bot.platform.clock.Clock`, is a different
thing: a callable giving an aware datetime, which the drill drives from this one.)
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class WorkspaceClock(Protocol):
    """The simulated Slack workspace's time, as epoch seconds (what `ts` values are made of)."""

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


class PaceClock(Protocol):
    """The time Slack's rate limits are counted in (seconds, any origin), and a way to wait in it.

    Real Slack counts in real seconds (`RealPace`). Tests and the drill share one `ScaledPace`
    between the stand-in and the bot, so a minute of Slack's pace passes in a few real seconds:
    the limits are exactly as strict, measured in the same (faster) seconds on both sides.
    """

    def now(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class RealPace:
    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class ScaledPace:
    """Pace time running `factor` times faster than real time (`factor=20`: a Slack second is
    50 ms). Give the same instance to the stand-in and the bot."""

    def __init__(self, factor: float) -> None:
        if factor <= 0:
            raise ValueError("factor must be positive")
        self.factor = factor

    def now(self) -> float:
        return time.monotonic() * self.factor

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.factor)
