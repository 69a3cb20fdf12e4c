"""Rank the cause, not the services in front of it: a walk over the anomalous call graph.

The anomaly scan scores each service on its own shift, so a slow database shows most strongly
in the gateway that waits for it. With a call graph (agents/evidence/callgraph.py) the ranking
lets each anomalous service hand the *symptom* part of its anomaly (latency and errors, which
a slow or failing callee explains) down to the anomalous callees that explain it: a callee
explains a caller's latency when its own latency rose by at least `min_explain` of the
caller's rise, in seconds (a callee 20 ms slower cannot explain a caller 150 ms slower), and
likewise for the error ratio. What a service shows on its own account (CPU, memory,
saturation) stays with it.
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
        0.5,
        ge=0,
        le=1,
        description="share of a service's explained symptom evidence passed to its callees",
    )
    min_explain: float = Field(
        0.5,
        ge=0,
        description="a callee explains a caller's latency (errors) only when its own latency "
        "(error) shift is at least this share of the caller's, in the metric's unit",
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
    shifts = {s.service: _shifts(s) for s in anomalous}
    evidence = {s.service: _family_evidence(s) for s in anomalous}
    # Per caller and symptom family: the anomalous callees whose shift in that family explains
    # at least `min_explain` of the caller's own shift (same unit: a +20 ms callee cannot explain
    # a +150 ms caller).
    explained_by: dict[str, dict[str, list[str]]] = {}
    for s in anomalous:
        mine = shifts[s.service]
        found: dict[str, list[str]] = {}
        for family in SYMPTOM_FAMILIES:
            if mine.get(family, 0.0) <= 0:
                continue
            found[family] = sorted(
                c
                for c in graph.callees(s.service)
                if c in names
                and c != s.service
                and shifts[c].get(family, 0.0) >= opts.min_explain * mine[family]
            )
        explained_by[s.service] = {f: cs for f, cs in found.items() if cs}
    edges_used = len({(a, c) for a, fams in explained_by.items() for cs in fams.values() for c in cs})
    passing: dict[str, float] = {}
    targets_of: dict[str, dict[str, float]] = {}
    for s in anomalous:
        fams = explained_by[s.service]
        explained = sum(evidence[s.service].get(f, 0.0) for f in fams)
        passing[s.service] = opts.handover * min(1.0, explained / s.score) if s.score > 0 else 0.0
        weights: dict[str, float] = {}
        for family, cs in fams.items():
            total = sum(evidence[c].get(family, 0.0) for c in cs) or float(len(cs))
            for c in cs:
                share = evidence[c].get(family, 0.0) / total if total else 1.0 / len(cs)
                weights[c] = weights.get(c, 0.0) + evidence[s.service].get(family, 0.0) * share
        norm = sum(weights.values())
        targets_of[s.service] = {c: w / norm for c, w in weights.items()} if norm else {}

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
            targets = targets_of[name]
            if handed <= 0 or not targets:
                final[name] += handed
                continue
            for c, weight in targets.items():
                part = handed * weight
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


def _family_evidence(service: ServiceAnomaly) -> dict[str, float]:
    """The service's evidence per family (each family's strongest metric)."""
    best: dict[str, float] = {}
    for m in service.top_metrics:
        best[m.family] = max(best.get(m.family, 0.0), m.evidence)
    return best


def _shifts(service: ServiceAnomaly) -> dict[str, float]:
    """Per symptom family, the largest move of a flagged metric from its baseline median, in
    the metric's own unit (seconds, ratio), in its bad direction."""
    moved: dict[str, float] = {}
    for m in service.top_metrics:
        if m.evidence <= 0 or m.family not in SYMPTOM_FAMILIES:
            continue
        moved[m.family] = max(moved.get(m.family, 0.0), abs(m.incident_value - m.baseline_median))
    return moved


def _path(root: str, inflow: dict[tuple[str, str], float]) -> list[str]:
    """Follow the largest inflow upstream from `root`: outermost caller first."""
    path = [root]
    while True:
        feeding = [(v, a) for (a, b), v in inflow.items() if b == path[0] and a not in path]
        if not feeding:
            return path
        path.insert(0, max(feeding)[1])
