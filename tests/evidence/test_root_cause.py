"""Root cause across the call graph: inferred edges, the walk, low error rates, no silent caps,
and how the observe and debug steps show the path."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from agents import OfflineBackend, run_step
from agents.context import IncidentContext
from agents.evidence import AnomalyScanRequest, scan_anomalies
from agents.evidence.callgraph import CallGraph, infer_call_graph
from agents.evidence.collect import EvidenceConfig, gather_evidence
from agents.evidence.rootcause import rank_root_causes
from agents.evidence.service_names import component_of
from agents.models import DebugOutput, ObserveOutput
from tests.support.prom_stack import FakePrometheus

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
FAULT = T0 + timedelta(minutes=30)
CHAIN = ("gateway", "api", "db")


def _chain_latency(seed: int, n: int = 40, fault_at: int | None = None) -> dict[str, np.ndarray]:
    """Per-minute latency of gateway -> api -> db plus an unrelated `billing`: each caller's
    latency is its own work plus its callee's, so the chain's latencies move together (the
    database's own jitter is the largest, as a store's usually is)."""
    rng = np.random.default_rng(seed)
    own = {name: 0.004 * (1 + 0.3 * rng.standard_normal(n)) for name in (*CHAIN, "billing")}
    own["db"] = 0.004 * (1 + 0.6 * rng.standard_normal(n))  # the database varies most
    if fault_at is not None:
        own["db"][fault_at:] += 0.120
    db = own["db"]
    api = own["api"] + db
    gateway = own["gateway"] + api
    return {"gateway": gateway, "api": api, "db": db, "billing": own["billing"] + 0.02}


def test_inferred_graph_finds_the_known_chain_and_its_direction():
    graph = infer_call_graph(_chain_latency(seed=3))
    assert ("gateway", "api") in graph.edges
    assert ("api", "db") in graph.edges
    assert not {e for e in graph.edges if "billing" in e}, "billing moves on its own"
    assert ("db", "api") not in graph.edges and ("api", "gateway") not in graph.edges
    assert graph.source == "inferred from metrics"


def test_too_short_series_infer_nothing():
    short = {name: values[:5] for name, values in _chain_latency(seed=4).items()}
    assert not infer_call_graph(short)


def _chain_report(extra: dict[str, dict[str, np.ndarray]] | None = None):
    """A db slowdown that shows far more strongly in its callers (they add their own jitter to a
    larger base), as the issue describes: gateway z >> db z."""
    latency = _chain_latency(seed=5, n=35, fault_at=30)
    ts = (T0 + timedelta(minutes=0)).timestamp() + 60 * np.arange(35)
    series = {
        name: {"server_latency_p99_seconds": list(zip(ts.tolist(), values.tolist(), strict=True))}
        for name, values in latency.items()
    }
    for name, metrics in (extra or {}).items():
        for metric, values in metrics.items():
            series.setdefault(name, {})[metric] = list(zip(ts.tolist(), values.tolist(), strict=True))
    return scan_anomalies(AnomalyScanRequest.around(series, FAULT))


def test_the_walk_blames_the_deepest_anomalous_callee_and_names_the_path():
    report = _chain_report()
    assert report.ranking()[0] == "gateway", "on its own shift the front outscores the cause"
    graph = CallGraph.from_map({"gateway": ["api"], "api": ["db"]})
    ranking = rank_root_causes(report, graph)
    top = ranking.candidates[0]
    assert top.service == "db"
    assert top.path == ["gateway", "api", "db"]
    assert top.explains == ["api"]
    assert ranking.graph_source == "configured map"
    # Without a graph the ranking stays the scan's own.
    alone = rank_root_causes(report, None)
    assert alone.graph_source == "none"
    assert alone.ranking() == report.ranking()


def test_a_callers_own_cpu_anomaly_stays_with_it():
    rng = np.random.default_rng(9)
    cpu = 0.3 + 0.01 * rng.standard_normal(35)
    cpu[30:] = 0.95
    report = _chain_report({"gateway": {"cpu_usage_cores": cpu}})
    ranking = rank_root_causes(report, CallGraph.from_map({"gateway": ["api"], "api": ["db"]}))
    scores = {c.service: c for c in ranking.candidates}
    gateway = next(s for s in report.services if s.service == "gateway")
    cpu_part = max(m.evidence for m in gateway.top_metrics if m.family == "saturation")
    assert scores["gateway"].score >= cpu_part - 1e-9


def test_client_side_series_fold_into_their_component():
    assert component_of("checkout_client") == "checkout"
    assert component_of("checkout-server") == "checkout"
    assert component_of("cartservice-579f59597d-wc2lz") == "cartservice"
    assert component_of("api-gateway") == "api-gateway"


# --- gather_evidence: low error rates, caps, graph sources -----------------------------------


def _quiet_service_then_errors(query: str, *, services: tuple[str, ...], faulty: str, ratio: float):
    if query.startswith("group by") or query.startswith("count by"):
        return [({"job": name}, [(T0.timestamp(), 1.0)]) for name in services]
    if "traces_service_graph" in query:
        return [({"client": "front", "server": faulty}, [(T0.timestamp(), 100.0)])]
    match = re.search(r'job="([^"]+)"', query)
    if match is None:
        return []
    job = match.group(1)
    ts = T0.timestamp() + 60 * np.arange(0, 36)
    if "code=~" in query:
        values = np.zeros(ts.size)
        if job == faulty:
            values[ts >= FAULT.timestamp()] = ratio
    elif "0.9" in query:
        values = 0.05 + 0.002 * np.sin(np.arange(ts.size) + len(job))
    else:
        values = 10 + 0.2 * np.cos(np.arange(ts.size) + len(job))
    return [({"job": job}, list(zip(ts.tolist(), values.tolist(), strict=True)))]


def _config(url: str, **extra) -> EvidenceConfig:
    return EvidenceConfig(prometheus_url=url, baseline_minutes=30, step_seconds=60, **extra)


async def test_a_two_percent_error_rate_on_a_quiet_service_is_flagged_and_ranks_first():
    services = ("catalog", "checkout", "search")
    fake = await FakePrometheus(
        series=lambda q: _quiet_service_then_errors(q, services=services, faulty="checkout",
                                                    ratio=0.015)
    ).start()
    try:
        evidence = await gather_evidence([], (FAULT, FAULT + timedelta(minutes=5)),
                                         _config(fake.url))
    finally:
        await fake.stop()
    errors = [a for a in evidence.anomalies if a.metric == "http_error_ratio"]
    assert errors and errors[0].service == "checkout"
    assert errors[0].score >= 3, "1.5 % errors against a zero baseline clears the alarm floor"
    assert evidence.anomalies[0].service == "checkout"
    assert evidence.root_cause is not None
    assert evidence.root_cause.candidates[0].service == "checkout"


async def test_services_beyond_the_cap_are_named_in_the_evidence_not_dropped_silently():
    services = tuple(f"svc{i:02d}" for i in range(40))
    fake = await FakePrometheus(
        series=lambda q: _quiet_service_then_errors(q, services=services, faulty="svc39",
                                                    ratio=0.2)
    ).start()
    try:
        capped = await gather_evidence(["svc05"], (FAULT, FAULT + timedelta(minutes=5)),
                                       _config(fake.url, max_services=10))
        everything = await gather_evidence([], (FAULT, FAULT + timedelta(minutes=5)),
                                           _config(fake.url))
    finally:
        await fake.stop()
    assert capped.services[0] == "svc05" and len(capped.services) == 10
    assert len(capped.services_left_out) == 1
    note = capped.services_left_out[0]
    assert note.startswith("30 of 40 services not scanned (EVIDENCE_MAX_SERVICES=10)")
    assert "svc39" in note
    # The default cap is generous: all 40 are scanned and the faulty one is found.
    assert len(everything.services) == 40 and not everything.services_left_out
    assert everything.anomalies[0].service == "svc39"


async def test_the_discovery_query_is_a_setting():
    fake = await FakePrometheus(
        series=lambda q: _quiet_service_then_errors(q, services=("only",), faulty="only",
                                                    ratio=0.2)
    ).start()
    try:
        await gather_evidence([], (FAULT, FAULT + timedelta(minutes=5)),
                              _config(fake.url, discovery_query="count by ($label) (my_metric)"))
    finally:
        await fake.stop()
    asked = [q["query"] for path, q in fake.requests if path == "/api/v1/query"]
    assert "count by (job) (my_metric)" in asked


async def test_a_configured_map_is_used_when_no_graph_metrics_exist_and_is_cited():
    services = ("front", "checkout")

    def series(query: str):
        if "traces_service_graph" in query or "istio" in query or "request_total" in query:
            return []
        return _quiet_service_then_errors(query, services=services, faulty="checkout", ratio=0.3)

    fake = await FakePrometheus(series=series).start()
    try:
        evidence = await gather_evidence(
            [], (FAULT, FAULT + timedelta(minutes=5)),
            _config(fake.url, dependency_map={"front": ["checkout"]}))
    finally:
        await fake.stop()
    assert evidence.root_cause is not None
    assert evidence.root_cause.graph_source == "configured map"


# --- what the steps show -----------------------------------------------------------------------


async def test_observe_and_debug_show_the_path_the_queries_and_the_confidence():
    services = ("front", "checkout")

    def series(query: str):
        if query.startswith("group by"):
            return [({"job": n}, [(T0.timestamp(), 1.0)]) for n in services]
        if "traces_service_graph" in query:
            return [({"client": "front", "server": "checkout"}, [(T0.timestamp(), 5.0)])]
        if "istio" in query or query.startswith("sum by (deployment"):
            return []
        # Both fail the same requests: checkout's errors surface in front as well.
        return _quiet_service_then_errors(
            query.replace('job="front"', 'job="checkout"'), services=services,
            faulty="checkout", ratio=0.3)

    fake = await FakePrometheus(series=series).start()
    try:
        evidence = await gather_evidence([], (FAULT, FAULT + timedelta(minutes=5)),
                                         _config(fake.url))
    finally:
        await fake.stop()
    cause = evidence.root_cause
    assert cause is not None and cause.graph_source == "service-graph metrics"
    assert cause.candidates[0].service == "checkout"
    assert cause.candidates[0].path == ["front", "checkout"]
    assert "front http_error_ratio" in cause.candidates[0].path_text
    assert any(q.metric == "call graph" for q in evidence.queries)

    context = IncidentContext(incident_id="INC-9", title="checkout errors", declared_at=FAULT,
                              evidence=evidence)
    observe = ObserveOutput.model_validate(
        (await run_step("observe", context, OfflineBackend())).output)
    walk = [f for f in observe.findings if f.source.startswith("evidence: root-cause walk")]
    assert walk and "front http_error_ratio" in walk[0].summary
    assert "service-graph metrics" in walk[0].source
    assert walk[0].confidence == cause.confidence
    assert any(f.source.startswith("PromQL: ") for f in observe.findings)

    debug = DebugOutput.model_validate(
        (await run_step("debug", context, OfflineBackend())).output
    )
    assert any("Following the call graph" in w.answer for w in debug.five_whys)
    assert "checkout" in debug.root_cause


@pytest.mark.parametrize("points", [2])
def test_too_little_data_is_said_not_ranked(points):
    ts = FAULT.timestamp() + 60 * np.arange(points)
    series = {"api": {"server_latency_p99_seconds": [(t, 0.1) for t in ts.tolist()]}}
    report = scan_anomalies(AnomalyScanRequest.around(series, FAULT))
    assert report.services[0].score == 0
    assert report.notes and "too little data" in report.notes[0]


def test_confidence_reads_as_words_when_one_service_stands_alone():
    from agents.evidence.collect import _confidence

    level, why = _confidence([{"service": "payments", "score": 5.0}], "inferred from metrics")
    assert level == "medium"
    assert why == "only payments moved beyond its baseline noise; call graph: inferred from metrics"
    level, why = _confidence(
        [{"service": "db", "score": 6.0}, {"service": "api", "score": 2.0}], "service-graph metrics"
    )
    assert level == "high" and "3.0x the next candidate" in why
    assert "inf" not in _confidence([{"service": "a", "score": 1.0}, {"service": "b", "score": 0.0}],
                                    "none")[1]
