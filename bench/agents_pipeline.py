"""Wall time of all 13 agent steps through run_steps versus the sum of their step durations.

    uv run python bench/agents_pipeline.py [--runs N] [--latency-ms MS]

Offline steps are pure CPU (no awaits), so asyncio cannot overlap them: wall time is about the
sum plus the runner's overhead. With `--latency-ms` (default 100), each step also awaits that long
(standing in for a Claude call) and independent steps overlap: the 13 steps run in 6 levels
(steps wait only for the results they read, agents/steps.py), so wall time approaches
6 x latency instead of 13. Goal (issue 10 item 8): wall / sum at most 0.60 with 100 ms per step;
the script prints whether the goal is met.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agents import STEP_KEYS, IncidentContext, OfflineBackend, plan, run_steps  # noqa: E402
from agents.backend_protocol import Answer  # noqa: E402
from agents.steps import StepSpec  # noqa: E402
from tests.agents.conftest import checkout_incident  # noqa: E402


class LatencyBackend:
    """The offline engine behind a fixed awaited delay, like a remote model call."""

    name = "offline"

    def __init__(self, latency_s: float) -> None:
        self.inner = OfflineBackend()
        self.latency_s = latency_s

    async def answer(self, spec: StepSpec, context: IncidentContext) -> Answer:
        await asyncio.sleep(self.latency_s)
        return self.inner.answer_now(spec, context)


async def one_run(backend) -> tuple[float, float]:
    start = time.perf_counter()
    results = await run_steps(STEP_KEYS, checkout_incident(), backend)
    wall = (time.perf_counter() - start) * 1000
    return wall, sum(r.duration_ms for r in results.values())


async def measure(backend, runs: int) -> tuple[float, float]:
    await one_run(backend)  # warm-up: imports, template compilation, runbook loading
    samples = [await one_run(backend) for _ in range(runs)]
    return (statistics.median(w for w, _ in samples),
            statistics.median(s for _, s in samples))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    args = parser.parse_args()
    levels = plan(STEP_KEYS)
    print(f"steps: {len(STEP_KEYS)}, DAG levels: {len(levels)} "
          f"({' -> '.join('+'.join(level) for level in levels)})")
    wall, total = asyncio.run(measure(OfflineBackend(), args.runs))
    print(f"offline, median of {args.runs} runs: wall {wall:.1f} ms, "
          f"sum of step durations {total:.1f} ms (wall/sum {wall / total:.2f})")
    if args.latency_ms > 0:
        runs = max(3, args.runs // 5)
        wall, total = asyncio.run(measure(LatencyBackend(args.latency_ms / 1000), runs))
        print(f"offline + {args.latency_ms:g} ms awaited latency per step, median of {runs}: "
              f"wall {wall:.0f} ms, sum of step durations {total:.0f} ms "
              f"(wall/sum {wall / total:.2f}; goal <= 0.60: "
              f"{'met' if wall / total <= 0.60 else 'NOT met'})")


if __name__ == "__main__":
    main()
