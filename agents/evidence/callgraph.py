"""Who calls whom: the call graph the root-cause ranking walks, from whichever source exists.

Sources, each optional, in the order `gather_evidence` tries them:
- service-graph metrics: the OpenTelemetry Collector's `servicegraph` connector and Tempo's
  metrics generator export `traces_service_graph_request_total{client, server}`;
- mesh request metrics with source and destination labels (Istio's
  `istio_requests_total{source_workload, destination_workload}`, Linkerd's
  `request_total{deployment, dst_deployment}`);
- a dependency map the operator writes (`caller: [callee, ...]`, YAML or JSON);
- without any of them, `infer_call_graph`: dependencies inferred from the metrics alone.

Inference reads each service's latency (and error-ratio) series over the baseline and the
incident window: two services whose step-to-step latency or errors move together (Pearson
correlation of first differences, lag 0 or one step, at or above `min_correlation`) are linked,
as causal-discovery RCA methods link co-moving series, and the one with the higher median
latency is taken as the caller, since a caller's response time includes its callee's. It is a guess and
says so (`source="inferred from metrics"`); a configured or measured graph always wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

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
    errors: Mapping[str, np.ndarray] | None = None,
    *,
    min_correlation: float = 0.6,
    min_points: int = 8,
) -> CallGraph:
    """Edges between services whose latency (or error ratio) moves together; the one with the
    higher median latency is the caller.

    Each mapping holds one series per service sampled on a shared time grid (NaN where
    missing). Series with fewer than `min_points` finite first differences are skipped; a
    service without a latency series has no direction and gets no edge. Missing differences
    count as "no move" (one matrix product per lag, so 200 services take milliseconds).
    """
    level: dict[str, float] = {}
    for name, values in latency.items():
        finite = np.asarray(values, dtype=float)
        finite = finite[np.isfinite(finite)]
        if finite.size >= min_points + 1:
            level[name] = float(np.median(finite))
    names = sorted(level)
    linked = np.zeros((len(names), len(names)), dtype=bool)
    for family in (latency, errors or {}):
        rows = [i for i, name in enumerate(names) if name in family]
        if len(rows) < 2:
            continue
        moves = np.array([np.diff(np.asarray(family[names[i]], dtype=float)) for i in rows])
        linked[np.ix_(rows, rows)] |= _max_lagged_correlation(moves, min_points) >= min_correlation
    edges: set[Edge] = set()
    for i, j in zip(*np.nonzero(np.triu(linked, k=1)), strict=True):
        a, b = names[i], names[j]
        edges.add((a, b) if level[a] >= level[b] else (b, a))
    return CallGraph(edges=frozenset(edges), source="inferred from metrics")


def _max_lagged_correlation(moves: np.ndarray, min_points: int) -> np.ndarray:
    """Pairwise Pearson correlation of the rows at lags -1, 0 and +1 (the largest); rows with
    too few finite values or no variance correlate with nothing (-1)."""
    finite = np.isfinite(moves)
    usable = finite.sum(axis=1) >= min_points
    means = np.array([row[ok].mean() if ok.any() else 0.0 for row, ok in zip(moves, finite,
                                                                            strict=True)])
    centred = np.where(finite, moves - means[:, None], 0.0)
    best = np.full((moves.shape[0], moves.shape[0]), -1.0)
    for lag in (0, 1):
        x = centred[:, lag:]
        y = centred[:, : centred.shape[1] - lag]
        norms = np.outer(np.sqrt((x * x).sum(axis=1)), np.sqrt((y * y).sum(axis=1)))
        with np.errstate(divide="ignore", invalid="ignore"):
            corr = np.nan_to_num((x @ y.T) / norms, nan=-1.0, posinf=-1.0, neginf=-1.0)
        best = np.maximum(best, np.maximum(corr, corr.T))  # x leads y, or y leads x
    ok = usable & (np.abs(centred).sum(axis=1) > 0)
    best[~ok, :] = -1.0
    best[:, ~ok] = -1.0
    np.fill_diagonal(best, -1.0)
    return best


def infer_from_series(
    series: Mapping[str, Mapping[str, list[tuple[float, float]]]],
    service_of_source: Mapping[str, str],
    services: set[str],
    start: float,
    end: float,
    family: Callable[[str], str],
) -> CallGraph:
    """`infer_call_graph` over raw scan input: source -> metric -> points, in [start, end)."""
    return infer_call_graph(
        family_grid(series, service_of_source, services, start, end, family, "latency"),
        family_grid(series, service_of_source, services, start, end, family, "errors"),
    )


def family_grid(
    series: Mapping[str, Mapping[str, list[tuple[float, float]]]],
    service_of_source: Mapping[str, str],
    services: set[str],
    start: float,
    end: float,
    family: Callable[[str], str],
    wanted: str,
) -> dict[str, np.ndarray]:
    """Per service, one series of the `wanted` family (the last by name, so p99 before p95)
    on a grid shared by all services; NaN where a service has no sample."""
    stamps = sorted(
        {
            t
            for metrics in series.values()
            for points in metrics.values()
            for t, _ in points
            if start <= t < end
        }
    )
    index = {t: i for i, t in enumerate(stamps)}
    grid: dict[str, np.ndarray] = {}
    for source in sorted(series):
        service = service_of_source.get(source, source)
        if service not in services or service in grid:
            continue
        chosen = [m for m in sorted(series[source]) if family(m) == wanted]
        if not chosen:
            continue
        values = np.full(len(stamps), np.nan)
        for t, v in series[source][chosen[-1]]:
            i = index.get(t)
            if i is not None:
                values[i] = v
        grid[service] = values
    return grid
