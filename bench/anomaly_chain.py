"""Root cause in a 4-deep call chain of demo services under a real Prometheus.

Usage (from the repo root; needs `prometheus` and `prometheus-alertmanager` on PATH):
    uv run python bench/anomaly_chain.py [--fault-seconds 25] [--baseline-seconds 30]
                                         [--quiet-seconds 35] [--rps 20] [--cases]

Five chains (gateway -> api -> search -> db), one per fault: latency +150 ms, errors 1 %,
errors 5 %, memory leak, dependency outage; each injected at every depth in turn (20 cases),
one chain at a time by default: all services live in one Python process, and on a loaded
2-core machine five chains at 20 requests/s queue so long that their baseline p99 reaches
seconds.
Each case is asked through `gather_evidence` with the service-graph metrics, without them
(edges inferred from the metrics) and with no call graph. AC@1: the injected service is the
top root-cause candidate; "path ok": the named path follows real calls. Exits 0 when AC@1 is
at least 0.80 both with and without the service-graph metrics. Takes about 17 minutes
(`--parallel 5`: about 4, if the machine is idle).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from drill.demo.chain_run import (  # noqa: E402
    CHAIN_FAULTS,
    GRAPH_MODES,
    ChainVerdict,
    run_chain_faults,
)
from drill.demo.stack import MissingBinaries, find_binaries  # noqa: E402

TARGET_AC1 = 0.80


def _share(verdicts: list[ChainVerdict], test) -> str:
    if not verdicts:
        return "  -  "
    return f"{sum(1 for v in verdicts if test(v)) / len(verdicts):.2f}"


def table(verdicts: list[ChainVerdict]) -> str:
    lines = [f"{'mode':<30} {'group':<20} {'cases':>5} {'AC@1':>5} {'AC@3':>5} {'path ok':>8}"]
    for mode in GRAPH_MODES:
        mine = [v for v in verdicts if v.mode == mode]
        groups: list[tuple[str, list[ChainVerdict]]] = [("all", mine)]
        groups += [(f, [v for v in mine if v.case.fault == f])
                   for f in dict.fromkeys(v.case.fault for v in mine)]
        groups += [(f"depth {d}", [v for v in mine if v.case.depth == d])
                   for d in sorted({v.case.depth for v in mine})]
        for name, group in groups:
            lines.append(
                f"{mode:<30} {name:<20} {len(group):>5} {_share(group, lambda v: v.rank == 1):>5} "
                f"{_share(group, lambda v: v.rank is not None and v.rank <= 3):>5} "
                f"{_share(group, lambda v: v.rank == 1 and v.path_follows_calls):>8}"
            )
        lines.append("")
    return "\n".join(lines)


def case_lines(verdicts: list[ChainVerdict]) -> str:
    return "\n".join(
        f"{v.mode:<28} {v.case.fault:<18} depth {v.case.depth} root {v.case.root_cause:<10} "
        f"rank {v.rank if v.rank is not None else '-':>2}  {v.confidence:<6} {v.path_text}"
        for v in verdicts
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-seconds", type=float, default=20)
    parser.add_argument("--fault-seconds", type=float, default=20)
    parser.add_argument("--quiet-seconds", type=float, default=26)
    parser.add_argument("--rps", type=float, default=20)
    parser.add_argument(
        "--parallel", type=int, default=1,
        help="chains run at once (more is faster but loads the one Python process serving them)",
    )
    parser.add_argument("--cases", action="store_true", help="also list every case")
    args = parser.parse_args(argv)
    try:
        find_binaries()
    except MissingBinaries as exc:
        print(exc, file=sys.stderr)
        return 2
    started = time.perf_counter()
    verdicts: list[ChainVerdict] = []
    for i in range(0, len(CHAIN_FAULTS), args.parallel):
        verdicts += asyncio.run(
            run_chain_faults(
                CHAIN_FAULTS[i : i + args.parallel],
                baseline_seconds=args.baseline_seconds,
                fault_seconds=args.fault_seconds,
                quiet_seconds=args.quiet_seconds,
                rps=args.rps,
                progress=lambda line: print(line, file=sys.stderr),
            )
        )
    print("Faults in a 4-deep demo call chain under real Prometheus, through gather_evidence")
    print()
    print(table(verdicts))
    if args.cases:
        print(case_lines(verdicts))
        print()
    print(f"took {time.perf_counter() - started:.0f} s")
    met = all(
        sum(1 for v in verdicts if v.mode == mode and v.rank == 1)
        >= TARGET_AC1 * sum(1 for v in verdicts if v.mode == mode)
        for mode in ("service-graph metrics", "inferred (no graph metrics)")
    )
    print(f"target AC@1 >= {TARGET_AC1} with and without service-graph metrics: "
          + ("met" if met else "NOT met"))
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
