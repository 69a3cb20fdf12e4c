"""The typed evidence, how the offline engine reads it, and secret redaction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from agents.evidence.models import Deploy, IncidentEvidence
from agents.redact import redact, redact_data
from agents.signals import read_signals


def test_anomalies_keep_the_scans_ranking_and_health_reads_the_worst_family():
    evidence = IncidentEvidence.model_validate({
        "anomalies": [
            {"rank": 2, "service": "cart", "metric": "cpu", "score": 3.5, "direction": "up"},
            {"rank": 1, "service": "checkout", "metric": "p99", "score": 9, "direction": "up",
             "change_start": "2023-11-14T22:13:20+00:00"},
        ],
        "health_matrix": [{"service": "checkout", "errors": "ok", "latency": "degraded",
                           "saturation": "critical", "traffic": "no_data"}],
        "anomaly_method": "robust z", "metrics_source": "prometheus",
    })
    signals = read_signals(evidence)
    assert [(a.service, a.direction) for a in signals.anomalies] == [("checkout", "up"), ("cart", "up")]
    assert signals.anomalies[0].change_start == "2023-11-14T22:13:20+00:00"
    assert signals.health[0].status == "down" and "saturation critical" in signals.health[0].signals
    assert signals.method == "robust z" and signals.source == "prometheus"


def test_deploys_become_changes():
    evidence = IncidentEvidence(deploys=[
        Deploy(service="api", version="v2", at=datetime(1970, 1, 1, tzinfo=UTC)),
        Deploy(service="web", version="v9", description="hotfix")])
    assert read_signals(evidence).changes == ["api v2 at 1970-01-01T00:00:00+00:00", "web v9 hotfix"]


@pytest.mark.parametrize("bad, field", [
    ({"anomalies": [{"metric": "no service"}]}, "anomalies.0.service"),
    ({"anomalies": 42}, "anomalies"),
    ({"anomalies": [{"service": "x", "metric": "y", "direction": "sideways"}]}, "anomalies.0.direction"),
    ({"anomaly": []}, "anomaly"),  # a misspelt key is an error, not evidence silently dropped
])
def test_evidence_of_the_wrong_shape_is_refused_naming_the_field(bad, field):
    with pytest.raises(ValidationError) as caught:
        IncidentEvidence.model_validate(bad)
    assert field in str(caught.value)


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
