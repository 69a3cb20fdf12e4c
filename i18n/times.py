"""Every time the bot and the agents write out goes through here, in INCIDENT_TIMEZONE.

`shown_time` is for text that every reader sees alike (modals, files, the postmortem);
`slack_time` for messages, where Slack shows each reader their own zone and the fallback is
written in the configured one.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class UnknownTimezone(ValueError):
    pass


_display_zone = "UTC"


def use_timezone(name: str) -> None:
    """Set the zone times are written in (INCIDENT_TIMEZONE: bot.runtime.build_context sets it in serve and worker processes)."""
    global _display_zone
    zone(name)
    _display_zone = name


def display_zone() -> str:
    return _display_zone


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    """The IANA zone `name` (e.g. `Asia/Taipei`); UnknownTimezone when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownTimezone(
            f"{name!r} is not an IANA time zone name (e.g. UTC, Asia/Taipei, Europe/London)"
        ) from None


def in_zone(at: datetime, tz: str | None = None) -> datetime:
    if at.tzinfo is None:  # the bot's clocks are UTC; a naive time is taken as UTC
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone(zone(tz or _display_zone))


def zone_label(local: datetime | None = None) -> str:
    """`UTC` or `UTC+08:00` ("CST" is ambiguous; an offset is not); now when `local` is None."""
    local = local or in_zone(datetime.now(timezone.utc))
    offset = local.utcoffset()
    if not offset:
        return "UTC"
    return "UTC" + local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:]


def shown_time(at: datetime, tz: str | None = None, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """`at` written out in zone `tz`, followed by the zone (`2026-11-25 17:04 UTC+08:00`)."""
    local = in_zone(at, tz)
    return f"{local.strftime(pattern)} {zone_label(local)}"


def clock_time(at: datetime, tz: str | None = None, pattern: str = "%H:%M") -> str:
    """Hours and minutes in zone `tz` (`17:04`), for lists where the zone is said once."""
    return in_zone(at, tz).strftime(pattern)


def slack_time(at: datetime, tz: str | None = None) -> str:
    """A Slack date token: each reader sees their own time zone; the fallback is in `tz`
    (https://docs.slack.dev/messaging/formatting-message-text#date-formatting)."""
    fallback = shown_time(at, tz)
    return f"<!date^{int(at.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"
