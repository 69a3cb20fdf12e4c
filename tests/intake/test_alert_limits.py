"""Issue 9 §1 and §5 for alerts: an alert-declared incident has a person in command, and one
routing rule opens at most ALERT_MAX_OPEN_PER_RULE incidents at once; the rest go to triage."""

from __future__ import annotations

import asyncio

from slack_standin import DAVE
from tests.intake import payloads
from tests.intake.conftest import TRIAGE_CHANNEL

AM = "/webhooks/alertmanager"
TOKEN = {"Authorization": "Bearer s3cret"}


async def _fire(intake, name: str, fingerprint: str):
    body = payloads.alertmanager(payloads.am_alert(alertname=name, fingerprint=fingerprint))
    return await intake.post(AM, body, headers=TOKEN)


async def test_alert_declared_incidents_have_alert_declared_by_in_command_and_in_the_room(intake):
    await intake.stop_all()
    await intake.start_bot(webhook_token="s3cret", alert_declared_by=DAVE.id)
    status, answer = await _fire(intake, "HighErrorRate", "aaaa000000000001")
    assert status == 200 and answer["action"] == "declared"
    incident = await intake.store.require(answer["incident_id"])
    assert incident.roles.incident_commander == DAVE.id
    assert DAVE.id in intake.slack.members(incident.channel_id)


async def test_one_rule_opens_at_most_its_cap_and_sends_the_rest_to_triage(intake):
    await intake.stop_all()
    await intake.start_bot(webhook_token="s3cret", alert_declared_by=DAVE.id, alert_max_open_per_rule=2,
                           alert_routes=[{"match": {"severity": "critical"}, "severity": "sev2"}])
    # A burst of distinct alert groups at once, as an alert storm would send them.
    answers = await asyncio.gather(*[_fire(intake, f"Storm{n}", f"bbbb00000000000{n}") for n in range(6)])
    actions = sorted(answer["action"] for _, answer in answers)
    assert actions == ["declared", "declared", "triaged", "triaged", "triaged", "triaged"]
    assert len(intake.war_rooms()) == 2
    capped = [answer for _, answer in answers if answer["action"] == "triaged"][0]
    assert "this rule already has 2 open incidents from alerts" in capped["reason"]
    assert intake.slack.find_message(TRIAGE_CHANNEL, "Storm")

    # Resolving one gives its slot back.
    declared = [answer["incident_id"] for _, answer in answers if answer["action"] == "declared"]
    incident = await intake.store.require(declared[0])
    await intake.slack.user("dave").command("/incident", "resolve storm over", incident.channel_id)
    await intake.slack.wait_for_message(incident.channel_id, "resolved the incident")
    _, answer = await _fire(intake, "AfterTheStorm", "cccc000000000001")
    assert answer["action"] == "declared"
