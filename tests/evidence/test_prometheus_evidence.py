"""`gather_evidence` against a scripted Prometheus: ranking, SLO burn, citations, and carrying on
when a source is down, slow or refuses a query."""

from __future__ import annotations

import math
import re
import time
import zlib
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from agents import OfflineBackend, run_step
from agents.context import IncidentContext
from agents.evidence.collect import EvidenceConfig, SloObjective, gather_evidence
from agents.evidence.models import Deploy, HealthRow, TimeWindow, UnavailableSource
from agents.models import ObserveOutput
from agents.signals import read_signals
from drill.demo.stack import free_port
from tests.support.prom_stack import FakePrometheus

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
FAULT = T0 + timedelta(minutes=11)
INCIDENT = (T0 + timedelta(minutes=10), T0 + timedelta(minutes=15))
SERVICES = ("checkout", "payments", "catalog")


def _metric(query: str) -> str:
    if "code=~" in query:
        return "errors"
    if "0.95" in query:
        return "p95"
    if "0.99" in query:
        return "p99"
    if "process_cpu" in query:
        return "cpu"
    return "rate"


def synthetic(query: str):
    """Noise for every service; payments' errors and latency jump at FAULT."""
    if query.startswith("group by"):
        return [({"job": name}, [(T0.timestamp(), 1.0)]) for name in SERVICES]
    job = re.search(r'job="([^"]+)"', query).group(1)
    metric = _metric(query)
    rng = np.random.default_rng(zlib.crc32(f"{job}/{metric}".encode()))
    ts = T0.timestamp() + 15 * np.arange(0, 61)
    base = {"errors": 0.0002, "p95": 0.040, "p99": 0.080, "cpu": 0.3, "rate": 40.0}[metric]
    values = base * (1 + 0.05 * rng.standard_normal(ts.size))
    if job == "payments":
        broken = ts >= FAULT.timestamp()
        if metric == "errors":
            values[broken] = 0.3
        if metric in ("p95", "p99"):
            values[broken] = base * 10
    return [({"job": job}, list(zip(ts.tolist(), values.tolist(), strict=True)))]


@pytest.fixture
async def prometheus():
    fake = await FakePrometheus(series=synthetic).start()
    yield fake
    await fake.stop()


def config(url: str | None, **extra) -> EvidenceConfig:
    return EvidenceConfig(
        prometheus_url=url,
        baseline_minutes=10,
        step_seconds=15,
        slos={"*": SloObjective(objective=0.999, window_days=30)},
        **extra,
    )


async def test_the_degraded_service_ranks_first_with_its_change_start_and_the_queries_cited(
    prometheus,
):
    evidence = await gather_evidence(["payments"], INCIDENT, config(prometheus.url))

    assert evidence.services == [
        "payments",
        "catalog",
        "checkout",
    ]  # asked first, then discovered
    top = evidence.anomalies[0]
    assert (top.rank, top.service, top.direction) == (1, "payments", "up")
    assert {row.metric for row in evidence.anomalies if row.service == "payments"} >= {
        "http_error_ratio",
        "http_latency_p99_seconds",
    }
    assert top.change_start == FAULT.isoformat() and top.score >= 6
    assert 'job="payments"' in top.promql and top.summary.startswith(top.metric)
    assert all(row.service == "payments" for row in evidence.anomalies)  # noise flags nothing
    assert evidence.health_matrix[0] == HealthRow(
        service="payments", errors="critical", latency="critical", saturation="ok", traffic="ok",
        overall="critical",
    )
    assert {row.overall for row in evidence.health_matrix[1:]} == {"ok"}
    assert len(evidence.queries) == 3 * 5 and all(q.series == 1 for q in evidence.queries)
    assert evidence.sources_unavailable == [] and evidence.query_errors == []
    assert evidence.window.baseline == TimeWindow(start=T0, end=INCIDENT[0])
    assert evidence.metrics_source == f"Prometheus {prometheus.url}"
    assert "robust z" in evidence.anomaly_method


async def test_slo_burn_is_computed_from_the_error_ratio_over_the_incident_window(prometheus):
    evidence = await gather_evidence(["payments"], INCIDENT, config(prometheus.url))
    slo = evidence.slo
    payments = next(row for row in slo.services if row.service == "payments")
    # payments fails 0.02 % until FAULT and 30 % after: 5 points at ~0.001, 16 at 0.3 in the window
    ratio = payments.error_ratio
    assert 0.2 < ratio < 0.3
    assert payments.burn_rate == pytest.approx(ratio / 0.001, rel=1e-3)
    assert payments.budget_burned == pytest.approx(ratio * 5 / (0.001 * 30 * 24 * 60), rel=1e-3)
    assert payments.status == "at_risk" and slo.status == "at_risk"
    assert slo.services[0].service == "payments"
    assert (
        "payments: error ratio" in slo.detail
        and "30-day error budget burned" in slo.error_budget
    )
    assert {row.status for row in slo.services[1:]} == {"ok"}


async def test_no_slo_configured_says_so():
    evidence = await gather_evidence(["payments"], INCIDENT, EvidenceConfig())
    assert (
        evidence.slo.status == "unknown" and "No SLO configured" in evidence.slo.detail
    )
    assert evidence.sources_unavailable == [
        UnavailableSource(source="prometheus", reason="not configured (no Prometheus URL)")
    ]


async def test_prometheus_down_is_reported_and_the_rest_still_gathered():
    deploys = [Deploy(service="payments", version="v2", at=FAULT - timedelta(minutes=2))]
    started = time.perf_counter()
    evidence = await gather_evidence(
        ["payments"],
        INCIDENT,
        config(f"http://127.0.0.1:{free_port()}", timeout_seconds=1),
        deploys=deploys,
    )
    assert time.perf_counter() - started < 2
    [down] = evidence.sources_unavailable
    assert down.source == "prometheus" and "cannot reach" in down.reason
    assert evidence.anomalies == [] and evidence.queries == []
    assert evidence.health_matrix == [HealthRow(service="payments")]  # all no_data
    assert evidence.slo.status == "unknown"
    assert evidence.deploys == deploys


async def test_prometheus_slow_times_out_once_not_once_per_query(prometheus):
    prometheus.mode, prometheus.delay = "slow", 1.0
    started = time.perf_counter()
    evidence = await gather_evidence(
        ["payments", "checkout"], INCIDENT, config(prometheus.url, timeout_seconds=0.2)
    )
    assert time.perf_counter() - started < 0.8
    assert evidence.sources_unavailable[0].source == "prometheus"
    assert "timeout" in evidence.sources_unavailable[0].reason


async def test_a_refused_query_is_cited_with_its_error_and_the_others_still_count(prometheus):
    prometheus.reject = lambda q: (
        "1:1: parse error: unknown function bogus" if "bogus" in q else None
    )
    evidence = await gather_evidence(
        ["payments"],
        INCIDENT,
        config(prometheus.url, sli_queries={"custom_error_ratio": "bogus($selector)"}),
    )
    assert len(evidence.query_errors) == 3
    assert evidence.query_errors[0].error.startswith("bad_data: 1:1: parse error")
    assert evidence.sources_unavailable == []
    assert evidence.anomalies[0].service == "payments"


async def test_alertmanager_down_does_not_stop_the_metrics(prometheus):
    evidence = await gather_evidence(
        ["payments"],
        INCIDENT,
        config(prometheus.url, alertmanager_url=f"http://127.0.0.1:{free_port()}"),
    )
    assert [u.source for u in evidence.sources_unavailable] == ["alertmanager"]
    assert evidence.anomalies[0].service == "payments"


def test_sli_templates_fill_the_service_selector_and_per_service_overrides_win():
    cfg = EvidenceConfig(
        service_label="app",
        rate_window="2m",
        sli_queries={"cpu_saturation": "", "queue_depth": "max(queue_depth{$selector})"},
        service_queries={
            "payments": {"http_error_ratio": 'sum(rate(errors_total{$label="$service"}[$rate]))'}
        },
    )
    checkout = cfg.queries_for("checkout")
    assert "cpu_saturation" not in checkout
    assert checkout["queue_depth"] == 'max(queue_depth{app="checkout"})'
    assert 'http_requests_total{app="checkout",code=~"5.."}[2m]' in checkout["http_error_ratio"]
    assert (
        cfg.queries_for("payments")["http_error_ratio"]
        == 'sum(rate(errors_total{app="payments"}[2m]))'
    )
    assert cfg.queries_for('we"ird')["queue_depth"] == 'max(queue_depth{app="we\\"ird"})'
    with pytest.raises(ValueError, match="unknown placeholder"):
        EvidenceConfig(sli_queries={"x": "rate(y{$nope}[$rate])"}).queries_for("a")


async def test_the_offline_observe_step_names_the_degraded_service_from_this_evidence(prometheus):
    evidence = await gather_evidence(["payments"], INCIDENT, config(prometheus.url))
    assert read_signals(evidence).top_services(1) == ["payments"]
    context = IncidentContext(
        incident_id="INC-7",
        title="HighErrorRate: payments fails 30% of requests",
        declared_at=FAULT,
        evidence=evidence,
    )
    result = await run_step("observe", context, OfflineBackend())
    out = ObserveOutput.model_validate(result.output)
    assert out.anomalies[0].service == "payments"
    assert {h.service: h.status for h in out.service_health}["payments"] in ("degraded", "down")
    assert not math.isnan(out.anomalies[0].score)
