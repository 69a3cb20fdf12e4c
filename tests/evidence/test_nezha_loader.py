"""The Nezha loader and replay on a tiny hand-written dataset in the real file layout."""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from agents.evidence.nezha import (
    ReplayWindows,
    fault_request,
    load_dataset,
    load_day,
    load_faults,
)
from agents.evidence.nezha_replay import replay_faults
from agents.evidence.rca_eval import accuracy

DAY = "2022-08-22"
START = datetime(2022, 8, 22, 3, 0, 19, tzinfo=timezone.utc)
INJECT = START + timedelta(minutes=40, seconds=30)
POD_HEADER = (
    "Time,TimeStamp,PodName,CpuUsage(m),CpuUsageRate(%),MemoryUsage(Mi),MemoryUsageRate(%),"
    "SyscallRead,SyscallWrite,NetworkReceiveBytes,NetworkTransmitBytes,PodClientLatencyP90(s),"
    "PodServerLatencyP90(s),PodClientLatencyP95(s),PodServerLatencyP95(s),"
    "PodClientLatencyP99(s),PodServerLatencyP99(s),PodWorkload(Ops),PodSuccessRate(%),"
    "NodeCpuUsageRate(%),NodeMemoryUsageRate(%),NodeNetworkReceiveBytes"
)


def _time_text(t: datetime) -> str:
    return f"{t:%Y-%m-%d %H:%M:%S}.123456789 +0000 UTC m=+0.1"


def _pod_csv(path: Path, pod: str, cpu_after: float, bad_timestamp: bool = False) -> None:
    lines = [POD_HEADER]
    for i in range(50):
        t = START + timedelta(minutes=i)
        stamp = int(t.timestamp()) + (200_000_000 if bad_timestamp else 0)
        cpu = cpu_after if t > INJECT + timedelta(minutes=1) else 10.0 + (i % 3)
        latency = "" if i == 7 else "0.005"
        lines.append(
            f"{_time_text(t)},{stamp},{pod},{cpu},{cpu / 2},30,20,500,480,6000,50000,"
            f"{latency},0.005,0.005,0.006,0.006,0.008,9.0,0,50,40,400000"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _edge_csv(path: Path) -> None:
    lines = ["time,timestamp,frontend_cartservice,frontend_adservice"]
    for i in range(50):
        t = START + timedelta(minutes=i)
        slow = 0.25 if t > INJECT + timedelta(minutes=1) else 0.005
        lines.append(f"{_time_text(t)},{int(t.timestamp())},{slow},{0.005 + (i % 2) * 0.001}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    day = tmp_path / DAY
    (day / "metric").mkdir(parents=True)
    faults = {
        "03": [
            {
                "inject_time": f"{INJECT:%Y-%m-%d %H:%M:%S}",
                "inject_timestamp": "1",  # wrong on purpose: inject_time is the trusted field
                "inject_pod": "cartservice-579f59597d-wc2lz",
                "inject_type": "cpu_contention",
            }
        ]
    }
    (day / f"{DAY}-fault_list.json").write_text(json.dumps(faults), encoding="utf-8")
    _pod_csv(day / "metric" / "cartservice-579f59597d-wc2lz_metric.csv", "cart", 95.0)
    _pod_csv(day / "metric" / "adservice-5f6585d649-fnmft_metric.csv", "ad", 11.0, True)
    _edge_csv(day / "metric" / "source_50.csv")
    (day / "metric" / "dependency.csv").write_text("Source,Target,Weight\n", encoding="utf-8")
    return tmp_path


def test_load_faults_trusts_inject_time(dataset: Path):
    (fault,) = load_faults(dataset / DAY)
    assert fault.inject_time == INJECT.replace(microsecond=0)
    assert fault.service == "cartservice"
    assert fault.system == "OnlineBoutique"
    assert fault.inject_type == "cpu_contention"


def test_load_day_reads_pods_and_edges(dataset: Path):
    day = load_day(dataset / DAY)
    assert set(day.sources) == {
        "cartservice-579f59597d-wc2lz",
        "adservice-5f6585d649-fnmft",
        "cartservice",
        "adservice",
    }
    cart = day.sources["cartservice-579f59597d-wc2lz"]
    assert "cpu_usage_percent" in cart.metrics and "success_rate_percent" in cart.metrics
    assert not any(m.startswith("node") for m in cart.metrics)
    assert math.isnan(cart.values[7, cart.metrics.index("client_latency_p90_seconds")])
    # the corrupt TimeStamp column is ignored; the Time text is used
    assert day.sources["adservice-5f6585d649-fnmft"].ts[0] == START.timestamp()
    assert day.sources["adservice"].metrics == ['inbound_latency_p50_seconds{caller="frontend"}']


def test_fault_request_windows_do_not_peek(dataset: Path):
    days, faults = load_dataset(dataset)
    request = fault_request(days[DAY], faults[0], ReplayWindows(incident_minutes=5))
    latest = max(
        t for metrics in request.series.values() for pts in metrics.values() for t, _ in pts
    )
    assert latest < (faults[0].inject_time + timedelta(minutes=5)).timestamp()
    assert request.baseline.end == request.incident.start == faults[0].inject_time


def test_replay_ranks_the_injected_service(dataset: Path):
    days, faults = load_dataset(dataset)
    (result,) = replay_faults(days, faults)
    assert result.root_cause == "cartservice" and result.rank == 1
    assert result.candidates == 2
    assert accuracy([result]).ac1 == 1.0
