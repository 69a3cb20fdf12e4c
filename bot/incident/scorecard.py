"""The workflow's success criteria, scored from what the incident recorded.

During: severity within 5 minutes, status updates every cadence, no escalations, time to
identify / mitigate / resolve. After: postmortem within 48 hours of resolve, every action item
with an owner and a deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from pydantic import BaseModel

from agents.context import LateUpdate

from bot.incident.cadence import format_duration
from bot.incident.kinds import Status
from bot.incident.model import ActionItem, EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity
from i18n import t
from i18n.times import clock_time

CLASSIFY_GOAL = timedelta(minutes=5)
POSTMORTEM_GOAL = timedelta(hours=48)


class Criterion(BaseModel):
    name: str
    value: str
    met: bool | None  # None: cannot be judged yet
    detail: str = ""


class Scorecard(BaseModel):
    criteria: list[Criterion]
    update_gaps: list[str]

    @property
    def met(self) -> int:
        return sum(1 for c in self.criteria if c.met)

    @property
    def judged(self) -> int:
        return sum(1 for c in self.criteria if c.met is not None)


def _first(events: list[TimelineEvent], kind: EventKind, to: str | None = None) -> datetime | None:
    for event in events:
        if event.kind is kind and (to is None or event.data.get("to") == to):
            return event.at
    return None


def late_updates(incident: Incident, events: list[TimelineEvent], now: datetime) -> list[LateUpdate]:
    """Every update that came after it was due, and the one still missing: the single record of
    lateness that both the scorecard and the agents' postmortem read."""
    late = []
    for event in events:
        late_by = event.data.get("late_by_seconds") if event.kind is EventKind.STATUS_UPDATE else None
        if late_by:
            late.append(
                LateUpdate(due_at=event.at - timedelta(seconds=late_by), posted_at=event.at, late_by_minutes=late_by / 60)
            )
    end = incident.resolved_at or now
    if incident.next_update_due and incident.next_update_due < end:
        overdue = end - incident.next_update_due
        late.append(LateUpdate(due_at=incident.next_update_due, late_by_minutes=overdue.total_seconds() / 60))
    return late


def update_gaps(incident: Incident, events: list[TimelineEvent], now: datetime) -> list[str]:
    """Every stretch where stakeholders waited longer than the cadence for an update."""
    gaps = []
    for update in late_updates(incident, events, now):
        late_by = timedelta(seconds=round(update.late_by_minutes * 60))
        if update.posted_at is not None:
            gaps.append(t("ui-score-gap-late", at=clock_time(update.posted_at), late=format_duration(late_by)))
        else:
            gaps.append(t("ui-score-gap-missing", at=clock_time(update.due_at), late=format_duration(late_by)))
    return gaps


def score(
    incident: Incident,
    events: list[TimelineEvent],
    actions: list[ActionItem],
    cadence: Callable[[Severity], timedelta | None],
    now: datetime,
) -> Scorecard:
    declared = incident.declared_at
    classified = (incident.severity_set_at or declared) - declared
    gaps = update_gaps(incident, events, now)
    escalations = sum(1 for e in events if e.kind is EventKind.UPDATE_ESCALATION)
    updates = sum(1 for e in events if e.kind is EventKind.STATUS_UPDATE)
    identified = _first(events, EventKind.STATUS_CHANGED, Status.IDENTIFIED.value)
    mitigated = _first(events, EventKind.STATUS_CHANGED, Status.MONITORING.value)

    def since_declared(at: datetime | None) -> str:
        return format_duration(at - declared) if at else t("ui-score-not-reached")

    criteria = [
        Criterion(name=t("ui-score-classified"), value=format_duration(classified), met=classified <= CLASSIFY_GOAL),
        Criterion(
            name=t("ui-score-updates"),
            value=t("ui-score-updates-value", updates=str(updates), gaps=str(len(gaps))),
            met=(not gaps) if cadence(incident.severity) else None,
            detail=t("ui-score-separator").join(gaps) if gaps else (t("ui-score-no-cadence") if not cadence(incident.severity) else ""),
        ),
        Criterion(name=t("ui-score-no-escalation"), value=str(escalations), met=escalations == 0),
        Criterion(name=t("ui-score-time-to-identify"), value=since_declared(identified), met=None),
        Criterion(name=t("ui-score-time-to-mitigate"), value=since_declared(mitigated), met=None),
        Criterion(
            name=t("ui-score-time-to-resolve"),
            value=since_declared(incident.resolved_at),
            met=None,
        ),
    ]
    if incident.resolved_at:
        written = incident.postmortem_at or now
        within = written - incident.resolved_at <= POSTMORTEM_GOAL
        criteria.append(
            Criterion(
                name=t("ui-score-postmortem"),
                value=format_duration(written - incident.resolved_at) if incident.postmortem_at else t("ui-score-not-written"),
                met=within if incident.postmortem_at else (None if within else False),
            )
        )
    else:
        criteria.append(Criterion(name=t("ui-score-postmortem"), value=t("ui-score-still-open"), met=None))
    complete = all(a.owner and a.due for a in actions)
    criteria.append(
        Criterion(
            name=t("ui-score-action-items"),
            value=t("ui-score-confirmed", count=str(len(actions))) if actions else t("ui-score-none-confirmed"),
            met=complete if actions else None,
        )
    )
    return Scorecard(criteria=criteria, update_gaps=gaps)
