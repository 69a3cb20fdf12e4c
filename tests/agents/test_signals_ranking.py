"""The offline engine keeps the anomaly scan's service ranking and reads its health matrix."""

from agents.evidence.models import IncidentEvidence
from agents.signals import read_signals


def test_rank_orders_services_before_single_metric_scores():
    evidence = {
        "anomalies": [
            {"rank": 2, "service": "checkout", "metric": "cpu", "score": 50.0, "direction": "up"},
            {"rank": 1, "service": "payments", "metric": "p99_latency", "score": 9.0, "direction": "up"},
        ],
        "health_matrix": [{"service": "payments", "errors": "critical", "latency": "critical",
                           "saturation": "ok", "traffic": "ok"}],
    }
    signals = read_signals(IncidentEvidence.model_validate(evidence))
    assert [a.service for a in signals.anomalies] == ["payments", "checkout"]
    assert [(h.service, h.status) for h in signals.health] == [("payments", "down")]


def test_without_rank_the_score_decides():
    signals = read_signals(IncidentEvidence.model_validate({"anomalies": [
        {"service": "a", "metric": "m", "score": 3.0}, {"service": "b", "metric": "m", "score": 7.0}]}))
    assert [a.service for a in signals.anomalies] == ["b", "a"]
