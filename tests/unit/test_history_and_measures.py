"""History records from a resolved incident's timeline, and the measures over a seeded history
whose answers are worked out by hand."""

from datetime import date, datetime, timedelta, timezone

import pytest

from bot.incident.history import ResolvedIncident, history_record
from bot.incident.kinds import IncidentType, Status
from bot.incident.measures import compute_stats, week_of
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)  # a Monday
BOT = "UBOT"


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def event(minutes: float, kind: EventKind, actor: str | None = "U1", **data) -> TimelineEvent:
    return TimelineEvent(at=at(minutes), kind=kind, actor=actor, text=kind.value, data=data)


def incident(**changes) -> Incident:
    values = dict(id="INC-1", number=1, title="t", severity=Severity.SEV1, declared_by=BOT, declared_at=at(0),
                  status=Status.RESOLVED, resolved_at=at(120), incident_type=IncidentType.SERVICE_OUTAGE)
    values.update(changes)
    return Incident(**values)


def test_an_alert_declared_incident_is_measured_from_its_first_alert():
    events = [
        event(0, EventKind.DECLARED, actor=BOT),
        event(1, EventKind.ALERT_FIRING, actor=None),
        event(6, EventKind.ROLE_ASSIGNED, actor="U1"),  # a person takes it: acknowledged
        event(20, EventKind.STATUS_UPDATE, late_by_seconds=300),
        event(30, EventKind.STATUS_CHANGED, to="identified"),
        event(35, EventKind.STATUS_UPDATE, late_by_seconds=0),
        event(50, EventKind.STATUS_CHANGED, to="monitoring"),
        event(70, EventKind.STATUS_CHANGED, to="identified"),  # back again: the first counts
    ]
    record = history_record(incident(), events, bot_user=BOT, cadence=timedelta(minutes=15),
                            first_alert=at(-4), services=["checkout", "checkout", "api"])
    assert record.start == at(-4)
    assert record.time_to_acknowledge == timedelta(minutes=10)
    assert record.time_to_identify == timedelta(minutes=34)
    assert record.time_to_mitigate == timedelta(minutes=54)
    assert record.time_to_resolve == timedelta(minutes=124)
    # two updates (one late), then 85 minutes with none before resolving: one missed
    assert (record.updates_due, record.updates_on_time) == (3, 1)
    assert record.services == ["api", "checkout"]


def test_a_person_declaring_acknowledges_and_no_cadence_means_no_updates_due():
    record = history_record(incident(declared_by="U2", severity=Severity.SEV4),
                            [event(0, EventKind.DECLARED, actor="U2")], bot_user=BOT, cadence=None)
    assert record.time_to_acknowledge == timedelta(0)
    assert record.identified is None and record.time_to_identify is None
    assert (record.updates_due, record.updates_on_time) == (0, 0)


def test_an_open_incident_has_no_history_record():
    with pytest.raises(ValueError):
        history_record(incident(status=Status.MONITORING, resolved_at=None), [], bot_user=BOT, cadence=None)


def seeded(number: int, severity: Severity, resolved_day: int, ack: int, ident: int | None, resolve: int,
           kind: str | None = "service_outage", services=("checkout",), due: int = 2, on_time: int = 1) -> ResolvedIncident:
    declared = T0 + timedelta(days=resolved_day)
    return ResolvedIncident(
        id=f"INC-{number}", number=number, title="t", severity=severity, incident_type=kind,
        services=list(services), declared=declared, acknowledged=declared + timedelta(minutes=ack),
        identified=declared + timedelta(minutes=ident) if ident is not None else None,
        resolved=declared + timedelta(minutes=resolve), updates_due=due, updates_on_time=on_time,
    )


HISTORY = [
    seeded(1, Severity.SEV1, 0, ack=2, ident=10, resolve=60),                       # week of 2 Nov
    seeded(2, Severity.SEV1, 1, ack=4, ident=20, resolve=120, services=("checkout", "payments")),
    seeded(3, Severity.SEV2, 8, ack=10, ident=None, resolve=240, kind=None, services=()),  # week of 9 Nov
    seeded(4, Severity.SEV3, 9, ack=30, ident=60, resolve=90, kind="security", services=("auth",), due=0, on_time=0),
    seeded(5, Severity.SEV1, -60, ack=1, ident=1, resolve=1),                        # outside 30 days
]
NOW = T0 + timedelta(days=14)


def test_overall_measures_over_the_window():
    report = compute_stats(HISTORY, NOW, days=30)
    overall = report.overall
    assert overall.incidents == 4
    assert overall.mtta_seconds == (2 + 4 + 10 + 30) / 4 * 60
    assert overall.mtti_seconds == (10 + 20 + 60) / 3 * 60  # INC-3 never identified
    assert overall.mttr_seconds == (60 + 120 + 240 + 90) / 4 * 60
    assert (overall.updates_due, overall.updates_on_time) == (6, 3)
    assert overall.update_compliance == 0.5


def test_measures_per_week_severity_type_and_service():
    report = compute_stats(HISTORY, NOW, days=30)
    assert report.by_week[date(2026, 11, 2)].incidents == 2
    assert report.by_week[date(2026, 11, 9)].mttr_seconds == (240 + 90) / 2 * 60
    assert report.by_week[date(2026, 10, 26)].incidents == 0  # empty weeks are present
    assert list(report.by_week) == sorted(report.by_week)
    assert report.by_severity[Severity.SEV1].mtta_seconds == 3 * 60
    assert list(report.by_severity) == [Severity.SEV1, Severity.SEV2, Severity.SEV3]
    assert report.by_type["unclassified"].incidents == 1 and report.by_type["service_outage"].incidents == 2
    assert report.by_service["checkout"].incidents == 2 and report.by_service["payments"].incidents == 1
    assert report.by_service["unknown"].incidents == 1
    assert report.by_service["auth"].update_compliance is None  # nothing was due
    assert report.by_week_and_severity[date(2026, 11, 2)][Severity.SEV1].mttr_seconds == 90 * 60


def test_a_service_filter_and_a_longer_window():
    checkout = compute_stats(HISTORY, NOW, days=30, service="checkout")
    assert checkout.overall.incidents == 2 and checkout.service == "checkout"
    assert compute_stats(HISTORY, NOW, days=90).overall.incidents == 5
    assert compute_stats([], NOW, days=30).overall.mttr_seconds is None


def test_weeks_start_on_monday():
    assert week_of(datetime(2026, 11, 8, 23, 0, tzinfo=timezone.utc)) == date(2026, 11, 2)
