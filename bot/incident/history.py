"""A resolved incident as history keeps it: its moments, what it was, and how its updates went.

Derived once from the record and its timeline when the incident resolves (again if it is
reopened and resolved again), so the measures never re-read timelines.

The moments:
- declared: when the record was created;
- first_alert: the earliest alert behind it (its `startsAt`, else when it arrived), if any;
- acknowledged: the first thing a person (not the bot) did on it; a person declaring it counts;
- identified: the first move to *identified*; mitigated: the first move to *monitoring*;
- resolved: when it was (last) resolved.
Every duration is measured from the start: the first alert, or the declaration without one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, Field

from bot.incident.kinds import Status
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity


class ResolvedIncident(BaseModel):
    id: str
    number: int
    title: str
    severity: Severity
    incident_type: str | None = None
    services: list[str] = Field(default_factory=list)
    is_private: bool = False
    declared: datetime
    first_alert: datetime | None = None
    acknowledged: datetime | None = None
    identified: datetime | None = None
    mitigated: datetime | None = None
    resolved: datetime
    updates_due: int = 0  # status updates the cadence asked for (made, or missed at the end)
    updates_on_time: int = 0

    @property
    def start(self) -> datetime:
        return min(self.first_alert, self.declared) if self.first_alert else self.declared

    def _since_start(self, moment: datetime | None) -> timedelta | None:
        return max(moment - self.start, timedelta(0)) if moment else None

    @property
    def time_to_acknowledge(self) -> timedelta | None:
        return self._since_start(self.acknowledged)

    @property
    def time_to_identify(self) -> timedelta | None:
        return self._since_start(self.identified)

    @property
    def time_to_mitigate(self) -> timedelta | None:
        return self._since_start(self.mitigated)

    @property
    def time_to_resolve(self) -> timedelta:
        return max(self.resolved - self.start, timedelta(0))


def _first_status(events: list[TimelineEvent], status: Status) -> datetime | None:
    for event in events:
        if event.kind is EventKind.STATUS_CHANGED and event.data.get("to") == status.value:
            return event.at
    return None


def _acknowledged(events: list[TimelineEvent], bot_user: str | None) -> datetime | None:
    for event in events:
        if event.actor and event.actor != bot_user:
            return event.at
    return None


def _update_counts(
    incident: Incident, events: list[TimelineEvent], cadence: timedelta | None
) -> tuple[int, int]:
    """(due, on time): every update posted is one due, on time unless the bot recorded it late;
    a cadence that ran out again between the last update and the resolution is one missed."""
    if cadence is None:
        return 0, 0
    updates = [e for e in events if e.kind is EventKind.STATUS_UPDATE]
    on_time = sum(1 for e in updates if not e.data.get("late_by_seconds"))
    last = updates[-1].at if updates else incident.declared_at
    missed = 1 if incident.resolved_at and incident.resolved_at - last > cadence else 0
    return len(updates) + missed, on_time


def history_record(
    incident: Incident,
    events: list[TimelineEvent],
    *,
    bot_user: str | None,
    cadence: timedelta | None,
    first_alert: datetime | None = None,
    services: list[str] | None = None,
) -> ResolvedIncident:
    """The history entry of a resolved incident. Raises ValueError for one not resolved."""
    if incident.resolved_at is None:
        raise ValueError(f"{incident.id} is not resolved")
    due, on_time = _update_counts(incident, events, cadence)
    return ResolvedIncident(
        id=incident.id,
        number=incident.number,
        title=incident.title,
        severity=incident.severity,
        incident_type=incident.incident_type.value if incident.incident_type else None,
        services=sorted(set(services or [])),
        is_private=incident.is_private,
        declared=incident.declared_at,
        first_alert=first_alert,
        acknowledged=_acknowledged(events, bot_user),
        identified=_first_status(events, Status.IDENTIFIED),
        mitigated=_first_status(events, Status.MONITORING),
        resolved=incident.resolved_at,
        updates_due=due,
        updates_on_time=on_time,
    )
