"""The Prometheus and Alertmanager clients against a scripted stand-in: answers and failures."""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime

import pytest

from agents.evidence.alertmanager import AlertmanagerClient
from agents.evidence.prometheus import PrometheusClient, QueryRejected, SourceUnavailable
from drill.demo.stack import free_port
from tests.support.prom_stack import FakePrometheus

T0 = 1_764_000_000.0


@pytest.fixture
async def fake():
    prometheus = await FakePrometheus(
        series=lambda q: [
            ({"job": "payments"}, [(T0 + i, 0.5 if i < 3 else math.nan) for i in range(5)])
        ]
    ).start()
    yield prometheus
    await prometheus.stop()


async def test_range_query_sends_the_window_and_parses_values_including_nan(fake):
    async with PrometheusClient(fake.url) as client:
        [series] = await client.range("up", datetime.fromtimestamp(T0, UTC), T0 + 4, 1)
    assert series.labels == {"job": "payments"}
    assert series.points[:3] == [(T0, 0.5), (T0 + 1, 0.5), (T0 + 2, 0.5)]
    assert math.isnan(series.points[3][1])
    path, params = fake.requests[-1]
    assert path == "/api/v1/query_range"
    assert params == {"query": "up", "start": f"{T0:.3f}", "end": f"{T0 + 4:.3f}", "step": "1"}


async def test_instant_query_returns_one_point_per_series(fake):
    async with PrometheusClient(fake.url) as client:
        [series] = await client.instant("up", T0 + 10)
    assert series.points[0][0] == T0 + 10
    assert fake.requests[-1][1]["time"] == f"{T0 + 10:.3f}"


async def test_prometheus_down_is_source_unavailable():
    async with PrometheusClient(f"http://127.0.0.1:{free_port()}", timeout=1) as client:
        with pytest.raises(SourceUnavailable, match="cannot reach") as caught:
            await client.range("up", T0, T0 + 60, 15)
    assert caught.value.source == "prometheus"


async def test_prometheus_slow_times_out_as_source_unavailable(fake):
    fake.mode, fake.delay = "slow", 1.0
    started = time.perf_counter()
    async with PrometheusClient(fake.url, timeout=0.3) as client:
        with pytest.raises(SourceUnavailable, match=r"within 0.3s \(timeout\)"):
            await client.range("up", T0, T0 + 60, 15)
    assert time.perf_counter() - started < 0.9


@pytest.mark.parametrize(
    "mode, message",
    [
        ("down_503", "HTTP 503 .*too many queries"),
        ("html_502", "HTTP 502 .*without a Prometheus JSON body"),
        ("garbage", "HTTP 200 .*without a Prometheus JSON body"),
    ],
)
async def test_prometheus_errors_are_source_unavailable(fake, mode, message):
    fake.mode = mode
    async with PrometheusClient(fake.url) as client:
        with pytest.raises(SourceUnavailable, match=message):
            await client.instant("up")


async def test_a_query_prometheus_refuses_names_the_query(fake):
    fake.mode = "bad_query"
    async with PrometheusClient(fake.url) as client:
        with pytest.raises(
            QueryRejected, match=r"bad_data: 1:5: parse error.*\(query: sum\(\)"
        ) as caught:
            await client.range("sum(", T0, T0 + 60, 15)
    assert not isinstance(caught.value, SourceUnavailable)


async def test_alertmanager_active_alerts_are_parsed_and_filtered(fake):
    fake.alerts = [
        {
            "labels": {"alertname": "HighErrorRate", "job": "payments", "severity": "critical"},
            "annotations": {"summary": "payments fails 40% of requests"},
            "startsAt": "2026-11-25T12:49:59.866Z",
            "endsAt": "2026-11-25T12:50:06.866Z",
            "updatedAt": "2026-11-25T12:50:02.869Z",
            "fingerprint": "2f1faaf024fda4c8",
            "receivers": [{"name": "incident-commander"}],
            "status": {"inhibitedBy": [], "silencedBy": [], "state": "active"},
            "generatorURL": "http://prometheus/graph",
        }
    ]
    async with AlertmanagerClient(fake.url) as client:
        [alert] = await client.active_alerts({"job": "payments"})
    assert (alert.name, alert.state, alert.fingerprint) == (
        "HighErrorRate",
        "active",
        "2f1faaf024fda4c8",
    )
    assert alert.starts_at == datetime(2026, 11, 25, 12, 49, 59, 866000, tzinfo=UTC)
    params = fake.requests[-1][1]
    assert (
        params["active"] == "true"
        and params["silenced"] == "false"
        and params["filter"] == 'job="payments"'
    )


async def test_alertmanager_down_or_answering_nonsense_is_source_unavailable(fake):
    async with AlertmanagerClient(f"http://127.0.0.1:{free_port()}", timeout=1) as client:
        with pytest.raises(SourceUnavailable, match="cannot reach"):
            await client.active_alerts()
    fake.mode = "garbage"
    async with AlertmanagerClient(fake.url) as client:
        with pytest.raises(SourceUnavailable, match="not a list of alerts"):
            await client.active_alerts()
