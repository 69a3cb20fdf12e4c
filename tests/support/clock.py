"""A bot clock that moves only when a test says so."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


class TestClock:
    __test__ = False  # not a test class, despite the name

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime.now(timezone.utc).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now
