"""Unit tests of the metric anomaly scan on synthetic series."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from agents.evidence import AnomalyScanRequest, ScanOptions, scan_anomalies
from agents.evidence.models import TimeWindow

T0 = datetime(2024, 5, 1, 10, 40, tzinfo=timezone.utc)
MIN = 60.0
OPTS = ScanOptions()


def minutes(start: int, stop: int) -> np.ndarray:
    """Unix timestamps of whole minutes from T0+start to T0+stop (exclusive)."""
    return T0.timestamp() + MIN * np.arange(start, stop)


def series(values: np.ndarray, start: int = -30) -> list[tuple[float, float]]:
    ts = minutes(start, start + len(values))
    return list(zip(ts.tolist(), np.asarray(values, dtype=float).tolist()))


def noise(seed: int, n: int = 35, centre: float = 10.0, sd: float = 1.0) -> np.ndarray:
    return np.random.default_rng(seed).normal(centre, sd, n)


def scan(data: dict[str, dict[str, list[tuple[float, float]]]], **opts) -> object:
    return scan_anomalies(AnomalyScanRequest.around(data, T0, options=ScanOptions(**opts)))


def service(report, name):
    return next(s for s in report.services if s.service == name)


def test_step_change_is_detected_with_its_start_time_and_a_citable_summary():
    latency = noise(1, centre=0.012, sd=0.0015)
    latency[32:] = 0.48  # minutes +2..+4
    report = scan({"cartservice-7f9c8d-bcdfg": {"server_latency_p99_seconds": series(latency)}})

    top = report.services[0]
    assert top.service == "cartservice"
    m = top.top_metrics[0]
    assert m.metric == "server_latency_p99_seconds"
    assert m.source == "cartservice-7f9c8d-bcdfg"
    assert m.direction == "up"
    assert m.baseline_median == pytest.approx(0.012, rel=0.1)
    assert m.incident_value == pytest.approx(0.48)
    assert m.score > 100
    assert m.change_start == T0 + timedelta(minutes=2)
    assert top.health.latency == "critical"
    assert top.health.errors == "no_data"
    assert "rose from 12" in m.summary and "480 ms" in m.summary
    assert "10:42:00Z" in m.summary and "robust z" in m.summary


def test_single_spike_alarms_and_is_dated_at_the_spike():
    cpu = noise(2, centre=40.0, sd=2.0)
    cpu[31] = 400.0
    report = scan({"api": {"cpu_usage_percent": series(cpu)}})
    m = report.services[0].top_metrics[0]
    assert m.score >= OPTS.alarm_z
    assert m.peak_at == T0 + timedelta(minutes=1)
    assert m.change_start == T0 + timedelta(minutes=1)
    assert report.services[0].health.saturation == "critical"


def test_slow_drift_is_flagged_and_dated_inside_the_ramp():
    mem = noise(3, centre=500.0, sd=5.0)
    ramp_start = 20  # index -> minute -10
    mem[ramp_start:] += 5.0 * np.arange(mem.size - ramp_start)  # +1 sd per minute
    report = scan({"api": {"memory_usage_mib": series(mem)}}, rel_floor=0.0)
    m = report.services[0].top_metrics[0]
    assert m.score >= OPTS.alarm_z
    assert m.change_start is not None
    assert T0 - timedelta(minutes=10) <= m.change_start < m.peak_at


def test_noise_only_raises_no_alarm():
    data = {
        f"svc{i}": {
            "cpu_usage_percent": series(noise(10 + i, centre=40, sd=3)),
            "server_latency_p99_seconds": series(noise(100 + i, centre=0.2, sd=0.02)),
            "success_rate_percent": series(noise(200 + i, centre=99, sd=0.3)),
            "requests_per_second": series(noise(300 + i, centre=120, sd=8)),
        }
        for i in range(20)
    }
    report = scan(data)
    worst = max(m.score for s in report.services for m in s.top_metrics)
    assert worst < OPTS.alarm_z
    assert all(m.change_start is None for s in report.services for m in s.top_metrics)
    assert not any("critical" in s.health.model_dump().values() for s in report.services)


def test_flat_baseline_does_not_explode():
    flat = np.full(35, 100.0)
    flat[30:] = 100.5  # a 0.5 % wiggle after a perfectly flat baseline
    zero = np.zeros(35)
    report = scan({"api": {"cpu_usage_millicores": series(flat), "workload_ops": series(zero)}})
    for m in report.services[0].top_metrics:
        assert math.isfinite(m.score) and math.isfinite(m.robust_z)
        assert m.score < OPTS.degraded_z
    assert report.services[0].score == 0.0


def test_flat_zero_baseline_then_errors_is_critical_and_finite():
    errors = np.zeros(35)
    errors[31:] = 5.0
    report = scan({"api": {"http_errors_per_second": series(errors)}})
    m = report.services[0].top_metrics[0]
    assert math.isfinite(m.score) and m.score >= OPTS.alarm_z
    assert report.services[0].health.errors == "critical"


def test_missing_points_and_nans_are_skipped():
    latency = noise(4, centre=0.05, sd=0.005)
    latency[[3, 7, 8, 15]] = np.nan
    latency[33] = 0.9
    points = series(latency)
    del points[20:24]  # a scrape gap
    # Prometheus sends values as text
    points = [(t, "NaN") if i == 5 else (t, v) for i, (t, v) in enumerate(points)]
    report = scan({"api": {"server_latency_p90_seconds": points}})
    m = report.services[0].top_metrics[0]
    assert m.score >= OPTS.alarm_z and math.isfinite(m.baseline_median)
    assert m.peak_at == T0 + timedelta(minutes=3)


def test_too_little_baseline_means_no_data_not_a_guess():
    short = series(noise(5, n=8), start=-3)  # 3 baseline points, 5 incident points
    report = scan({"api": {"cpu_usage_percent": short}})
    assert report.services[0].top_metrics == []
    assert report.services[0].health.saturation == "no_data"
    assert report.services[0].score == 0.0


def test_one_faulty_service_among_many_ranks_first():
    data = {
        f"svc{i:02d}-5f6585d649-fnmft": {
            "cpu_usage_percent": series(noise(i, centre=30, sd=3)),
            "server_latency_p95_seconds": series(noise(50 + i, centre=0.1, sd=0.01)),
        }
        for i in range(30)
    }
    cpu = noise(999, centre=30, sd=3)
    cpu[31:] = 95.0
    data["svc17-5f6585d649-fnmft"]["cpu_usage_percent"] = series(cpu)
    report = scan(data)
    assert report.ranking()[0] == "svc17"
    assert report.services[0].health.saturation == "critical"
    assert all(m.score < OPTS.alarm_z for s in report.services[1:] for m in s.top_metrics)


def test_direction_knowledge():
    drop = noise(6, centre=99.5, sd=0.2)
    drop[31:] = 80.0
    rise = noise(7, centre=99.0, sd=0.2)
    rise[31:] = 99.99
    cpu_drop = noise(8, centre=60.0, sd=2.0)
    cpu_drop[31:] = 5.0
    report = scan(
        {
            "payments": {"success_rate_percent": series(drop)},
            "search": {"success_rate_percent": series(rise), "cpu_usage_percent": series(cpu_drop)},
        }
    )
    payments, search = service(report, "payments"), service(report, "search")
    assert report.ranking()[0] == "payments"
    m = payments.top_metrics[0]
    assert m.direction == "down" and m.score >= OPTS.alarm_z and "fell from" in m.summary
    assert payments.health.errors == "critical"
    assert all(m.score == 0.0 for m in search.top_metrics)  # better success, idle CPU
    assert search.health.errors == "ok" and search.health.saturation == "ok"


def test_traffic_is_suspicious_both_ways():
    up = noise(9, centre=100, sd=5)
    up[31:] = 400
    down = noise(10, centre=100, sd=5)
    down[31:] = 5
    report = scan(
        {"a": {"requests_per_second": series(up)}, "b": {"requests_per_second": series(down)}}
    )
    assert {s.service: s.health.traffic for s in report.services} == {
        "a": "critical",
        "b": "critical",
    }


def test_pods_fold_into_their_service():
    cpu = noise(11, centre=20, sd=1)
    cpu[31:] = 90
    report = scan(
        {
            "cartservice-579f59597d-wc2lz": {"cpu_usage_percent": series(cpu)},
            "cartservice-579f59597d-k8vqf": {"cpu_usage_percent": series(noise(12, centre=20))},
            "redis-cart-0": {"cpu_usage_percent": series(noise(13, centre=5))},
        }
    )
    assert sorted(report.ranking()) == ["cartservice", "redis-cart"]
    cart = service(report, "cartservice")
    assert {m.source for m in cart.top_metrics} == {
        "cartservice-579f59597d-wc2lz",
        "cartservice-579f59597d-k8vqf",
    }
    assert cart.top_metrics[0].source == "cartservice-579f59597d-wc2lz"


def test_two_families_outrank_one_huge_z():
    cpu = noise(14, centre=20, sd=1)
    cpu[31:] = 90
    lat = noise(15, centre=0.1, sd=0.01)
    lat[31:] = 0.5
    noisy = noise(16, centre=0.005, sd=0.0001)
    noisy[31:] = 2.0  # z ~ 2000 on one metric only
    report = scan(
        {
            "root": {"cpu_usage_percent": series(cpu), "server_latency_p99_seconds": series(lat)},
            "victim": {"server_latency_p99_seconds": series(noisy)},
        }
    )
    assert report.ranking() == ["root", "victim"]


def test_each_anomalous_family_leads_the_reported_metrics():
    cpu = noise(19, centre=20, sd=1)
    cpu[31:] = 40  # z ~ 20
    data = {"cpu_usage_percent": series(cpu)}
    for i, q in enumerate(("p90", "p95", "p99")):
        lat = noise(20 + i, centre=0.1, sd=0.01)
        lat[31:] = 5.0  # z ~ 500, far above the CPU's
        data[f"server_latency_{q}_seconds"] = series(lat)
    top = scan({"api": data}).services[0]
    assert [m.family for m in top.top_metrics[:2]] == ["latency", "saturation"]
    assert len(top.top_metrics) == 4


def test_overrides_for_kinds_and_services():
    queue = noise(17, centre=50, sd=2)
    queue[31:] = 10
    report = scan(
        {"worker-a": {"queue_headroom": series(queue)}},
        kinds={"queue_headroom": {"family": "saturation", "bad_direction": "down"}},
        services={"worker-a": "workers"},
    )
    top = report.services[0]
    assert top.service == "workers" and top.health.saturation == "critical"


def test_explicit_windows_and_validation():
    request = AnomalyScanRequest(
        series={"api": {"cpu_usage_percent": series(noise(18))}},
        baseline=TimeWindow(start=T0 - timedelta(minutes=30), end=T0),
        incident=TimeWindow(start=T0.replace(tzinfo=None), end=T0.timestamp() + 300),
    )
    assert request.incident.start == T0
    assert "median" in scan_anomalies(request).method
    with pytest.raises(ValidationError):
        TimeWindow(start=T0, end=T0)
    with pytest.raises(ValidationError):
        AnomalyScanRequest(
            series={},
            baseline=TimeWindow(start=T0, end=T0 + timedelta(minutes=5)),
            incident=TimeWindow(start=T0 - timedelta(minutes=5), end=T0),
        )


finite_or_not = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=32),
    st.floats(min_value=-1e9, max_value=1e9),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(finite_or_not, min_size=0, max_size=40),
    metric=st.sampled_from(
        [
            "cpu_usage_percent",
            "success_rate_percent",
            "server_latency_p99_seconds",
            "workload_ops",
            "x",
        ]
    ),
)
def test_scores_are_always_finite(values, metric):
    report = scan({"api": {metric: series(np.array(values, dtype=float))}})
    for s in report.services:
        assert math.isfinite(s.score) and s.score >= 0
        for m in s.top_metrics:
            assert all(
                math.isfinite(v)
                for v in (m.score, m.evidence, m.robust_z, m.baseline_median, m.incident_value)
            )


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), order=st.permutations(list(range(6))))
def test_ranking_is_stable_under_permutation_of_services(seed, order):
    rng = np.random.default_rng(seed)
    data = {}
    for i in range(6):
        values = rng.normal(10, 1, 35)
        values[30 + i % 5 :] += rng.choice([0.0, 5.0, 50.0])
        data[f"svc{i}"] = {
            "cpu_usage_percent": series(values),
            "workload_ops": series(rng.normal(5, 1, 35)),
        }
    shuffled = {f"svc{i}": data[f"svc{i}"] for i in order}
    assert scan(data).ranking() == scan(shuffled).ranking()
    assert [s.score for s in scan(data).services] == [s.score for s in scan(shuffled).services]
