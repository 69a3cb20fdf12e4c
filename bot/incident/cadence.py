"""Status-update cadence: durations like `15m`, when an update is due, when to nudge.

A nudge fires when the update is due (stage 1, a reminder); each further cadence without an
update fires again as an escalation (stage 2, 3, ...).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pydantic import BaseModel

from bot.incident.severity import Severity

_DURATION = re.compile(r"^\s*(\d+)\s*(s|sec|secs|m|min|mins|h|hr|hrs|d)\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "secs": 1, "m": 60, "min": 60, "mins": 60, "h": 3600, "hr": 3600, "hrs": 3600, "d": 86400}

DEFAULT_CADENCES = {Severity.SEV1: "15m", Severity.SEV2: "30m", Severity.SEV3: "60m", Severity.SEV4: "off"}


class InvalidDuration(ValueError):
    pass


def parse_cadence(text: str) -> timedelta | None:
    """`15m`, `30s`, `1h`, `2d` -> a positive timedelta; `off` (or `none`, `0`) -> None."""
    value = str(text).strip().lower()
    if value in ("off", "none", "0", "disabled"):
        return None
    match = _DURATION.match(value)
    if not match:
        raise InvalidDuration(f"`{text}` is not a duration: use e.g. 30s, 15m, 1h, or off")
    seconds = int(match.group(1)) * _UNITS[match.group(2).lower()]
    if seconds <= 0:
        raise InvalidDuration(f"`{text}` must be longer than zero (or `off`)")
    return timedelta(seconds=seconds)


def format_cadence(cadence: timedelta | None) -> str:
    if cadence is None:
        return "off"
    seconds = int(cadence.total_seconds())
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds % size == 0 and seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def format_duration(delta: timedelta) -> str:
    """A span of time in Slack text and the scorecard: `42s`, `5m 3s`, `2h 5m`, `1d 3h 0m`."""
    seconds = max(0, int(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h {minutes}m"
    if hours:
        return f"{hours}h {minutes}m"
    if minutes:
        return f"{minutes}m {secs}s"
    return f"{secs}s"


class NextNudge(BaseModel):
    at: datetime
    stage: int  # 1 = reminder when due, 2+ = escalation, one cadence apart
    due: datetime


def next_nudge(
    due: datetime | None, nudges_sent: int, cadence: timedelta | None, is_open: bool
) -> NextNudge | None:
    """When the next nudge for an update due at `due` fires, given how many were sent."""
    if not is_open or due is None or cadence is None:
        return None
    stage = nudges_sent + 1
    return NextNudge(at=due + (stage - 1) * cadence, stage=stage, due=due)
