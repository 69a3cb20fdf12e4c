"""Webhooks end to end: the real bot and redis-server, Slack played by the stand-in."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.flows import agent_evidence
from bot.incident.model import EventKind
from bot.intake.auth import pagerduty_signature
from bot.platform.alert_store import AlertStore
from slack_standin import BOT_USER_ID
from bot.ui import blocks
from tests.intake import payloads
from tests.intake.conftest import TRIAGE_CHANNEL

AM = "/webhooks/alertmanager"
PD = "/webhooks/pagerduty"
DEPLOY = "/webhooks/deploy"


async def _declared(intake, body=None):
    status, answer = await intake.post(AM, body or payloads.alertmanager())
    assert status == 200, answer
    assert answer["action"] == "declared", answer
    return await intake.store.require(answer["incident_id"])


async def test_critical_alert_declares_a_sev2_incident_with_the_alert_in_its_war_room(intake):
    incident = await _declared(intake)

    assert incident.severity.value == "SEV2"
    assert incident.title == "HighErrorRate: payments fails 35.36% of requests"
    assert incident.declared_by == BOT_USER_ID
    assert "More than 20% of requests to payments answered 5xx" in incident.description
    message = await intake.slack.wait_for_message(incident.channel_id, "Declared automatically")
    assert "(rule 1: severity=critical)" in message.text
    assert "`job=payments`" in json.dumps(message.blocks)
    [alert] = await AlertStore(intake.store.redis).alerts(incident.id)
    assert alert.fingerprint == "2f1faaf024fda4c8" and alert.service == "payments"
    kinds = [e.kind for e in await intake.store.timeline(incident.id)]
    assert kinds == [EventKind.DECLARED, EventKind.ALERT_FIRING]


async def test_a_retried_delivery_declares_once_and_notes_nothing_new(intake):
    incident = await _declared(intake)
    before = len(await intake.store.timeline(incident.id))

    status, answer = await intake.post(AM, payloads.alertmanager())

    assert status == 200 and answer == {
        "ok": True,
        "action": "nothing_new",
        "incident_id": incident.id,
        "channel_id": incident.channel_id,
        "new_alerts": 0,
    }
    assert len(intake.war_rooms()) == 1
    assert len(await intake.store.timeline(incident.id)) == before


async def test_concurrent_deliveries_of_one_group_declare_exactly_once(intake):
    results = await asyncio.gather(*(intake.post(AM, payloads.alertmanager()) for _ in range(6)))

    actions = sorted(answer["action"] for status, answer in results if status == 200)
    assert actions.count("declared") == 1, results
    assert set(actions) <= {"declared", "nothing_new"} and len(actions) == 6
    assert {answer["incident_id"] for _, answer in results} == {results[0][1]["incident_id"]}
    assert len(intake.slack.calls("conversations.create")) == 1


async def test_another_alert_of_the_same_group_attaches_to_the_open_incident(intake):
    incident = await _declared(intake)
    second = payloads.am_alert(fingerprint="aaaa000011112222", instance="payments-2")

    status, answer = await intake.post(AM, payloads.alertmanager(payloads.am_alert(), second))

    assert status == 200 and answer["action"] == "attached" and answer["new_alerts"] == 1
    assert answer["incident_id"] == incident.id
    await intake.slack.wait_for_message(incident.channel_id, "is also firing")
    assert len(intake.war_rooms()) == 1


async def test_the_same_fingerprint_under_another_group_key_attaches_too(intake):
    incident = await _declared(intake)
    status, answer = await intake.post(
        AM, payloads.alertmanager(group_key='{}/{team="x"}:{alertname="HighErrorRate"}')
    )
    assert (status, answer["action"], answer["incident_id"]) == (200, "nothing_new", incident.id)


async def test_resolved_alert_is_noted_on_the_timeline_and_in_the_war_room_once(intake):
    incident = await _declared(intake)
    resolved = payloads.alertmanager(
        payloads.am_alert(status="resolved", ends_at="2026-11-25T12:53:59.866Z")
    )

    status, answer = await intake.post(AM, resolved)
    again = await intake.post(AM, resolved)

    assert status == 200 and answer["action"] == "attached"
    assert again[1]["action"] == "nothing_new"
    note = await intake.slack.wait_for_message(
        incident.channel_id, "Alert *HighErrorRate* (payments) resolved after 4m 0s"
    )
    assert "The alert behind" in note.text and "/incident resolve" in note.text
    events = await intake.store.timeline(incident.id)
    assert [e.kind for e in events].count(EventKind.ALERT_RESOLVED) == 1
    assert (
        await intake.store.require(incident.id)
    ).is_open  # people resolve incidents, alerts do not


async def test_firing_again_after_the_incident_is_resolved_declares_a_new_incident(intake):
    first = await _declared(intake)
    await intake.slack.user("alice").join(first.channel_id)  # nobody holds IC: a war-room member takes it
    await intake.slack.user("alice").command("/incident", "role ic <@U0ALICE>", first.channel_id)
    await intake.slack.wait_for_message(first.channel_id, "made <@U0ALICE> *Incident Commander*")
    await intake.slack.user("alice").command("/incident", "resolve fixed", first.channel_id)
    await intake.slack.wait_for_message(first.channel_id, "resolved the incident")

    status, answer = await intake.post(
        AM, payloads.alertmanager(payloads.am_alert(starts_at="2026-11-25T14:00:00Z"))
    )

    assert status == 200 and answer["action"] == "declared" and answer["incident_id"] != first.id


async def test_unknown_labels_go_to_triage_once_and_the_button_declares(intake):
    odd = payloads.alertmanager(
        payloads.am_alert(alertname="DiskFilling", severity="", team="storage", job="db")
    )
    status, answer = await intake.post(AM, odd)
    repeat = await intake.post(AM, odd)

    assert (
        status == 200
        and answer["action"] == "triaged"
        and answer["reason"] == "no routing rule matched"
    )
    assert repeat[1]["action"] == "already_triaged"
    assert intake.war_rooms() == []
    [message] = intake.slack.messages(TRIAGE_CHANNEL)
    assert "Alert needs triage: DiskFilling" in json.dumps(message.blocks)
    assert "declares it at SEV3" in json.dumps(message.blocks)

    await intake.slack.user("alice").click(
        TRIAGE_CHANNEL, message.ts, blocks.ACTION_DECLARE_FROM_ALERT
    )
    [reply] = await intake.slack.wait_for(lambda: intake.replies("alice", "from this alert"))
    [room] = intake.war_rooms()
    incident = await intake.store.by_channel(room.id)
    assert incident.severity.value == "SEV3" and incident.declared_by == "U0ALICE"
    assert incident.id in reply
    updated = intake.slack.message(TRIAGE_CHANNEL, message.ts)
    assert "declared" in json.dumps(
        updated.blocks
    ) and blocks.ACTION_DECLARE_FROM_ALERT not in json.dumps(updated.blocks)

    again = await intake.post(AM, odd)  # the group now belongs to the incident
    assert again[1]["action"] == "nothing_new" and again[1]["incident_id"] == incident.id


async def test_a_second_click_on_a_declared_triage_alert_points_to_the_incident(intake):
    await intake.post(AM, payloads.alertmanager(payloads.am_alert(severity="warning")))
    [message] = intake.slack.messages(TRIAGE_CHANNEL)
    await asyncio.gather(
        intake.slack.user("alice").click(
            TRIAGE_CHANNEL, message.ts, blocks.ACTION_DECLARE_FROM_ALERT
        ),
        intake.slack.user("bob").click(
            TRIAGE_CHANNEL, message.ts, blocks.ACTION_DECLARE_FROM_ALERT
        ),
    )
    await intake.slack.wait_for(
        lambda: intake.replies("alice", "INC-") and intake.replies("bob", "INC-")
    )
    assert len(intake.war_rooms()) == 1
    texts = intake.replies("alice", "INC-") + intake.replies("bob", "INC-")
    assert sum("declared *INC-1*" in t for t in texts) == 1
    assert sum("already incident *INC-1*" in t for t in texts) == 1


async def test_a_triaged_group_that_resolves_is_noted_under_its_message(intake):
    await intake.post(AM, payloads.alertmanager(payloads.am_alert(severity="warning")))
    [message] = intake.slack.messages(TRIAGE_CHANNEL)
    _, answer = await intake.post(
        AM, payloads.alertmanager(payloads.am_alert(status="resolved", severity="warning"))
    )
    assert answer["action"] == "resolved_noted"
    [reply] = intake.slack.messages(TRIAGE_CHANNEL, message.ts)
    assert "resolved on its own" in reply.text


async def test_configured_routes_choose_the_severity_and_can_ignore(intake):
    await intake.stop_all()
    await intake.start_bot(
        alert_routes=[
            {"match": {"team": "payments"}, "severity": "p0"},
            {"match_re": {"alertname": "Watchdog|InfoInhibitor"}, "action": "ignore"},
            {"match": {"severity": "critical"}, "severity": "sev2"},
        ]
    )
    status, answer = await intake.post(
        AM, payloads.alertmanager(payloads.am_alert(team="payments"))
    )
    assert status == 200
    assert (await intake.store.require(answer["incident_id"])).severity.value == "SEV1"

    _, answer = await intake.post(
        AM, payloads.alertmanager(payloads.am_alert(alertname="Watchdog", fingerprint="ffff"))
    )
    assert answer["action"] == "ignored" and "Watchdog" in answer["reason"]


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"{not json", "malformed JSON"),
        (b"", "empty body"),
        (b"[1, 2]", "expected a JSON object"),
        (
            json.dumps({**payloads.alertmanager(), "version": "3"}).encode(),
            "version: Input should be '4'",
        ),
        (
            json.dumps({**payloads.alertmanager(), "alerts": []}).encode(),
            "alerts: List should have at least 1 item",
        ),
        (
            json.dumps(
                {k: v for k, v in payloads.alertmanager().items() if k != "groupKey"}
            ).encode(),
            "groupKey",
        ),
        (
            json.dumps(payloads.alertmanager(payloads.am_alert(status="exploded"))).encode(),
            "alerts.0.status: Input should be 'firing' or 'resolved'",
        ),
    ],
)
async def test_bad_alertmanager_payloads_are_refused_with_a_reason_and_create_nothing(
    intake, raw, reason
):
    status, answer = await intake.post(AM, raw=raw)

    assert status == 400 and reason in answer["error"], answer
    assert (
        intake.slack.calls("conversations.create") == []
        and intake.slack.calls("chat.postMessage") == []
    )
    assert await intake.store.redis.keys("ic:alert*") == []


async def test_every_webhook_needs_the_bearer_token_when_one_is_set(intake):
    await intake.stop_all()
    await intake.start_bot(webhook_token="s3cret")
    for path, body in (
        (AM, payloads.alertmanager()),
        (PD, payloads.pagerduty()),
        (DEPLOY, {"service": "a", "version": "1"}),
    ):
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0"}):
            status, answer = await intake.post(path, body, headers=headers)
            assert status == 401 and "bearer token" in answer["error"], (path, headers)
    assert intake.slack.calls("conversations.create") == []

    status, answer = await intake.post(
        AM, payloads.alertmanager(), headers={"Authorization": "Bearer s3cret"}
    )
    assert status == 200 and answer["action"] == "declared"


async def test_a_payload_over_the_size_limit_is_refused_before_it_is_read(intake):
    await intake.stop_all()
    await intake.start_bot(webhook_max_bytes=4096)
    many = payloads.alertmanager(*[payloads.am_alert(fingerprint=f"{i:016x}") for i in range(40)])
    status, answer = await intake.post(AM, many)
    assert status == 413 and "larger than 4096 bytes" in answer["error"]


async def test_slack_refusing_the_war_room_answers_502_and_the_retry_declares(intake):
    intake.slack.fail("conversations.create", "restricted_action")
    status, answer = await intake.post(AM, payloads.alertmanager())
    assert status == 502 and "restricted_action" in answer["error"]

    status, answer = await intake.post(AM, payloads.alertmanager())
    assert status == 200 and answer["action"] == "declared"


async def test_pagerduty_triggered_declares_and_resolved_is_noted(intake):
    status, answer = await intake.post(PD, payloads.pagerduty())
    assert status == 200 and answer["action"] == "declared"
    incident = await intake.store.require(answer["incident_id"])
    assert incident.title == "Checkout API is down" and incident.severity.value == "SEV2"
    [alert] = await AlertStore(intake.store.redis).alerts(incident.id)
    assert alert.labels["service"] == "checkout" and alert.url.endswith("/incidents/PGR0VU2")

    duplicate = await intake.post(PD, payloads.pagerduty())
    assert duplicate[1]["action"] == "duplicate"

    status, answer = await intake.post(PD, payloads.pagerduty("incident.resolved", event_id="e-2"))
    assert answer["action"] == "attached" and answer["incident_id"] == incident.id
    await intake.slack.wait_for_message(
        incident.channel_id, "Alert *Checkout API is down* (checkout) resolved"
    )


async def test_pagerduty_other_events_and_low_urgency(intake):
    status, answer = await intake.post(PD, payloads.pagerduty("incident.acknowledged"))
    assert status == 200 and answer["action"] == "ignored"
    status, answer = await intake.post(PD, payloads.pagerduty(urgency="low", event_id="e-3"))
    assert answer["action"] == "triaged"
    status, answer = await intake.post(
        PD, {"event": {**payloads.pagerduty()["event"], "data": {"id": "X"}}}
    )
    assert status == 400 and "not a PagerDuty incident" in answer["error"]


async def test_pagerduty_signature_is_checked_when_a_secret_is_set(intake):
    await intake.stop_all()
    await intake.start_bot(pagerduty_webhook_secret="pd-secret")
    body = json.dumps(payloads.pagerduty()).encode()

    for header in (
        {},
        {"X-PagerDuty-Signature": pagerduty_signature(body, "other")},
        {"X-PagerDuty-Signature": "v1=zz"},
    ):
        status, answer = await intake.post(PD, raw=body, headers=header)
        assert status == 401 and "X-PagerDuty-Signature" in answer["error"]
    assert intake.slack.calls("conversations.create") == []

    rotated = f"{pagerduty_signature(body, 'old-secret')},{pagerduty_signature(body, 'pd-secret')}"
    status, answer = await intake.post(PD, raw=body, headers={"X-PagerDuty-Signature": rotated})
    assert status == 200 and answer["action"] == "declared"


async def test_deploys_are_recorded_once_and_noted_on_incidents_about_their_service(intake):
    incident = await _declared(intake)
    deploy = {
        "service": "payments",
        "version": "v1.4.2",
        "who": "carol",
        "link": "https://ci.example.com/42",
        "at": "2026-11-25T12:40:00Z",
    }

    status, answer = await intake.post(DEPLOY, deploy)
    duplicate = await intake.post(DEPLOY, deploy)
    other = await intake.post(DEPLOY, {"service": "search", "version": "2"})

    assert status == 200 and answer["recorded"] and answer["noted_on"] == [incident.id]
    assert duplicate[1]["duplicate"] is True
    assert other[1]["noted_on"] == []
    await intake.slack.wait_for_message(incident.channel_id, "*payments* v1.4.2 by carol")
    events = await intake.store.timeline(incident.id)
    assert any(e.kind is EventKind.DEPLOY and "payments v1.4.2" in e.text for e in events)
    stored = await AlertStore(intake.store.redis).deploys()
    assert [(d.service, d.version) for d in stored] == [("search", "2"), ("payments", "v1.4.2")]


@pytest.mark.parametrize(
    "body, reason",
    [
        ({"service": "payments"}, "version: Field required"),
        (
            {"service": "payments", "version": "1", "link": "javascript:alert(1)"},
            "link must be an http(s) URL",
        ),
        ({"service": "", "version": "1"}, "service: String should have at least 1 character"),
    ],
)
async def test_bad_deploy_events_are_refused(intake, body, reason):
    status, answer = await intake.post(DEPLOY, body)
    assert status == 400 and reason in answer["error"]
    assert await AlertStore(intake.store.redis).deploys() == []


async def test_an_incidents_alerts_and_evidence_are_ready_for_the_agent_steps(intake):
    incident = await _declared(intake)
    await intake.post(DEPLOY, {"service": "payments", "version": "v9", "who": "dave"})

    [info] = await agent_evidence.incident_alerts(intake.bot.ctx, incident.id)
    assert (info.source, info.name, info.status) == ("alertmanager", "HighErrorRate", "firing")
    assert info.labels["job"] == "payments" and info.starts_at is not None

    evidence = await agent_evidence.incident_evidence(intake.bot.ctx, incident.id)
    assert evidence.services == ["payments"]
    assert [(u.source, u.reason) for u in evidence.sources_unavailable] == [
        ("prometheus", "not configured (no Prometheus URL)")
    ]
    assert [(d.service, d.version, d.who) for d in evidence.deploys] == [
        ("payments", "v9", "dave")
    ]
    assert evidence.health_matrix[0].overall == "no_data"
