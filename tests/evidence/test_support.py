"""Tests of the scan's helpers: pod names, metric kinds, robust statistics, AC@k."""

from __future__ import annotations

import numpy as np
import pytest

from agents.evidence.metric_kinds import kind_of
from agents.evidence.rca_eval import RankedFault, ac_at, accuracy, accuracy_by, avg_at, rank_of
from agents.evidence.robust import cusum_start, median, robust_scale, top_mean
from agents.evidence.service_names import service_of


@pytest.mark.parametrize(
    ("pod", "service"),
    [
        ("cartservice-579f59597d-wc2lz", "cartservice"),
        ("ts-travel2-service-5c66d57d58-6mp2b", "ts-travel2-service"),
        ("ts-station-food-service-dc4d75dd-fw6ft", "ts-station-food-service"),
        ("redis-cart-0", "redis-cart"),
        ("cartservice", "cartservice"),
        ("my-redis-cache", "my-redis-cache"),
        ("api-v2", "api-v2"),
    ],
)
def test_service_of(pod, service):
    assert service_of(pod) == service


@pytest.mark.parametrize(
    ("metric", "family", "bad", "weight"),
    [
        ("success_rate_percent", "errors", "down", 1.0),
        ("http_5xx_per_second", "errors", "up", 1.0),
        ("server_latency_p99_seconds", "latency", "up", 1.0),
        ('inbound_latency_p50_seconds{caller="frontend"}', "latency", "up", 1.0),
        ("client_latency_p99_seconds", "latency", "up", 0.5),
        ("cpu_usage_percent", "saturation", "up", 1.0),
        ("memory_usage_mib", "saturation", "up", 1.0),
        ("workload_ops", "traffic", "both", 0.5),
        ("network_receive_bytes", "traffic", "both", 0.5),
        ("frobnication_level", "other", "both", 1.0),
    ],
)
def test_kind_of(metric, family, bad, weight):
    kind = kind_of(metric)
    assert (kind.family, kind.bad_direction, kind.weight) == (family, bad, weight)


def test_median_matches_numpy():
    rng = np.random.default_rng(0)
    for n in (1, 2, 5, 30, 31):
        values = rng.normal(size=n)
        assert median(values) == pytest.approx(float(np.median(values)))


def test_robust_scale_is_the_scaled_mad_with_floors():
    rng = np.random.default_rng(1)
    gaussian = rng.normal(0, 2.0, 2000)
    assert robust_scale(gaussian, 0.0, 0.0) == pytest.approx(2.0, rel=0.1)
    assert robust_scale(np.full(30, 50.0), 0.05, 0.0) == pytest.approx(2.5)
    assert robust_scale(np.zeros(30), 0.05, 0.001) == pytest.approx(0.001)
    assert robust_scale(np.zeros(30), 0.0, 0.0) > 0
    mostly_flat = np.zeros(30)
    mostly_flat[:3] = 1.0  # MAD is 0: the mean absolute deviation takes over
    assert robust_scale(mostly_flat, 0.0, 0.0) == pytest.approx(1.2533 * 0.1)


def test_top_mean():
    assert top_mean(np.array([1.0, 9.0, 3.0, 7.0]), 2) == 8.0
    assert top_mean(np.array([4.0]), 3) == 4.0
    assert top_mean(np.array([]), 2) == 0.0


def test_cusum_dates_a_step_and_ignores_an_old_blip():
    z = np.zeros(40)
    z[5] = 500.0  # a wild blip long before
    z[30:] = 20.0
    assert cusum_start(z, 35, slack=3.0) == 30
    assert cusum_start(z, 5, slack=3.0) == 5


def test_rank_and_accuracy():
    assert rank_of("b", ["a", "b", "c"]) == 2
    assert rank_of("z", ["a"]) is None
    ranks = [1, 2, 4, None]
    assert ac_at(ranks, 1) == 0.25
    assert ac_at(ranks, 3) == 0.5
    assert avg_at(ranks, 5) == pytest.approx((0.25 + 0.5 + 0.5 + 0.75 + 0.75) / 5)
    assert ac_at([], 1) == 0.0
    faults = [
        RankedFault(fault_id=str(i), group={"type": t}, root_cause="x", rank=r, top=[])
        for i, (t, r) in enumerate([("cpu", 1), ("cpu", 3), ("net", None)])
    ]
    assert accuracy(faults).ac3 == pytest.approx(2 / 3)
    by_type = accuracy_by(faults, "type")
    assert list(by_type) == ["cpu", "net"]
    assert by_type["cpu"].ac1 == 0.5 and by_type["net"].ac3 == 0.0
