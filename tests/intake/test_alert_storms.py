"""Issue 8 §9: an Alertmanager group of any count within the byte limit is accepted; beyond
ALERT_MAX_ALERTS the first N are kept and the rest counted, with `truncatedAlerts` shown."""

from __future__ import annotations

import json

from tests.intake import payloads

AM = "/webhooks/alertmanager"


def _storm(count: int, truncated: int = 0) -> dict:
    alerts = [payloads.am_alert(fingerprint=f"{n:016x}", instance=f"i-{n}") for n in range(count)]
    body = payloads.alertmanager(*alerts)
    body["truncatedAlerts"] = truncated
    return body


async def test_a_group_of_1001_alerts_declares_keeps_the_first_n_and_counts_the_rest(intake):
    body = _storm(1001, truncated=2411)
    assert len(json.dumps(body)) < intake.bot.ctx.settings.webhook_max_bytes
    status, answer = await intake.post(AM, body)
    assert status == 200, answer
    assert answer["action"] == "declared"
    incident = await intake.store.require(answer["incident_id"])
    kept = intake.bot.ctx.settings.alert_max_alerts
    assert len(await intake.bot.ctx.alerts.alerts(incident.id)) == kept
    message = await intake.slack.wait_for_message(incident.channel_id, "Declared automatically")
    # shown: 10; not shown: (kept - 10) + (1001 - kept) + 2411 truncated by Alertmanager
    assert f"and {1001 - 10 + 2411:,} more alerts" in json.dumps(message.blocks)


async def test_truncated_alerts_are_shown_in_the_triage_message(intake):
    body = _storm(3, truncated=12)
    for alert in body["alerts"]:
        alert["labels"]["severity"] = "warning"
    body["commonLabels"]["severity"] = "warning"
    status, answer = await intake.post(AM, body)
    assert status == 200 and answer["action"] == "triaged", answer
    from tests.intake.conftest import TRIAGE_CHANNEL

    message = await intake.slack.wait_for_message(TRIAGE_CHANNEL, "triage")
    assert "and 12 more alerts" in json.dumps(message.blocks)
