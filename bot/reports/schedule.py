"""The weekly report's schedule: "<weekday> HH:MM" in UTC, or "off"."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_weekly(value: str) -> tuple[int, time] | None:
    """(weekday 0=Monday, time) or None for "off"; ValueError naming the expected form."""
    words = value.strip().lower().split()
    if words in (["off"], ["none"], []):
        return None
    problem = ValueError('a weekday and a UTC time, such as "mon 09:00", or "off"')
    clock = re.fullmatch(r"(\d{1,2}):(\d{2})", words[1]) if len(words) == 2 else None
    if clock is None or words[0][:3] not in DAYS:
        raise problem
    try:
        at = time(int(clock.group(1)), int(clock.group(2)))
    except ValueError:
        raise problem from None
    return DAYS.index(words[0][:3]), at


def last_due(schedule: tuple[int, time], now: datetime) -> datetime:
    """The latest scheduled moment at or before `now` (a UTC-aware datetime)."""
    weekday, at = schedule
    day: date = now.date() - timedelta(days=(now.weekday() - weekday) % 7)
    moment = datetime.combine(day, at, tzinfo=now.tzinfo)
    return moment if moment <= now else moment - timedelta(days=7)
