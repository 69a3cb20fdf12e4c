"""The bot and the agents share one vocabulary: timeline kinds, the update cadence, late updates."""

from datetime import datetime, timedelta, timezone

import pytest

from agents import OfflineBackend, run_step
from agents.context import MAX_TITLE, TIMELINE_KINDS, IncidentContext
from agents.models import PostmortemOutput
from agents.offline.learn import DECISION_KINDS
from bot.flows.agent_steps import AGENT_KINDS, timeline_entry, update_cadence
from bot.incident.cadence import parse_cadence
from bot.incident.kinds import Status
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.scorecard import score
from bot.incident.severity import Severity

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
CADENCE = {Severity.SEV1: parse_cadence("15m"), Severity.SEV2: parse_cadence("30m"),
           Severity.SEV3: None, Severity.SEV4: None}.get


def test_every_bot_event_kind_has_a_kind_the_agents_read():
    assert set(AGENT_KINDS) == set(EventKind)
    assert set(AGENT_KINDS.values()) <= set(TIMELINE_KINDS)


def test_the_agents_vocabulary_holds_only_kinds_the_bot_emits():
    assert set(TIMELINE_KINDS) == set(AGENT_KINDS.values())
    assert set(DECISION_KINDS) <= set(TIMELINE_KINDS)


def test_a_status_change_carries_its_new_status_and_its_reason():
    event = TimelineEvent(at=T0, kind=EventKind.STATUS_CHANGED, actor="U1", text="status identified → monitoring",
                          reason="rolled back", data={"from": "identified", "to": "monitoring"})
    entry = timeline_entry(event)
    assert (entry.kind, entry.to, entry.actor) == ("status_changed", "monitoring", "<@U1>")
    assert entry.text.endswith("(why: rolled back)")


def _at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def _event(minutes, kind, **data) -> TimelineEvent:
    return TimelineEvent(at=_at(minutes), kind=kind, actor="U1", text=kind.value, data=data)


def _incident() -> Incident:
    return Incident(id="INC-1", number=1, title="Checkout API returning 500s", severity=Severity.SEV1,
                    declared_by="U1", declared_at=T0, severity_set_at=_at(1), status=Status.RESOLVED,
                    resolved_at=_at(60), postmortem_at=_at(70))


async def _postmortem_and_scorecard(events: list[TimelineEvent]):
    incident = _incident()
    card = score(incident, events, [], CADENCE, _at(70))
    context = IncidentContext(
        incident_id=incident.id, title=incident.title, severity=incident.severity.value, status="resolved",
        declared_at=incident.declared_at, resolved_at=incident.resolved_at,
        timeline=[timeline_entry(e) for e in events],
        updates=update_cadence(CADENCE(incident.severity), incident, events, _at(70)),
    )
    result = await run_step("postmortem", context, OfflineBackend())
    return PostmortemOutput.model_validate(result.output), card


@pytest.mark.parametrize("gap_minutes", [12, 14])  # each gap shorter than the 15-minute cadence
async def test_late_updates_are_late_in_the_postmortem_as_on_the_scorecard(gap_minutes):
    # Each update came within the cadence of the one before, yet after it was due (an ETA
    # had shortened the wait): only the bot knows when each was due, so the engine must not
    # recompute lateness from the gaps (the drill once said "largest gap 12 min" in What
    # went well while its scorecard said both updates were late).
    events = [
        _event(0, EventKind.DECLARED),
        _event(16, EventKind.STATUS_UPDATE, late_by_seconds=60),
        _event(16 + gap_minutes, EventKind.STATUS_UPDATE, late_by_seconds=420),
    ]
    postmortem, card = await _postmortem_and_scorecard(events)
    criterion = next(c for c in card.criteria if c.name == "Status updates every cadence")
    assert criterion.met is False and len(card.update_gaps) == 2
    assert not [line for line in postmortem.what_went_well if "status update" in line.lower()]
    assert "Status updates: 2 posted, 2 late (cadence 15 min); worst 7 min past due" in "\n".join(
        postmortem.what_to_improve)


async def test_on_time_updates_go_well_in_the_postmortem_as_on_the_scorecard():
    events = [
        _event(0, EventKind.DECLARED),
        _event(14, EventKind.STATUS_UPDATE, late_by_seconds=0),
        _event(28, EventKind.STATUS_UPDATE, late_by_seconds=0),
        _event(40, EventKind.STATUS_UPDATE, late_by_seconds=0),
    ]
    postmortem, card = await _postmortem_and_scorecard(events)
    criterion = next(c for c in card.criteria if c.name == "Status updates every cadence")
    assert criterion.met is True
    assert "Status updates: 3 posted, each on time (cadence 15 min)" in postmortem.what_went_well
    assert not [line for line in postmortem.what_to_improve if "status update" in line.lower()]


def test_an_alert_made_title_is_held_to_the_same_limit_as_a_typed_one():
    from bot.flows.alerts import _title
    from bot.commands.grammar import Declare, parse_command
    from bot.intake.models import Alert

    alert = Alert(source="alertmanager", name="HighErrorRate", status="firing", fingerprint="f", group_key="g",
                  annotations={"summary": "x" * 300}, received_at=T0)
    title = _title([alert])
    assert len(title) == MAX_TITLE and title.endswith("…")
    declared = parse_command(f"declare sev2 {title}")
    assert isinstance(declared, Declare) and declared.title == title


def test_the_bots_enums_carry_exactly_the_agents_values():
    from typing import get_args

    from agents.models import INCIDENT_TYPES, SEVERITIES, SuggestedActionItem
    from bot.incident.kinds import IncidentType
    from bot.incident.model import ActionType

    assert [s.value for s in Severity] == list(SEVERITIES)
    assert [t.value for t in IncidentType] == list(INCIDENT_TYPES)
    assert {t.value for t in ActionType} == set(get_args(SuggestedActionItem.model_fields["type"].annotation))
