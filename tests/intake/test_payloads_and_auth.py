"""Payload models and webhook authentication, without a server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from bot.intake.auth import bearer_ok, pagerduty_signature, pagerduty_signature_ok
from bot.intake.models import (
    AlertmanagerWebhook,
    DeployEvent,
    PagerDutyWebhook,
    PayloadInvalid,
    alert_from_pagerduty,
    alerts_from_alertmanager,
    label_fingerprint,
)
from bot.platform.alert_store import group_keys
from tests.intake import payloads

NOW = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)


def test_alertmanager_payload_becomes_alerts_with_common_labels_and_no_end_for_firing():
    body = payloads.alertmanager()
    body["commonAnnotations"] = {"runbook_url": "https://runbooks/x"}
    [alert] = alerts_from_alertmanager(AlertmanagerWebhook.model_validate(body), NOW)
    assert alert.name == "HighErrorRate" and alert.status == "firing"
    assert alert.starts_at == datetime(2026, 11, 25, 12, 49, 59, 866000, tzinfo=UTC)
    assert alert.ends_at is None  # 0001-01-01 means "not yet"
    assert alert.annotations["runbook_url"] == "https://runbooks/x"
    assert alert.service == "payments" and alert.summary == "payments fails 35.36% of requests"
    assert group_keys(alert)[1] == "fp:2f1faaf024fda4c8" and group_keys(alert)[0].startswith("am:")


def test_an_alert_without_fingerprint_gets_a_stable_one_from_its_labels():
    raw = payloads.am_alert()
    del raw["fingerprint"]
    [alert] = alerts_from_alertmanager(
        AlertmanagerWebhook.model_validate(payloads.alertmanager(raw)), NOW
    )
    assert (
        alert.fingerprint
        == label_fingerprint(raw["labels"])
        == label_fingerprint(dict(reversed(raw["labels"].items())))
    )


def test_alertmanager_labels_must_be_strings():
    body = payloads.alertmanager()
    body["alerts"][0]["labels"]["severity"] = 3
    with pytest.raises(ValidationError, match="alerts.0.labels.severity"):
        AlertmanagerWebhook.model_validate(body)


def test_pagerduty_incident_becomes_one_alert_with_urgency_read_as_severity():
    alert = alert_from_pagerduty(PagerDutyWebhook.model_validate(payloads.pagerduty()), NOW)
    assert (alert.source, alert.status, alert.fingerprint) == ("pagerduty", "firing", "pd-PGR0VU2")
    assert alert.labels == {
        "alertname": "Checkout API is down",
        "source": "pagerduty",
        "severity": "critical",
        "urgency": "high",
        "service": "checkout",
        "priority": "P1",
    }
    assert group_keys(alert) == ["pd:PGR0VU2"]
    low = alert_from_pagerduty(
        PagerDutyWebhook.model_validate(payloads.pagerduty(urgency="low")), NOW
    )
    assert low.labels["severity"] == "warning"
    resolved = alert_from_pagerduty(
        PagerDutyWebhook.model_validate(payloads.pagerduty("incident.resolved")), NOW
    )
    assert (
        resolved.status == "resolved"
        and resolved.ends_at is not None
        and resolved.seen_key != alert.seen_key
    )


def test_pagerduty_event_without_an_incident_is_invalid():
    body = payloads.pagerduty()
    body["event"]["data"] = {"id": "PX", "type": "incident"}
    with pytest.raises(PayloadInvalid, match="event.data is not a PagerDuty incident: title"):
        alert_from_pagerduty(PagerDutyWebhook.model_validate(body), NOW)


def test_deploy_key_is_the_senders_id_or_a_hash_of_what_was_deployed():
    a = DeployEvent.model_validate(
        {"service": "payments", "version": "1.2", "at": "2026-11-25T12:00:00Z"}
    )
    b = DeployEvent.model_validate(
        {"service": "payments", "version": "1.2", "at": "2026-11-25T12:00:00Z", "by": "x"}
    )
    c = DeployEvent.model_validate(
        {"service": "payments", "version": "1.3", "at": "2026-11-25T12:00:00Z"}
    )
    assert a.key() == b.key() != c.key()
    assert (
        DeployEvent.model_validate({"service": "s", "version": "v", "id": "deploy-77"}).key()
        == "deploy-77"
    )
    assert b.who == "x"


def test_bearer_token_check():
    assert bearer_ok("Bearer s3cret", "s3cret")
    assert bearer_ok("bearer  s3cret ", "s3cret")
    for header in (None, "", "Bearer", "Bearer wrong", "Basic s3cret", "s3cret"):
        assert not bearer_ok(header, "s3cret")


def test_pagerduty_signature_is_hmac_sha256_of_the_raw_body():
    body = b'{"event": {}}'
    # printf '%s' '{"event": {}}' | openssl dgst -sha256 -hmac secret
    assert pagerduty_signature(body, "secret") == (
        "v1=33eb44c7ba8d47c65801b2a7981b912330d4a3d210098efd16bd579d3e893299"
    )
    good = pagerduty_signature(body, "secret")
    assert pagerduty_signature_ok(good, body, "secret")
    assert pagerduty_signature_ok(
        f"v1=deadbeef, {good}", body, "secret"
    )  # rotation: any v1 matches
    assert pagerduty_signature_ok(good.upper().replace("V1=", "v1="), body, "secret")
    assert not pagerduty_signature_ok(good, body + b" ", "secret")
    assert not pagerduty_signature_ok(good, body, "other")
    assert not pagerduty_signature_ok(good.replace("v1=", "v2="), body, "secret")
    assert not pagerduty_signature_ok(None, body, "secret")
