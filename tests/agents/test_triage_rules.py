"""Offline classification: severity and type from realistic declarations, with the reason."""

from __future__ import annotations

import pytest

from agents import AlertInfo, run_step
from agents.classify import classify, declared_severity, extract_services
from agents.models import TriageOutput
from tests.agents.conftest import bare_incident

TITLES = [
    ("Checkout API returning 500s", "SEV2", "service_outage"),
    ("Leaked AWS key on GitHub", "SEV1", "security_incident"),
    ("Database disk full on orders-db", "SEV2", "infrastructure_failure"),
    ("Stripe API timeouts", "SEV2", "third_party_outage"),
    ("Typo on pricing page", "SEV4", "data_integrity"),
    ("結帳 API 回傳 500 錯誤", "SEV2", "service_outage"),
    ("網站全部無法使用", "SEV1", "service_outage"),
    ("資料庫連線池耗盡，訂單服務逾時", "SEV2", "performance_degradation"),
    ("客戶資料外洩", "SEV1", "security_incident"),
    ("定價頁面有錯字", "SEV4", "data_integrity"),
    ("Payments completely down for all users", "SEV1", "service_outage"),
    ("Search latency p99 up 3x", "SEV3", "performance_degradation"),
    ("Memory leak in cart-service causing restarts", "SEV2", "performance_degradation"),
    ("Customers charged twice for orders", "SEV2", "data_integrity"),
    ("Data loss in user uploads after migration", "SEV1", "data_integrity"),
    ("TLS certificate expired on api.example.com", "SEV2", "infrastructure_failure"),
    ("Cert expiring in 10 days on www.example.com", "SEV3", "infrastructure_failure"),
    ("Some users see intermittent errors on profile page", "SEV3", "service_outage"),
    ("DDoS on the public API", "SEV2", "security_incident"),
    ("Twilio SMS delivery failing", "SEV3", "third_party_outage"),
    ("Typo in config took checkout down", "SEV2", "service_outage"),
]


@pytest.mark.parametrize(("title", "severity", "itype"), TITLES)
def test_offline_triage_classifies_realistic_titles(title, severity, itype):
    verdict = classify(bare_incident(title))
    assert (verdict.severity, verdict.incident_type) == (severity, itype), verdict.reason
    assert verdict.severity_source == "classified"
    assert verdict.reason.startswith(f"{severity} {itype}")


async def test_triage_json_has_severity_and_type_at_the_top_level_with_the_reason(offline):
    result = await run_step("triage", bare_incident("Stripe API timeouts"), offline)
    assert result.output["severity"] == "SEV2"
    assert result.output["incident_type"] == "third_party_outage"
    assert "stripe" in result.output["reason"]
    assert result.output["affected_services"][0]["name"] == "stripe"
    assert "runbooks/third-party-outage.md" in result.sources


@pytest.mark.parametrize(("text", "expected"), [
    ("SEV1: login broken", "SEV1"), ("sev-3 slow search", "SEV3"), ("P0 payments down", "SEV1"),
    ("p2: report export slow", "SEV3"), ("Checkout 500s", None),
])
def test_severity_written_in_the_declaration_counts_as_declared(text, expected):
    assert declared_severity(bare_incident(text))[0] == expected


def test_declared_severity_is_kept_and_the_rules_verdict_is_shown():
    verdict = classify(bare_incident("Typo on pricing page", severity="SEV2"))
    assert verdict.severity == "SEV2" and verdict.severity_source == "declared"
    assert verdict.rule_severity == "SEV4"
    assert "triage alone says SEV4" in verdict.reason


def test_declared_type_is_kept():
    verdict = classify(bare_incident("Checkout API returning 500s",
                                     incident_type="third_party_outage"))
    assert verdict.incident_type == "third_party_outage"
    assert "type declared as third_party_outage" in verdict.reason


def test_critical_alert_label_raises_the_floor_to_sev2():
    alert = AlertInfo(source="alertmanager", name="KubePodCrashLooping",
                      labels={"severity": "critical", "service": "recommendations"})
    verdict = classify(bare_incident("Recommendations widget empty", alerts=[alert]))
    assert verdict.severity == "SEV2"
    assert "alert KubePodCrashLooping severity=critical" in verdict.reason


def test_alert_names_feed_the_type_rules():
    alert = AlertInfo(source="alertmanager", name="NodeFilesystemAlmostOutOfSpace",
                      labels={"severity": "warning", "instance": "db-3"},
                      annotations={"summary": "No space left on /var/lib/postgresql"})
    verdict = classify(bare_incident("db-3 alert", alerts=[alert]))
    assert verdict.incident_type == "infrastructure_failure"


def test_nothing_recognisable_is_sev3_with_low_confidence_until_the_ic_confirms():
    verdict = classify(bare_incident("Something odd with the thing"))
    assert verdict.severity == "SEV3" and verdict.confidence == "low"
    assert "until the IC confirms" in verdict.reason


async def test_untyped_declaration_takes_the_type_of_the_closest_runbook(offline):
    alert = AlertInfo(source="prometheus", name="PostgresqlTooManyConnections",
                      labels={"instance": "pg-1"})
    result = await run_step("triage", bare_incident("pg-1 paging", alerts=[alert]), offline)
    out = TriageOutput.model_validate(result.output)
    assert out.incident_type == "performance_degradation"
    assert "runbooks/db-connection-pool-exhaustion.md" in result.sources


@pytest.mark.parametrize(("title", "services"), [
    ("Checkout API returning 500s", ["checkout-api"]),
    ("Database disk full on orders-db", ["orders-db", "database"]),
    ("結帳 API 回傳 500 錯誤", ["checkout-api"]),
    ("TLS certificate expired on api.example.com", ["api.example.com"]),
    ("Stripe API timeouts", ["stripe"]),
])
def test_services_are_read_from_the_declaration(title, services):
    assert [s.name for s in extract_services(bare_incident(title))] == services


def test_services_are_read_from_alert_labels_and_pod_names():
    alerts = [AlertInfo(source="am", name="A", labels={"service": "cart"}),
              AlertInfo(source="am", name="B", labels={"pod": "checkoutservice-578fcf4766-9csqn"})]
    found = extract_services(bare_incident("errors", alerts=alerts, services=["frontend"]))
    assert [(s.name, s.evidence) for s in found] == [
        ("frontend", "declared on the incident"),
        ("cart", "alert A label service"),
        ("checkoutservice", "alert B label pod"),
    ]
