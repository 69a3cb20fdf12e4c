"""Triage's answer flows back: the type onto the card, a different severity as a suggestion the
incident commander accepts or keeps; everything on the timeline."""

from __future__ import annotations

from bot.incident.kinds import IncidentType
from bot.incident.model import EventKind
from bot.incident.severity import Severity

SUGGESTION = "Triage reads this incident as"


async def _run_triage(harness, incident, who="alice"):
    """Run triage and wait for its answer to show (the bot applies it before showing it)."""
    await harness.slack.user(who).command("/incident", "run triage", incident.channel_id)
    return await harness.slack.wait_for(lambda: next(
        (m for m in harness.slack.messages(incident.channel_id)
         if m.text.startswith("Detect and classify:") and "step_details" in str(m.blocks)), None),
        description="triage's answer")


async def test_triage_puts_the_type_on_the_card_when_nobody_chose_one(harness):
    incident = await harness.declare("declare sev2 Checkout API returning 500s")
    assert "not classified yet" in str(harness.slack.message(incident.channel_id, incident.card_ts).blocks)
    await _run_triage(harness, incident)
    await harness.slack.wait_for(
        lambda: "Service outage" in str(harness.slack.message(incident.channel_id, incident.card_ts).blocks),
        description="the type on the card")
    assert (await harness.store.require(incident.id)).incident_type is IncidentType.SERVICE_OUTAGE
    notes = [e.text for e in await harness.store.timeline(incident.id) if e.kind is EventKind.NOTE]
    assert "triage classified the incident as service outage" in notes
    assert not harness.slack.find_messages(incident.channel_id, SUGGESTION)  # SEV2 agrees: nothing to ask


async def test_a_type_a_person_chose_stays(harness):
    incident = await harness.declare("declare sev2 Checkout API returning 500s")

    def choose(record):
        record.incident_type = IncidentType.THIRD_PARTY_OUTAGE

    await harness.store.update(incident.id, choose)
    await _run_triage(harness, incident)
    assert (await harness.store.require(incident.id)).incident_type is IncidentType.THIRD_PARTY_OUTAGE
    assert not [e for e in await harness.store.timeline(incident.id) if "triage classified" in e.text]


async def _suggestion(harness, incident):
    await _run_triage(harness, incident)
    return await harness.slack.wait_for(
        lambda: harness.slack.find_message(incident.channel_id, SUGGESTION), description="the suggestion")


async def test_a_different_severity_is_suggested_and_only_the_commander_accepts_it(harness):
    slack = harness.slack
    incident = await harness.declare("declare sev1 Checkout API returning 500s")  # rules read SEV2
    suggestion = await _suggestion(harness, incident)
    shown = str(suggestion.blocks)
    assert "*SEV2*" in shown and "declared *SEV1*" in shown and "<@U0ALICE>" in shown
    assert "Accept SEV2" in shown and "Keep SEV1" in shown
    await slack.user("bob").click(incident.channel_id, suggestion.ts, "accept_suggested_severity")
    await slack.wait_for(lambda: [e for e in slack.ephemerals("bob") if "Only the incident commander" in e.text])
    assert (await harness.store.require(incident.id)).severity is Severity.SEV1
    await slack.user("alice").click(incident.channel_id, suggestion.ts, "accept_suggested_severity")
    await slack.wait_for_message(incident.channel_id, "accepted triage's *SEV2*")
    assert (await harness.store.require(incident.id)).severity is Severity.SEV2
    assert "Accept SEV2" not in str(slack.message(incident.channel_id, suggestion.ts).blocks)  # answered once
    events = await harness.store.timeline(incident.id)
    assert any(e.kind is EventKind.NOTE and e.text == "triage suggested SEV2 (declared SEV1)" for e in events)
    [change] = [e for e in events if e.kind is EventKind.SEVERITY_CHANGED]
    assert change.text == "severity SEV1 → SEV2" and change.reason == "accepted triage's suggestion"


async def test_keeping_the_declared_severity_is_a_decision_on_the_timeline(harness):
    slack = harness.slack
    incident = await harness.declare("declare sev1 Checkout API returning 500s")
    suggestion = await _suggestion(harness, incident)
    await slack.user("alice").click(incident.channel_id, suggestion.ts, "keep_declared_severity")
    await slack.wait_for_message(incident.channel_id, "kept *SEV1* (triage suggested SEV2)")
    assert (await harness.store.require(incident.id)).severity is Severity.SEV1
    [decision] = [e for e in await harness.store.timeline(incident.id) if e.kind is EventKind.DECISION]
    assert decision.text == "severity kept at SEV1 (triage suggested SEV2)" and decision.actor == "U0ALICE"


async def test_a_resolved_incident_gets_no_severity_suggestion(harness):
    incident = await harness.declare("declare sev1 Checkout API returning 500s")
    await harness.slack.user("alice").command("/incident", "resolve", incident.channel_id)
    await harness.slack.wait_for_message(incident.channel_id, "resolved the incident")
    await _run_triage(harness, incident)
    assert not harness.slack.find_messages(incident.channel_id, SUGGESTION)
