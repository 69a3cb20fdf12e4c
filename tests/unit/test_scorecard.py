"""The success-criteria scorecard, computed from recorded times."""

from datetime import date, datetime, timedelta, timezone

from bot.incident.cadence import parse_cadence
from bot.incident.kinds import Status
from bot.incident.model import ActionItem, ActionType, EventKind, Incident, TimelineEvent
from bot.incident.scorecard import score
from bot.incident.severity import Severity

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
CADENCE = {Severity.SEV1: parse_cadence("15m"), Severity.SEV2: parse_cadence("30m"),
           Severity.SEV3: None, Severity.SEV4: None}.get


def _at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def _event(minutes, kind, **data) -> TimelineEvent:
    return TimelineEvent(at=_at(minutes), kind=kind, actor="U1", text=kind.value, data=data)


def _incident(**changes) -> Incident:
    values = dict(id="INC-1", number=1, title="t", severity=Severity.SEV1, declared_by="U1", declared_at=T0,
                  severity_set_at=_at(2), status=Status.RESOLVED, resolved_at=_at(95))
    values.update(changes)
    return Incident(**values)


EVENTS = [
    _event(0, EventKind.DECLARED),
    _event(14, EventKind.STATUS_UPDATE, late_by_seconds=0),
    _event(20, EventKind.STATUS_CHANGED, to="identified"),
    _event(37, EventKind.STATUS_UPDATE, late_by_seconds=480),
    _event(45, EventKind.UPDATE_ESCALATION),
    _event(60, EventKind.STATUS_CHANGED, to="monitoring"),
]


def _criteria(card):
    return {c.name: (c.value, c.met) for c in card.criteria}


def test_times_and_gaps_come_from_the_timeline():
    card = score(_incident(postmortem_at=_at(95 + 60 * 20)), EVENTS, [], CADENCE, _at(2000))
    got = _criteria(card)
    assert got["Severity classified within 5 minutes"] == ("2m 0s", True)
    assert got["Status updates every cadence"] == ("2 updates, 1 gaps", False)
    assert card.update_gaps == ["update at 12:37 came 8m 0s late"]
    assert got["No escalation for a missed update"] == ("1", False)
    assert got["Time to identify"][0] == "20m 0s"
    assert got["Time to mitigate (monitoring)"][0] == "1h 0m"
    assert got["Time to resolve"][0] == "1h 35m"
    assert got["Postmortem within 48 hours of resolve"] == ("20h 0m", True)


def test_slow_classification_and_late_postmortem_are_misses():
    card = score(_incident(severity_set_at=_at(9), postmortem_at=_at(95 + 60 * 50)), EVENTS, [], CADENCE, _at(4000))
    got = _criteria(card)
    assert got["Severity classified within 5 minutes"][1] is False
    assert got["Postmortem within 48 hours of resolve"][1] is False


def test_a_missing_update_at_resolve_is_a_gap_and_no_cadence_is_not_judged():
    open_due = _incident(next_update_due=_at(80))
    assert "update due at 13:20 still missing (15m 0s overdue)" in score(open_due, EVENTS, [], CADENCE, _at(100)).update_gaps
    sev3 = score(_incident(severity=Severity.SEV3), [], [], CADENCE, _at(100))
    assert _criteria(sev3)["Status updates every cadence"][1] is None


def test_action_items_with_owner_and_deadline_meet_the_goal():
    items = [ActionItem(number=1, description="canary", owner="U2", due=date(2026, 12, 1), type=ActionType.PREVENT)]
    got = _criteria(score(_incident(), EVENTS, items, CADENCE, _at(100)))
    assert got["Every action item has an owner and a deadline"] == ("1 confirmed", True)
