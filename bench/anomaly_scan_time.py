"""How long the scan and the root-cause walk take for 200 services at 1-minute resolution over
a 2-hour window (target: under 2 s).

Usage (from the repo root):
    uv run python bench/anomaly_scan_time.py [--services 200] [--minutes 120] [--repeat 5]

Each service has the five default SLIs (error ratio, p95, p99, CPU, request rate), one point a
minute; the last 5 minutes are the incident window and everything before it the baseline. The
services form call chains of four (so the inference has something to find) and one chain's
deepest service slows down. Timed: building the request (validation of every point), the scan,
inferring the call graph from the series, and the walk; the figure is the median of
`--repeat` runs. Exits 0 when the median is under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from agents.evidence.anomaly import scan_anomalies  # noqa: E402
from agents.evidence.callgraph import infer_from_series  # noqa: E402
from agents.evidence.collect import EvidenceConfig  # noqa: E402
from agents.evidence.metric_kinds import kind_of  # noqa: E402
from agents.evidence.models import AnomalyScanRequest, TimeWindow  # noqa: E402
from agents.evidence.rootcause import rank_root_causes  # noqa: E402

TARGET_SECONDS = 2.0
END = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def synthetic(services: int, minutes: int, seed: int = 1) -> dict[str, dict[str, list]]:
    rng = np.random.default_rng(seed)
    ts = (END - timedelta(minutes=minutes)).timestamp() + 60 * np.arange(minutes)
    fault = ts >= (END - timedelta(minutes=5)).timestamp()
    series: dict[str, dict[str, list]] = {}
    downstream = np.zeros(minutes)
    for i in reversed(range(services)):
        name = f"svc{i:03d}"
        if i % 4 == 3:
            downstream = np.zeros(minutes)  # the deepest of a chain of four
        own = 0.005 * (1 + 0.3 * rng.standard_normal(minutes))
        if i == 3:
            own = own + 0.2 * fault
        latency = own + downstream
        downstream = latency
        values = {
            "http_error_ratio": np.abs(0.001 * rng.standard_normal(minutes)),
            "http_latency_p95_seconds": latency,
            "http_latency_p99_seconds": latency * 1.6,
            "cpu_saturation": 0.2 + 0.02 * rng.standard_normal(minutes),
            "http_request_rate": 50 + 2 * rng.standard_normal(minutes),
        }
        series[name] = {m: list(zip(ts.tolist(), v.tolist(), strict=True)) for m, v in values.items()}
    return series


def run_once(series: dict[str, dict[str, list]]) -> tuple[float, list[str]]:
    started = time.perf_counter()
    config = EvidenceConfig()
    request = AnomalyScanRequest(
        series=series,
        baseline=TimeWindow(start=END - timedelta(hours=2), end=END - timedelta(minutes=5)),
        incident=TimeWindow(start=END - timedelta(minutes=5), end=END),
        options=config.scan_options({}),
    )
    report = scan_anomalies(request)
    names = {s.service for s in report.services}
    graph = infer_from_series(
        series, {}, names, request.baseline.start.timestamp(), request.incident.end.timestamp(),
        family=lambda m: (config.scan_options({}).kinds.get(m) or kind_of(m)).family,
    )
    ranking = rank_root_causes(report, graph)
    return time.perf_counter() - started, ranking.ranking()[:3]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=200)
    parser.add_argument("--minutes", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    series = synthetic(args.services, args.minutes)
    timings = []
    top: list[str] = []
    for _ in range(args.repeat):
        seconds, top = run_once(series)
        timings.append(seconds)
    median = statistics.median(timings)
    points = sum(len(p) for m in series.values() for p in m.values())
    print(f"{args.services} services x 5 SLIs x {args.minutes} points ({points} points): "
          f"scan + inferred graph + walk median {median:.2f} s, min {min(timings):.2f} s, "
          f"max {max(timings):.2f} s over {args.repeat} runs; top 3: {', '.join(top)} "
          f"(fault in svc003)")
    met = median < TARGET_SECONDS
    print(f"target under {TARGET_SECONDS:g} s: " + ("met" if met else "NOT met"))
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
