"""The whole path with real binaries: demo services scraped by a real Prometheus, alert rules
firing through a real Alertmanager into the bot's webhook (with its bearer token), incidents in
the Slack stand-in, and the anomaly scan over real range queries. 1 s intervals keep it short."""

from __future__ import annotations

import json

from drill.demo.scenario import run_metrics_scenario
from bot.incident.model import EventKind
from bot.platform.alert_store import AlertStore
from tests.intake.conftest import TRIAGE_CHANNEL
from tests.support.prom_stack import real_binaries


async def test_a_demo_fault_declares_once_through_real_alertmanager_and_the_scan_names_it(
    intake, record_property
):
    real_binaries()
    await intake.stop_all()
    runtime = await intake.start_bot(webhook_token="am-bearer-token")

    result = await run_metrics_scenario(
        runtime, intake.slack, faulty="payments", spread_to="checkout", baseline_seconds=8
    )

    assert result.ran, result.reason
    # alert -> webhook -> incident declared in the stand-in, once
    incident = await intake.store.require(result.incident_id)
    assert incident.title.startswith("HighErrorRate: payments fails")
    assert incident.severity.value == "SEV2"
    assert result.war_rooms_declared == 1 and len(intake.slack.calls("conversations.create")) == 1
    # the second firing of the same group (checkout's HighErrorRate) attached instead
    assert result.second_alert_attached
    alerts = await AlertStore(intake.store.redis).current_alerts(incident.id)
    assert sorted(a.labels["job"] for a in alerts) == ["checkout", "payments"]
    # resolves noted on the timeline and in the war room
    assert result.resolved_noted
    kinds = [e.kind for e in await intake.store.timeline(incident.id)]
    assert kinds.count(EventKind.ALERT_FIRING) == 2 and kinds.count(EventKind.ALERT_RESOLVED) == 2
    assert intake.slack.find_message(incident.channel_id, "All 2 alerts behind")
    # the warning-level latency alert went to triage, not to a war room
    assert any("HighLatency" in json.dumps(m.blocks) for m in intake.slack.messages(TRIAGE_CHANNEL))
    # the anomaly scan over real Prometheus range queries ranks the faulty service first
    assert result.top_anomaly_service == "payments", result.evidence.anomalies
    evidence = result.evidence
    assert evidence.health_matrix[0].service == "payments"
    assert evidence.health_matrix[0].errors == "critical"
    assert evidence.sources_unavailable == []
    assert {q.service for q in evidence.queries} == {"checkout", "payments", "catalog"}
    assert evidence.slo.services[0].service == "payments"
    assert evidence.slo.status in ("at_risk", "breached")

    for name in (
        "fault_to_webhook_seconds",
        "webhook_to_war_room_seconds",
        "fault_to_war_room_seconds",
    ):
        record_property(name, getattr(result, name))
    print("\n".join(result.narration))
    assert result.webhook_to_war_room_seconds < 5
