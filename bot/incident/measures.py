"""MTTA, time to identify, MTTR and update-cadence compliance over resolved incidents, per
week, severity, type and service. Pure: history records in, a typed report out.

Means over the incidents that have the moment (an incident never moved to *identified* does
not count towards time to identify); compliance is on-time updates over updates due, summed.
An incident with several services counts once under each of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from pydantic import BaseModel

from bot.incident.history import ResolvedIncident
from bot.incident.severity import Severity

WINDOWS = {"30d": 30, "90d": 90}
NO_TYPE = "unclassified"
NO_SERVICE = "unknown"


class Measure(BaseModel):
    incidents: int = 0
    mtta_seconds: float | None = None
    mtti_seconds: float | None = None
    mttr_seconds: float | None = None
    updates_due: int = 0
    updates_on_time: int = 0

    @property
    def update_compliance(self) -> float | None:
        return self.updates_on_time / self.updates_due if self.updates_due else None


class StatsReport(BaseModel):
    since: datetime
    until: datetime
    service: str | None = None
    overall: Measure
    by_week: dict[date, Measure]  # Monday of each ISO week, every week of the window present
    by_severity: dict[Severity, Measure]
    by_type: dict[str, Measure]
    by_service: dict[str, Measure]
    by_week_and_severity: dict[date, dict[Severity, Measure]]


class _Sums:
    __slots__ = ("n", "ack", "ack_n", "ident", "ident_n", "res", "due", "on_time")

    def __init__(self) -> None:
        self.n = self.ack_n = self.ident_n = self.due = self.on_time = 0
        self.ack = self.ident = self.res = 0.0

    def add(self, record: ResolvedIncident) -> None:
        self.n += 1
        start = record.start
        if record.acknowledged is not None:
            self.ack += max((record.acknowledged - start).total_seconds(), 0.0)
            self.ack_n += 1
        if record.identified is not None:
            self.ident += max((record.identified - start).total_seconds(), 0.0)
            self.ident_n += 1
        self.res += max((record.resolved - start).total_seconds(), 0.0)
        self.due += record.updates_due
        self.on_time += record.updates_on_time

    def measure(self) -> Measure:
        return Measure(
            incidents=self.n,
            mtta_seconds=self.ack / self.ack_n if self.ack_n else None,
            mtti_seconds=self.ident / self.ident_n if self.ident_n else None,
            mttr_seconds=self.res / self.n if self.n else None,
            updates_due=self.due,
            updates_on_time=self.on_time,
        )


def week_of(moment: datetime | date) -> date:
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


def compute_stats(
    records: Iterable[ResolvedIncident], now: datetime, days: int = 30, service: str | None = None
) -> StatsReport:
    """The measures of the incidents resolved in the last `days` (of `service` only, if given)."""
    since = now - timedelta(days=days)
    overall = _Sums()
    weeks: dict[date, _Sums] = {}
    severities: dict[Severity, _Sums] = {}
    types: dict[str, _Sums] = {}
    services: dict[str, _Sums] = {}
    week_severity: dict[date, dict[Severity, _Sums]] = {}
    for record in records:
        if not since <= record.resolved <= now:
            continue
        if service is not None and service not in record.services:
            continue
        overall.add(record)
        week = week_of(record.resolved)
        weeks.setdefault(week, _Sums()).add(record)
        severities.setdefault(record.severity, _Sums()).add(record)
        types.setdefault(record.incident_type or NO_TYPE, _Sums()).add(record)
        for name in record.services or [NO_SERVICE]:
            services.setdefault(name, _Sums()).add(record)
        week_severity.setdefault(week, {}).setdefault(record.severity, _Sums()).add(record)
    all_weeks = []
    week = week_of(since)
    while week <= week_of(now):
        all_weeks.append(week)
        week += timedelta(days=7)
    return StatsReport(
        since=since,
        until=now,
        service=service,
        overall=overall.measure(),
        by_week={w: (weeks[w].measure() if w in weeks else Measure()) for w in all_weeks},
        by_severity={s: severities[s].measure() for s in Severity if s in severities},
        by_type={t: types[t].measure() for t in sorted(types)},
        by_service={s: services[s].measure() for s in sorted(services)},
        by_week_and_severity={
            w: {s: sums.measure() for s, sums in sorted(per.items(), key=lambda kv: kv[0].level)}
            for w, per in sorted(week_severity.items())
        },
    )
