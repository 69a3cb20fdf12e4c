"""The tolerant evidence reader and secret redaction."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel

from agents.redact import redact, redact_data
from agents.signals import read_signals


def test_flat_anomaly_list_is_ranked_by_score_and_bad_entries_are_counted():
    signals = read_signals({"anomalies": [
        {"service": "cart", "metric": "cpu", "score": "3.5", "direction": "increase"},
        {"service": "checkout", "metric": "p99", "score": 9, "direction": "+",
         "change_start": 1_700_000_000},
        {"metric": "no service"}, "garbage", {"service": "x", "metric": "y", "score": "NaN"},
    ]})
    assert [(a.service, a.direction) for a in signals.anomalies] == [
        ("checkout", "up"), ("cart", "up"), ("x", "unknown")]
    assert signals.anomalies[0].change_start == "2023-11-14T22:13:20+00:00"
    assert signals.skipped == 2


def test_an_anomaly_report_with_services_top_metrics_and_health_is_read():
    class Metric(BaseModel):
        metric: str
        source: str
        score: float
        direction: str
        change_start: datetime | None
        summary: str

    report = {
        "method": "robust z",
        "services": [
            {"service": "checkoutservice", "score": 12.0,
             "top_metrics": [Metric(metric="cpu_usage", source="checkoutservice-abc",
                                    score=12.0, direction="up",
                                    change_start=datetime(2022, 8, 22, 3, 1,
                                                          tzinfo=UTC),
                                    summary="cpu_usage rose from 0.2 to 0.9")],
             "health": {"service": "checkoutservice", "errors": "ok", "latency": "degraded",
                        "saturation": "critical", "traffic": "no_data"}},
        ],
    }
    signals = read_signals({"anomalies": report, "metrics_source": "prometheus"})
    (row,) = signals.anomalies
    assert (row.service, row.metric, row.summary) == (
        "checkoutservice", "cpu_usage", "cpu_usage rose from 0.2 to 0.9")
    assert signals.health[0].status == "down" and "saturation critical" in signals.health[0].signals
    assert signals.method == "robust z" and signals.source == "prometheus"


def test_unreadable_evidence_never_raises():
    assert read_signals({"anomalies": 42}).skipped == 1
    assert read_signals(None).anomalies == []
    assert read_signals({"deploys": [{"service": "api", "version": "v2", "at": 0}, "hotfix"]}
                        ).changes == ["api v2 at 1970-01-01T00:00:00+00:00", "hotfix"]


def test_known_secret_shapes_are_redacted_keeping_only_the_last_four_characters():
    text = ("key AKIAIOSFODNN7EXAMPLE and ghp_" + "a" * 36 + " and xoxb-123456789012-abcdef"
            " password=hunter2hunter and sk-ant-api03-secretsecret and "
            "postgres://app:s3cr3tpw@db:5432/x")
    clean = redact(text)
    for secret in ("AKIAIOSFODNN7EXAMPLE", "a" * 36, "xoxb-123456789012", "hunter2hunter",
                   "sk-ant-api03-secretsecret", "s3cr3tpw"):
        assert secret not in clean
    assert "[REDACTED aws-access-key ...MPLE]" in clean


def test_extra_secrets_and_nested_data_are_redacted():
    data = {"a": ["my-configured-key-123", {"b": "AKIAIOSFODNN7EXAMPLE"}], "n": 3}
    assert redact_data(data, ["my-configured-key-123"]) == {
        "a": ["[REDACTED secret]", {"b": "[REDACTED aws-access-key ...MPLE]"}], "n": 3}
