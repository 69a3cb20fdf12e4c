"""Replay the 101 Nezha fault injections through the metric anomaly scan and report AC@k.

Usage (from the repo root):
    uv run python bench/anomaly_nezha.py [--data DIR] [--baseline-minutes 30]
                                         [--incident-minutes 5] [--faults] [--ablations]
                                         [--graph none|configured|inferred]

For each fault the scan sees the `--baseline-minutes` before the injection as the baseline
and the `--incident-minutes` after it as the incident window, which is about what a responder
has a few minutes after the alert; nothing later is read. The injected pod's service is the
root cause; AC@k is the share of faults where it ranks in the top k, Avg@5 the mean of
AC@1..AC@5. After the main table (`--graph`, default `configured`), one line per call-graph
source (none, the data set's dependency.csv, inferred from the metrics), each on the tuning
half (days 2022-08-22 and 2023-01-29) and the held-out half (2022-08-23 and 2023-01-30): the
root-cause walk's two settings were chosen on the tuning half only. TrainTicket has no call-graph
source in the data set (no traces, logs, dependency or edge files), so its "configured" figures
are the scan's own. See bench/README-anomaly.md for the numbers and what they mean.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from agents.evidence.metric_kinds import kind_of  # noqa: E402
from agents.evidence.models import ScanOptions  # noqa: E402
from agents.evidence.nezha import NezhaDay, NezhaFault, ReplayWindows, load_dataset  # noqa: E402
from agents.evidence.nezha_replay import replay_faults  # noqa: E402
from agents.evidence.rca_eval import Accuracy, RankedFault, accuracy, accuracy_by  # noqa: E402
from agents.evidence.service_names import service_of  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "datasets" / "nezha"
TUNING_DAYS = ("2022-08-22", "2023-01-29")


def by_graph(days: dict[str, NezhaDay], faults: list[NezhaFault], windows: ReplayWindows) -> str:
    """AC@1/AC@3 per call-graph source, overall and per system, on each half of the days."""
    header = (
        f"{'call graph':<12} {'half':<9} {'faults':>6} {'AC@1':>6} {'AC@3':>6} "
        f"{'OB AC@1':>8} {'OB AC@3':>8} {'TT AC@1':>8} {'TT AC@3':>8}"
    )
    lines = [header]
    for mode in ("none", "configured", "inferred"):
        results = replay_faults(days, faults, windows, graph=mode)
        halves = {
            "tuning": [r for r in results if r.group["day"] in TUNING_DAYS],
            "held-out": [r for r in results if r.group["day"] not in TUNING_DAYS],
            "all": results,
        }
        for half, chosen in halves.items():
            acc = accuracy(chosen)
            systems = accuracy_by(chosen, "system")
            ob, tt = systems["OnlineBoutique"], systems["TrainTicket"]
            lines.append(
                f"{mode:<12} {half:<9} {acc.faults:>6} {acc.ac1:>6.3f} {acc.ac3:>6.3f} "
                f"{ob.ac1:>8.3f} {ob.ac3:>8.3f} {tt.ac1:>8.3f} {tt.ac3:>8.3f}"
            )
    return "\n".join(lines)


def table(results: list[RankedFault]) -> str:
    """Overall, per-system and per-fault-type accuracy as a fixed-width table."""
    rows: list[tuple[str, Accuracy]] = [("all", accuracy(results))]
    for key in ("system", "type", "system/type"):
        rows.append(("", None))  # type: ignore[arg-type]
        rows.extend(accuracy_by(results, key).items())
    header = f"{'group':<30} {'faults':>6} {'AC@1':>6} {'AC@3':>6} {'Avg@5':>6} {'random AC@3':>12}"
    lines = [header]
    for name, acc in rows:
        if acc is None:
            lines.append("")
            continue
        lines.append(
            f"{name:<30} {acc.faults:>6} {acc.ac1:>6.3f} {acc.ac3:>6.3f} {acc.avg5:>6.3f}"
            f" {acc.random_ac3:>12.3f}"
        )
    return "\n".join(lines)


def fault_lines(results: list[RankedFault]) -> str:
    """One line per fault: where the root cause ranked and what ranked above it."""
    return "\n".join(
        f"{r.rank if r.rank is not None else '-':>3}  {r.fault_id:<75} top: {', '.join(r.top[:3])}"
        for r in results
    )


def ablations(
    days: dict[str, NezhaDay], faults: list[NezhaFault], windows: ReplayWindows
) -> str:
    """AC@k with one idea of the method switched off at a time (same windows otherwise)."""
    metrics = {m for d in days.values() for t in d.sources.values() for m in t.metrics}
    unweighted = {m: kind_of(m).model_copy(update={"weight": 1.0}) for m in metrics}
    pods_only = {
        name: NezhaDay(
            d.day, d.system, {s: t for s, t in d.sources.items() if service_of(s) != s}
        )
        for name, d in days.items()
    }
    variants = [
        ("method as shipped", days, windows, ScanOptions()),
        ("all root-cause weights 1", days, windows, ScanOptions(kinds=unweighted)),
        ("no caller-observed edge latency", pods_only, windows, ScanOptions()),
        ("no relative spread floor", days, windows, ScanOptions(rel_floor=0.0)),
        ("worst single point (top_k 1)", days, windows, ScanOptions(top_k=1)),
        (
            "60 min baseline",
            days,
            windows.model_copy(update={"baseline_minutes": 60}),
            ScanOptions(),
        ),
        (
            "3 min incident window",
            days,
            windows.model_copy(update={"incident_minutes": 3}),
            ScanOptions(),
        ),
        (
            "10 min incident window",
            days,
            windows.model_copy(update={"incident_minutes": 10}),
            ScanOptions(),
        ),
    ]
    lines = [f"{'variant':<34} {'AC@1':>6} {'AC@3':>6} {'Avg@5':>6} {'OB AC@3':>8} {'TT AC@3':>8}"]
    for label, variant_days, variant_windows, options in variants:
        results = replay_faults(variant_days, faults, variant_windows, options)
        acc, by_system = accuracy(results), accuracy_by(results, "system")
        lines.append(
            f"{label:<34} {acc.ac1:>6.3f} {acc.ac3:>6.3f} {acc.avg5:>6.3f}"
            f" {by_system['OnlineBoutique'].ac3:>8.3f} {by_system['TrainTicket'].ac3:>8.3f}"
        )
    return "\n".join(lines)


def per_metric(days: dict[str, NezhaDay], faults: list[NezhaFault], windows: ReplayWindows,
               system: str = "TrainTicket") -> str:
    """Each metric alone, read up or down, ranking the services by its robust z: the best AC@1
    per fault type (does any single metric see the fault at all?)."""
    from collections import defaultdict

    from agents.evidence.anomaly import _score_series, _Windows
    from agents.evidence.metric_kinds import MetricKind
    from agents.evidence.nezha import fault_request

    opts = ScanOptions()
    ranks: dict[str, dict[tuple[str, str], list[int]]] = defaultdict(lambda: defaultdict(list))
    for fault in (f for f in faults if f.system == system):
        request = fault_request(days[fault.day], fault, windows)
        bounds = _Windows.of(request)
        for way in ("up", "down"):
            kind = MetricKind(family="other", bad_direction=way)
            scores: dict[str, dict[str, float]] = defaultdict(dict)
            for source, metrics in request.series.items():
                for metric, points in metrics.items():
                    found = _score_series(source, metric, points, kind, bounds, opts)
                    if found is not None:
                        service = service_of(source)
                        scores[metric][service] = max(scores[metric].get(service, 0.0),
                                                      found.score)
            for metric, by_service in scores.items():
                order = sorted(by_service, key=lambda name: -by_service[name])
                rank = order.index(fault.service) + 1 if fault.service in order else 99
                ranks[fault.inject_type][(metric, way)].append(rank)
    lines = [f"{system}: best single metric per fault type (AC@1 / AC@3)"]
    for fault_type, table_ in sorted(ranks.items()):
        (metric, way), best = max(
            table_.items(), key=lambda kv: (sum(r <= 1 for r in kv[1]), sum(r <= 3 for r in kv[1]))
        )
        n = len(best)
        lines.append(
            f"  {fault_type:<16} {metric} {way:<5} {sum(r <= 1 for r in best) / n:.2f} / "
            f"{sum(r <= 3 for r in best) / n:.2f} ({n} faults)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Nezha dataset directory")
    parser.add_argument("--baseline-minutes", type=float, default=30)
    parser.add_argument("--incident-minutes", type=float, default=5)
    parser.add_argument("--faults", action="store_true", help="also list every fault's rank")
    parser.add_argument(
        "--ablations", action="store_true", help="also score variants with one idea switched off"
    )
    parser.add_argument(
        "--per-metric", action="store_true",
        help="also rank TrainTicket faults by each metric alone (what the data can show)",
    )
    parser.add_argument(
        "--graph", choices=("none", "configured", "inferred"), default="configured",
        help="call graph for the main table",
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no Nezha data at {args.data}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    days, faults = load_dataset(args.data)
    loaded = time.perf_counter()
    windows = ReplayWindows(
        baseline_minutes=args.baseline_minutes, incident_minutes=args.incident_minutes
    )
    results = replay_faults(days, faults, windows, graph=args.graph)
    done = time.perf_counter()

    print(
        "Nezha fault replay through agents.evidence.scan_anomalies and the root-cause walk "
        f"(metrics only; call graph: {args.graph})"
    )
    print(
        f"data: {args.data}  faults: {len(faults)}  baseline: {windows.baseline_minutes:g} min "
        f"before injection  incident: {windows.incident_minutes:g} min after"
    )
    print()
    print(table(results))
    print()
    print(by_graph(days, faults, windows))
    if args.faults:
        print()
        print(fault_lines(results))
    if args.ablations:
        print()
        print(ablations(days, faults, windows))
    if args.per_metric:
        print()
        print(per_metric(days, faults, windows))
    print()
    print(f"load {loaded - started:.1f} s, scan {done - loaded:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
