"""Load the Nezha fault-injection metrics (IntelligentDDS/Nezha, FSE 2023) for replay.

A dataset directory holds one folder per day, each with `<day>-fault_list.json` and `metric/`:
`<pod>_metric.csv` (one row a minute per pod) and, for OnlineBoutique, `source_50.csv` (p50
latency of each caller->callee edge as the caller sees it). The loader reads them with the
csv module and numpy, once per day.

Data quirks handled here, not in the scan:
- timestamps come from the `Time` text (UTC); the `TimeStamp` column is corrupt in places
  (2022-08-22 adservice is off by about 6 years);
- fault times come from `inject_time` (UTC, matching the metric clock); `inject_timestamp`
  is 8 h off for most of 2023-01-29 and a minute off for a few others;
- node-level columns (Node*) are shared by every pod on a node and are left out, and
  `PodSuccessRate(%)` is 0 throughout the data, so it carries no signal (kept; flat series
  score 0).
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from agents.evidence.callgraph import CallGraph
from agents.evidence.models import AnomalyScanRequest, Point, ScanOptions, TimeWindow
from agents.evidence.service_names import service_of

System = Literal["OnlineBoutique", "TrainTicket"]

COLUMNS: dict[str, str] = {
    "CpuUsage(m)": "cpu_usage_millicores",
    "CpuUsageRate(%)": "cpu_usage_percent",
    "MemoryUsage(Mi)": "memory_usage_mib",
    "MemoryUsageRate(%)": "memory_usage_percent",
    "SyscallRead": "syscall_read_per_minute",
    "SyscallWrite": "syscall_write_per_minute",
    "NetworkReceiveBytes": "network_receive_bytes",
    "NetworkTransmitBytes": "network_transmit_bytes",
    "PodClientLatencyP90(s)": "client_latency_p90_seconds",
    "PodServerLatencyP90(s)": "server_latency_p90_seconds",
    "PodClientLatencyP95(s)": "client_latency_p95_seconds",
    "PodServerLatencyP95(s)": "server_latency_p95_seconds",
    "PodClientLatencyP99(s)": "client_latency_p99_seconds",
    "PodServerLatencyP99(s)": "server_latency_p99_seconds",
    "PodWorkload(Ops)": "workload_ops",
    "PodSuccessRate(%)": "success_rate_percent",
}
EDGE_FILE = "source_50.csv"
FRONT_FILE = "front_service.csv"
DEPENDENCY_FILE = "dependency.csv"
FRONT_COLUMNS: dict[str, str] = {
    "SuccessRate(%)": "entry_success_rate_percent",
    "LatencyP50(s)": "entry_latency_p50_seconds",
    "LatencyP90(s)": "entry_latency_p90_seconds",
    "LatencyP99(s)": "entry_latency_p99_seconds",
}
# The service whose users' view front_service.csv records, per system.
ENTRY_SERVICE = {"OnlineBoutique": "frontend", "TrainTicket": "ts-ui-dashboard"}


class NezhaFault(BaseModel):
    """One injected fault: when, where (the root-cause pod and its service) and what kind."""

    model_config = ConfigDict(frozen=True)

    day: str
    system: System
    inject_time: datetime
    inject_pod: str
    inject_type: str

    @property
    def service(self) -> str:
        return service_of(self.inject_pod)


class SeriesTable:
    """Per-minute samples of several metrics of one source: `ts` (unix s) and `values[:, j]`."""

    def __init__(self, ts: np.ndarray, metrics: list[str], values: np.ndarray) -> None:
        order = np.argsort(ts, kind="stable")
        self.ts = ts[order]
        self.metrics = metrics
        self.values = values[order]

    def window(self, start: float, end: float) -> dict[str, list[Point]]:
        """The samples in [start, end) as metric -> [(ts, value)], NaNs included."""
        lo, hi = np.searchsorted(self.ts, [start, end], side="left")
        ts = self.ts[lo:hi].tolist()
        columns = self.values[lo:hi].T.tolist()
        return {m: list(zip(ts, columns[j])) for j, m in enumerate(self.metrics)}


class NezhaDay:
    """One day's metrics: series tables keyed by source (pod names, plus callee services), and
    the day's `dependency.csv` as a call graph when the day has one (OnlineBoutique only)."""

    def __init__(
        self,
        day: str,
        system: System,
        sources: dict[str, SeriesTable],
        dependencies: CallGraph | None = None,
    ) -> None:
        self.day = day
        self.system = system
        self.sources = sources
        self.dependencies = dependencies

    def series(self, start: float, end: float) -> dict[str, dict[str, list[Point]]]:
        """Every source's samples in [start, end)."""
        return {name: table.window(start, end) for name, table in self.sources.items()}


class ReplayWindows(BaseModel):
    """How a fault is replayed: baseline before the injection, incident window after it."""

    model_config = ConfigDict(frozen=True)

    baseline_minutes: float = 30
    incident_minutes: float = 5

    def around(self, t: datetime) -> tuple[TimeWindow, TimeWindow]:
        baseline = TimeWindow(start=t - timedelta(minutes=self.baseline_minutes), end=t)
        incident = TimeWindow(start=t, end=t + timedelta(minutes=self.incident_minutes))
        return baseline, incident


def system_of(pods: list[str]) -> System:
    """TrainTicket pods are all named `ts-...`; everything else here is OnlineBoutique."""
    return "TrainTicket" if any(p.startswith("ts-") for p in pods) else "OnlineBoutique"


def load_faults(day_dir: Path) -> list[NezhaFault]:
    """The day's fault list, in injection order."""
    day = day_dir.name
    raw = json.loads((day_dir / f"{day}-fault_list.json").read_text(encoding="utf-8"))
    entries = [entry for hour in sorted(raw) for entry in raw[hour]]
    system = system_of([e["inject_pod"] for e in entries])
    faults = [
        NezhaFault(
            day=day,
            system=system,
            inject_time=_parse_time(e["inject_time"]),
            inject_pod=e["inject_pod"],
            inject_type=e["inject_type"],
        )
        for e in entries
    ]
    return sorted(faults, key=lambda f: f.inject_time)


def load_day(day_dir: Path) -> NezhaDay:
    """Read a day's pod metric files and caller->callee edge latencies."""
    metric_dir = day_dir / "metric"
    sources: dict[str, SeriesTable] = {}
    for path in sorted(metric_dir.glob("*_metric.csv")):
        sources[path.name.removesuffix("_metric.csv")] = _read_pod_csv(path)
    edge_path = metric_dir / EDGE_FILE
    if edge_path.exists():
        sources.update(_read_edge_csv(edge_path))
    system = system_of(list(sources))
    front_path = metric_dir / FRONT_FILE
    if front_path.exists():
        sources[ENTRY_SERVICE[system]] = _read_front_csv(front_path)
    dependency_path = metric_dir / DEPENDENCY_FILE
    graph = None
    if dependency_path.exists():
        graph = _read_dependencies(dependency_path, {service_of(name) for name in sources})
    return NezhaDay(day_dir.name, system, sources, graph)


def load_dataset(root: Path) -> tuple[dict[str, NezhaDay], list[NezhaFault]]:
    """Every day under `root` and all their faults, in day and injection order."""
    days: dict[str, NezhaDay] = {}
    faults: list[NezhaFault] = []
    for day_dir in sorted(p for p in root.iterdir() if (p / "metric").is_dir()):
        days[day_dir.name] = load_day(day_dir)
        faults.extend(load_faults(day_dir))
    return days, faults


def fault_request(
    day: NezhaDay,
    fault: NezhaFault,
    windows: ReplayWindows | None = None,
    options: ScanOptions | None = None,
) -> AnomalyScanRequest:
    """The scan request a responder could build a few minutes after this fault's alert."""
    baseline, incident = (windows or ReplayWindows()).around(fault.inject_time)
    return AnomalyScanRequest(
        series=day.series(baseline.start.timestamp(), incident.end.timestamp()),
        baseline=baseline,
        incident=incident,
        options=options or ScanOptions(),
    )


def _parse_time(text: str) -> datetime:
    return datetime.strptime(text[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)


def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [row for row in reader if row]


def _times(rows: list[list[str]]) -> np.ndarray:
    stamps = np.array([row[0][:19] for row in rows], dtype="datetime64[s]")
    return stamps.astype(np.int64).astype(float)


def _floats(cells: list[list[str]]) -> np.ndarray:
    text = np.array(cells, dtype=str)
    text[text == ""] = "nan"
    return text.astype(float)


def _read_pod_csv(path: Path) -> SeriesTable:
    header, rows = _read_rows(path)
    wanted = [(i, COLUMNS[h]) for i, h in enumerate(header) if h in COLUMNS]
    values = _floats([[row[i] for i, _ in wanted] for row in rows])
    return SeriesTable(_times(rows), [name for _, name in wanted], values)


def _read_dependencies(path: Path, services: set[str]) -> CallGraph:
    """`Source,Target,Weight` rows between known services (rows to bare IPs are dropped)."""
    _, rows = _read_rows(path)
    pairs = [(row[0], row[1]) for row in rows if row[0] in services and row[1] in services]
    return CallGraph.from_pairs(pairs, "configured map (dependency.csv)")


def _read_front_csv(path: Path) -> SeriesTable:
    """The users' view at the entry service: success rate and latency quantiles."""
    header, rows = _read_rows(path)
    wanted = [(i, FRONT_COLUMNS[h]) for i, h in enumerate(header) if h in FRONT_COLUMNS]
    values = _floats([[row[i] for i, _ in wanted] for row in rows])
    return SeriesTable(_times(rows), [name for _, name in wanted], values)


def _read_edge_csv(path: Path) -> dict[str, SeriesTable]:
    """Edge columns `caller_callee` become the callee's `inbound_latency_p50_seconds{caller=..}`."""
    header, rows = _read_rows(path)
    ts = _times(rows)
    values = _floats([row[2:] for row in rows])
    by_callee: dict[str, list[tuple[str, int]]] = {}
    for j, edge in enumerate(header[2:]):
        caller, _, callee = edge.partition("_")
        metric = f'inbound_latency_p50_seconds{{caller="{caller}"}}'
        by_callee.setdefault(callee, []).append((metric, j))
    return {
        callee: SeriesTable(ts, [name for name, _ in cols], values[:, [j for _, j in cols]])
        for callee, cols in by_callee.items()
    }
