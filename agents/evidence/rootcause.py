"""Rank the cause, not the services in front of it: a walk over the anomalous call graph.

The anomaly scan scores each service on its own shift, so a slow database shows most strongly
in the gateway that waits for it. With a call graph (agents/evidence/callgraph.py) the ranking
lets each anomalous service hand the *symptom* part of its anomaly (latency and errors, which
a slow or failing callee explains) down to its anomalous callees, in proportion to their own
anomaly; what a service shows on its own account (CPU, memory, saturation) stays with it.
The mass each service ends with is its root-cause score (a personalised random walk over the
anomalous subgraph, as MicroRCA and CloudRanger do, with the walk's restart replaced by the
part of the anomaly a callee cannot explain). Without a graph the ranking is the scan's.

Each candidate names the path the blame followed, outermost symptom first, e.g.
`frontend -> checkout -> payments`, and the services whose anomaly it explains.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from agents.evidence.callgraph import CallGraph
from agents.evidence.models import AnomalyReport, ServiceAnomaly

SYMPTOM_FAMILIES = ("latency", "errors")


class RootCauseOptions(BaseModel):
    """How much of a symptom a callee can take over."""

    handover: float = Field(
        0.9, ge=0, le=1, description="share of a service's symptom evidence passed to its callees"
    )
    min_explain: float = Field(
        0.8,
        ge=0,
        description="a callee explains a caller only when its symptom evidence is at least this "
        "share of the caller's",
    )


class RootCause(BaseModel):
    service: str
    score: float = Field(description="root-cause score after the walk (the scan's, without a graph)")
    own_score: float = Field(description="the scan's anomaly score of the service itself")
    path: list[str] = Field(description="outermost anomalous caller first, this service last")
    explains: list[str] = Field(
        default_factory=list, description="anomalous callers whose symptoms point here"
    )


class RootCauseRanking(BaseModel):
    graph_source: str = Field(description="where the call graph came from, or 'none'")
    edges_used: int = 0
    candidates: list[RootCause]

    def ranking(self) -> list[str]:
        return [c.service for c in self.candidates]


def rank_root_causes(
    report: AnomalyReport,
    graph: CallGraph | None,
    options: RootCauseOptions | None = None,
) -> RootCauseRanking:
    """Re-rank the scan's services along `graph`; every scanned service stays in the list."""
    opts = options or RootCauseOptions()
    own = {s.service: s.score for s in report.services}
    order = {s.service: i for i, s in enumerate(report.services)}
    anomalous = [s for s in report.services if s.score > 0]
    if not graph or not anomalous:
        return RootCauseRanking(
            graph_source=graph.source if graph is not None else "none",
            candidates=[
                RootCause(service=s.service, score=s.score, own_score=s.score, path=[s.service])
                for s in report.services
            ],
        )

    names = {s.service for s in anomalous}
    callees = {
        s.service: sorted(c for c in graph.callees(s.service) if c in names and c != s.service)
        for s in anomalous
    }
    edges_used = sum(len(c) for c in callees.values())
    symptom = {s.service: _symptom(s) for s in anomalous}
    callees = {name: [c for c in cs if symptom[c] > 0] for name, cs in callees.items()}
    edges_used = sum(len(c) for c in callees.values())
    passing = {
        s.service: _passing_share(s, symptom, callees[s.service], opts) for s in anomalous
    }

    final = dict.fromkeys(names, 0.0)
    flow = {name: own[name] for name in names}
    inflow: dict[tuple[str, str], float] = {}
    for _ in range(len(names) + 1):
        moving: dict[str, float] = dict.fromkeys(names, 0.0)
        for name, mass in flow.items():
            if mass <= 0:
                continue
            handed = mass * passing[name]
            final[name] += mass - handed
            targets = callees[name]
            weight = sum(symptom[c] for c in targets)
            if handed <= 0 or weight <= 0:
                final[name] += handed
                continue
            for c in targets:
                part = handed * symptom[c] / weight
                moving[c] += part
                inflow[(name, c)] = inflow.get((name, c), 0.0) + part
        flow = moving
        if sum(flow.values()) <= 1e-9 * (sum(own.values()) or 1):
            break
    for name, mass in flow.items():  # cycles: what is still moving stays where it is
        final[name] += mass

    def sort_key(name: str) -> tuple[float, float, int]:
        return (-final.get(name, 0.0), -own[name], order[name])

    ranked = sorted(names, key=sort_key)
    candidates = [
        RootCause(
            service=name,
            score=final[name],
            own_score=own[name],
            path=_path(name, inflow),
            explains=sorted({a for (a, b), v in inflow.items() if b == name and v > 0}),
        )
        for name in ranked
    ]
    candidates += [
        RootCause(service=s.service, score=0.0, own_score=s.score, path=[s.service])
        for s in report.services
        if s.service not in names
    ]
    return RootCauseRanking(graph_source=graph.source, edges_used=edges_used, candidates=candidates)


def _symptom(service: ServiceAnomaly) -> float:
    """Evidence in the families a callee can cause (latency, errors): each family's best."""
    best: dict[str, float] = {}
    for m in service.top_metrics:
        best[m.family] = max(best.get(m.family, 0.0), m.evidence)
    return sum(best.get(f, 0.0) for f in SYMPTOM_FAMILIES)


def _passing_share(
    service: ServiceAnomaly,
    symptom: dict[str, float],
    callees: list[str],
    opts: RootCauseOptions,
) -> float:
    """How much of the service's score its callees explain: the symptom part of it, times
    `handover`, times how strong the strongest callee's symptom is next to its own (a callee
    barely off its baseline explains little of a caller that is far off)."""
    mine = symptom[service.service]
    if service.score <= 0 or mine <= 0 or not callees:
        return 0.0
    strongest = max(symptom[c] for c in callees)
    if strongest < opts.min_explain * mine:
        return 0.0
    return opts.handover * (mine / service.score) * min(1.0, strongest / mine)


def _path(root: str, inflow: dict[tuple[str, str], float]) -> list[str]:
    """Follow the largest inflow upstream from `root`: outermost caller first."""
    path = [root]
    while True:
        feeding = [(v, a) for (a, b), v in inflow.items() if b == path[0] and a not in path]
        if not feeding:
            return path
        path.insert(0, max(feeding)[1])
