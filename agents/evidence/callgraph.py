"""Who calls whom: the call graph the root-cause ranking walks, from whichever source exists.

Sources, each optional, in the order `gather_evidence` tries them:
- service-graph metrics: the OpenTelemetry Collector's `servicegraph` connector and Tempo's
  metrics generator export `traces_service_graph_request_total{client, server}`;
- mesh request metrics with source and destination labels (Istio's
  `istio_requests_total{source_workload, destination_workload}`, Linkerd's
  `request_total{deployment, dst_deployment}`);
- a dependency map the operator writes (`caller: [callee, ...]`, YAML or JSON);
- without any of them, `infer_call_graph`: dependencies inferred from the metrics alone.

Inference reads each service's latency series over the baseline: two services whose
minute-to-minute latency moves together (Pearson correlation of first differences, lag 0 or
one step, at or above `min_correlation`) are linked, and the one with the higher median latency
is taken as the caller, since a caller's response time includes its callee's. It is a guess and
says so (`source="inferred from metrics"`); a configured or measured graph always wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

Edge = tuple[str, str]

SERVICE_GRAPH_QUERY = "sum by (client, server) (traces_service_graph_request_total)"
ISTIO_QUERY = (
    "sum by (source_workload, destination_workload) (istio_requests_total)"
)
LINKERD_QUERY = "sum by (deployment, dst_deployment) (request_total)"

# query -> (caller label, callee label, what to call the source)
EDGE_QUERIES: tuple[tuple[str, str, str, str], ...] = (
    (SERVICE_GRAPH_QUERY, "client", "server", "service-graph metrics"),
    (ISTIO_QUERY, "source_workload", "destination_workload", "Istio request metrics"),
    (LINKERD_QUERY, "deployment", "dst_deployment", "Linkerd request metrics"),
)


class CallGraph(BaseModel):
    """Directed edges caller -> callee, and where they came from (to cite)."""

    model_config = ConfigDict(frozen=True)

    edges: frozenset[Edge] = Field(default_factory=frozenset)
    source: str = "none"

    @classmethod
    def from_map(cls, mapping: Mapping[str, Iterable[str]], source: str = "configured map") -> CallGraph:
        """`{caller: [callee, ...]}`; self-calls are dropped."""
        return cls(
            edges=frozenset(
                (caller, callee)
                for caller, callees in mapping.items()
                for callee in callees
                if callee != caller
            ),
            source=source,
        )

    @classmethod
    def from_pairs(cls, pairs: Iterable[Edge], source: str) -> CallGraph:
        return cls(edges=frozenset((a, b) for a, b in pairs if a and b and a != b), source=source)

    def callees(self, service: str) -> set[str]:
        return {b for a, b in self.edges if a == service}

    def callers(self, service: str) -> set[str]:
        return {a for a, b in self.edges if b == service}

    def renamed(self, names: Mapping[str, str]) -> CallGraph:
        """The graph with node names mapped (e.g. pod -> service); unmapped names kept."""
        return CallGraph.from_pairs(
            ((names.get(a, a), names.get(b, b)) for a, b in self.edges), self.source
        )

    def __bool__(self) -> bool:
        return bool(self.edges)


def infer_call_graph(
    latency: Mapping[str, np.ndarray],
    *,
    min_correlation: float = 0.6,
    min_points: int = 8,
) -> CallGraph:
    """Edges between services whose latency moves together; the slower one is the caller.

    `latency` maps each service to one latency series sampled on a shared time grid (NaN where
    missing). Series with fewer than `min_points` finite first differences are skipped.
    """
    names = sorted(latency)
    diffs: dict[str, np.ndarray] = {}
    level: dict[str, float] = {}
    for name in names:
        values = np.asarray(latency[name], dtype=float)
        finite = values[np.isfinite(values)]
        if finite.size < min_points + 1:
            continue
        diffs[name] = np.diff(values)
        level[name] = float(np.median(finite))
    edges: set[Edge] = set()
    usable = list(diffs)
    for i, a in enumerate(usable):
        for b in usable[i + 1 :]:
            if _linked(diffs[a], diffs[b], min_correlation, min_points):
                caller, callee = (a, b) if level[a] >= level[b] else (b, a)
                edges.add((caller, callee))
    return CallGraph(edges=frozenset(edges), source="inferred from metrics")


def _linked(x: np.ndarray, y: np.ndarray, threshold: float, min_points: int) -> bool:
    for lag in (0, 1, -1):
        a, b = (x[lag:], y[: y.size - lag]) if lag >= 0 else (x[: x.size + lag], y[-lag:])
        n = min(a.size, b.size)
        a, b = a[:n], b[:n]
        ok = np.isfinite(a) & np.isfinite(b)
        if ok.sum() < min_points:
            continue
        a, b = a[ok], b[ok]
        sa, sb = a.std(), b.std()
        if sa == 0 or sb == 0:
            continue
        if float(((a - a.mean()) * (b - b.mean())).mean() / (sa * sb)) >= threshold:
            return True
    return False
