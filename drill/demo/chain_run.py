"""Run faults in demo call chains under a real Prometheus and ask `gather_evidence` for the cause.

One chain (gateway -> api -> search -> db) per fault kind, all scraped by one loopback
Prometheus every second while a load generator calls each chain's front. Each round injects
every chain's fault at the same depth, holds it `fault_seconds`, heals, and waits
`quiet_seconds` so the next round's baseline is clean. Afterwards each case's window is asked
three ways: with the service-graph metrics, without them (edges inferred from the metrics), and
with no call graph at all (the scan alone), each scanning only that chain's services.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from agents.evidence.collect import EvidenceConfig, gather_evidence
from agents.evidence.metric_kinds import MetricKind
from agents.evidence.models import IncidentEvidence
from agents.evidence.prometheus import PrometheusClient, SourceUnavailable
from drill.demo.chain import DEFAULT_CHAIN, ChainService, FaultKind, start_chain
from drill.demo.configs import alertmanager_config, prometheus_config
from drill.demo.service import LoadGenerator
from drill.demo.stack import PrometheusStack

RATE_WINDOW = "5s"
MEMORY = "memory_bytes"
GRAPH_MODES = {
    "service-graph metrics": {"graph_queries": True, "infer_dependencies": False},
    "inferred (no graph metrics)": {"graph_queries": False, "infer_dependencies": True},
    "no call graph": {"graph_queries": False, "infer_dependencies": False},
}


class ChainFault(BaseModel):
    label: str
    kind: FaultKind
    params: dict[str, float] = {}


CHAIN_FAULTS: tuple[ChainFault, ...] = (
    ChainFault(label="latency +150 ms", kind="latency", params={"latency_ms": 150}),
    ChainFault(label="errors 1 %", kind="errors", params={"error_rate": 0.01}),
    ChainFault(label="errors 5 %", kind="errors", params={"error_rate": 0.05}),
    ChainFault(label="memory leak", kind="memory_leak", params={"leak_mib_per_s": 4}),
    ChainFault(label="dependency outage", kind="outage"),
)


class ChainCase(BaseModel):
    fault: str
    depth: int
    root_cause: str
    chain: list[str]
    start: datetime
    end: datetime


class ChainVerdict(BaseModel):
    case: ChainCase
    mode: str
    top: str | None
    rank: int | None
    path: list[str]
    path_text: str
    path_follows_calls: bool
    graph_source: str
    confidence: str


def evidence_config(prometheus_url: str, baseline_seconds: float, **mode: Any) -> EvidenceConfig:
    """Chain evidence: 1 s steps, 5 s rates, memory as an extra SLI (the demo's own gauge)."""
    return EvidenceConfig(
        prometheus_url=prometheus_url,
        rate_window=RATE_WINDOW,
        baseline_minutes=baseline_seconds / 60,
        step_seconds=1.0,
        discover_services=False,
        sli_queries={"cpu_saturation": "", MEMORY: "max(demo_memory_bytes{$selector})"},
        kinds={MEMORY: MetricKind(family="saturation", bad_direction="up", min_scale=2**20)},
        **mode,
    )


async def wait_scraped(prometheus_url: str, jobs: Sequence[str], at: float, deadline: float) -> None:
    """Until Prometheus holds a sample at or after unix time `at` for every job."""
    query = f'timestamp(up{{job=~"{"|".join(jobs)}"}})'
    loop = asyncio.get_running_loop()
    async with PrometheusClient(prometheus_url, timeout=2.0) as client:
        while True:
            try:
                seen = {s.labels.get("job"): s.points[0][1] for s in await client.instant(query)}
            except SourceUnavailable:
                seen = {}
            if all(seen.get(job, 0) >= at for job in jobs):
                return
            if loop.time() > deadline:
                raise TimeoutError(f"Prometheus has no sample after {at} for all of {jobs}")
            await asyncio.sleep(0.25)  # a poll interval, not a stand-in for synchronisation


async def _hold(prometheus_url: str, jobs: list[str], seconds: float) -> datetime:
    """Let `seconds` of scraped data accumulate from now; returns when they have."""
    loop = asyncio.get_running_loop()
    target = datetime.now(UTC) + timedelta(seconds=seconds)
    await wait_scraped(prometheus_url, jobs, target.timestamp(), loop.time() + seconds + 30)
    return target


async def run_chain_faults(
    faults: Sequence[ChainFault] = CHAIN_FAULTS,
    depths: Sequence[int] = (0, 1, 2, 3),
    *,
    baseline_seconds: float = 30,
    fault_seconds: float = 25,
    quiet_seconds: float = 35,
    rps: float = 20,
    modes: Sequence[str] = tuple(GRAPH_MODES),
    progress=lambda line: None,
) -> list[ChainVerdict]:
    chains: dict[str, list[ChainService]] = {}
    for i, fault in enumerate(faults):
        chains[fault.label] = await start_chain(DEFAULT_CHAIN, prefix=f"c{i}-")
    services = [s for chain in chains.values() for s in chain]
    targets = {s.name: s.target for s in services}
    jobs = list(targets)
    load = LoadGenerator([chain[0].url for chain in chains.values()], rps=rps)
    cases: list[ChainCase] = []
    try:
        async with PrometheusStack(
            prometheus_yml=lambda am: prometheus_config(targets, am, rule_files=()),
            rules_yml="groups: []\n",
            alertmanager_yml=alertmanager_config("http://127.0.0.1:9/unused"),
        ) as stack:
            await load.start()
            progress(f"Prometheus {stack.prometheus_url}; {len(services)} services; warming up")
            await _hold(stack.prometheus_url, jobs, baseline_seconds + 6)
            for depth in depths:
                start = datetime.now(UTC)
                for fault in faults:
                    chains[fault.label][depth].fault(fault.kind, **fault.params)
                end = await _hold(stack.prometheus_url, jobs, fault_seconds)
                for fault in faults:
                    chain = chains[fault.label]
                    chain[depth].heal()
                    cases.append(
                        ChainCase(
                            fault=fault.label,
                            depth=depth,
                            root_cause=chain[depth].name,
                            chain=[s.name for s in chain],
                            start=start,
                            end=end,
                        )
                    )
                progress(f"depth {depth} done")
                await _hold(stack.prometheus_url, jobs, quiet_seconds)
            await load.stop()
            verdicts = []
            for case in cases:
                for mode in modes:
                    config = evidence_config(
                        stack.prometheus_url, baseline_seconds, **GRAPH_MODES[mode]
                    )
                    evidence = await gather_evidence(case.chain, (case.start, case.end), config)
                    verdicts.append(verdict(case, mode, evidence))
            return verdicts
    finally:
        await load.stop()
        for service in services:
            await service.stop()


def verdict(case: ChainCase, mode: str, evidence: IncidentEvidence) -> ChainVerdict:
    cause = evidence.root_cause
    names = [c.service for c in cause.candidates] if cause else []
    top = cause.candidates[0] if cause and cause.candidates else None
    calls = set(zip(case.chain, case.chain[1:], strict=False))
    path = top.path if top else []
    return ChainVerdict(
        case=case,
        mode=mode,
        top=top.service if top else None,
        rank=names.index(case.root_cause) + 1 if case.root_cause in names else None,
        path=path,
        path_text=top.path_text if top else "",
        path_follows_calls=bool(path) and all(
            (a, b) in calls or _reaches(a, b, case.chain) for a, b in zip(path, path[1:], strict=False)
        ),
        graph_source=cause.graph_source if cause else "none",
        confidence=cause.confidence if cause else "low",
    )


def _reaches(caller: str, callee: str, chain: list[str]) -> bool:
    """True when `callee` is downstream of `caller` in the chain (an inferred shortcut edge)."""
    return caller in chain and callee in chain and chain.index(caller) < chain.index(callee)
