"""Gather the metric evidence of an incident: SLIs from Prometheus, an anomaly scan, SLO burn,
active alerts and recent deploys, as the typed `IncidentEvidence` of `IncidentContext.evidence`.

    evidence = await gather_evidence(["checkout"], (started_at, now), EvidenceConfig(
        prometheus_url="http://prometheus:9090", slos={"*": SloObjective(objective=0.999)}),
        deploys=recent_deploys)

Nothing here raises because a source is down or slow: the source is listed in
`sources_unavailable` and the rest is still gathered. Only a bad `config` raises.

The fields of the returned `IncidentEvidence` (agents/evidence/models.py):

- `anomalies`: ranked list, most suspicious first: one row per anomalous metric (robust z at or
  above `degraded_z`) of every service the scan flagged, rows of the top-ranked service first:
  `{rank, service, service_score, metric, score, direction, change_start, peak_at,
  baseline_median, incident_value, family, summary, promql}`. `score` is the metric's robust z
  in its bad direction (the scan's own score; >= 6 is an alarm), `service_score` the service's
  ranking score (sum over golden-signal families of weight*ln(1+z)), `rank` 1 for the most
  anomalous service. Sort by `rank` (not `score`) to keep the scan's service ranking. Times are
  ISO 8601 UTC strings; `change_start` is None below the alarm.
- `anomaly_method`: how the scan scored and ranked (a sentence to cite).
- `health_matrix`: one row per scanned service, in ranking order:
  `{service, errors, latency, saturation, traffic, overall}`; each family is
  `ok|degraded|critical|no_data`, `overall` the worst of them (`no_data` when all are).
- `queries`: every PromQL query run, to cite: `{service, metric, promql, start, end,
  step_seconds, series}` (`series`: how many series came back; None when the query failed).
- `query_errors`: queries Prometheus refused: `{service, metric, promql, error}`.
- `sources_unavailable`: `{source, reason}` for each source that was down, slow (timed out) or
  not configured; empty when everything answered.
- `slo`: error-budget status, `{status, detail, error_budget, objective, services}` where
  `status` is `breached|at_risk|ok|unknown` (worst over services), `detail` and `error_budget`
  are sentences, and `services` lists `{service, objective, window_days, error_ratio,
  burn_rate, budget_burned, incident_minutes, status}`: `error_ratio` is the mean error ratio
  over the incident window, `burn_rate` = error_ratio / (1 - objective) (1.0 spends the budget
  exactly over the SLO window), `budget_burned` = error_ratio * incident minutes /
  ((1 - objective) * SLO-window minutes), the share of the whole window's budget this incident
  has spent so far (traffic assumed steady). `breached`: budget_burned >= 1; `at_risk`:
  burn_rate > 1; `ok` otherwise.
- `deploys`: the recent deploys the caller passed in, as JSON (datetimes as ISO strings).
- `active_alerts`: alerts active in Alertmanager now: `{name, state, labels, annotations,
  starts_at, fingerprint}` (empty when Alertmanager is not configured).
- `services`: the services scanned (the ones asked for, then any discovered in Prometheus by
  `discovery_query`), at most `max_services`.
- `services_left_out`: a sentence naming every service found but not scanned, and why (the
  cap); empty when all were scanned.
- `scan_notes`: what the scan could not judge (a service with too little data in the baseline
  or the incident window, a window too coarse for precise figures).
- `root_cause`: the root-cause walk over the call graph (agents/evidence/rootcause.py):
  `{graph_source, edges, confidence, confidence_reason, candidates}`, each candidate
  `{rank, service, score, own_score, path, path_text, explains}`. The graph comes from
  service-graph / Istio / Linkerd metrics, else `dependency_map`, else (when
  `infer_dependencies`) co-moving latency and error series; `anomalies` follow its order.
- `window`: `{incident: {start, end}, baseline: {start, end}, step_seconds}`.
- `metrics_source`: e.g. `Prometheus http://127.0.0.1:9090`, for citing.
"""

from __future__ import annotations

import asyncio
import math
import string
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from agents.evidence.alertmanager import AlertmanagerClient
from i18n import t
from agents.evidence.anomaly import scan_anomalies
from agents.evidence.callgraph import EDGE_QUERIES, CallGraph, infer_from_series
from agents.evidence.rootcause import RootCauseOptions, RootCauseRanking, rank_root_causes
from agents.evidence.service_names import component_of
from agents.evidence.metric_kinds import HEALTH_FAMILIES, MetricKind, kind_of
from agents.evidence.models import (
    AnomalyReport,
    AnomalyScanRequest,
    Deploy,
    IncidentEvidence,
    ScanOptions,
    TimeWindow,
)
from agents.evidence.prometheus import (
    EvidenceSourceError,
    PrometheusClient,
    QueryRejected,
    Series,
    SourceUnavailable,
)

# Placeholders: $selector (e.g. job="checkout"), $service, $label (the service label), $rate.
DEFAULT_SLI_QUERIES: dict[str, str] = {
    "http_error_ratio": (
        'sum(rate(http_requests_total{$selector,code=~"5.."}[$rate]))'
        " / sum(rate(http_requests_total{$selector}[$rate]))"
    ),
    "http_latency_p95_seconds": (
        "histogram_quantile(0.95, sum by (le) "
        "(rate(http_request_duration_seconds_bucket{$selector}[$rate])))"
    ),
    "http_latency_p99_seconds": (
        "histogram_quantile(0.99, sum by (le) "
        "(rate(http_request_duration_seconds_bucket{$selector}[$rate])))"
    ),
    "cpu_saturation": "sum(rate(process_cpu_seconds_total{$selector}[$rate]))",
    "http_request_rate": "sum(rate(http_requests_total{$selector}[$rate]))",
}

# How the scan reads the default SLIs. Each gets an absolute spread floor, so a baseline that is
# flat (often exactly 0) does not turn the first wiggle into an enormous z-score: an error ratio
# sits at 0 when all is well, so its floor is 0.2 percentage point: a 1-2 % error rate on a quiet
# service clears the alarm (z 5-10) while a stray 5xx on a busy one does not (its own baseline
# noise, measured as the MAD, is the spread whenever it is larger);
# latency quantiles computed from histogram buckets are only as precise as the bucket layout, so
# they get a 20 % relative floor and 5 ms; CPU 1 % of a core; request rate 0.1 request/s.
DEFAULT_KINDS: dict[str, MetricKind] = {
    "http_error_ratio": MetricKind(family="errors", bad_direction="up", min_scale=0.002),
    "http_latency_p95_seconds": MetricKind(
        family="latency", bad_direction="up", min_scale=0.005, rel_floor=0.2
    ),
    "http_latency_p99_seconds": MetricKind(
        family="latency", bad_direction="up", min_scale=0.005, rel_floor=0.2
    ),
    "cpu_saturation": MetricKind(family="saturation", bad_direction="up", min_scale=0.01),
    "http_request_rate": MetricKind(
        family="traffic", bad_direction="both", min_scale=0.1, weight=0.5
    ),
}

ERROR_RATIO_METRIC = "http_error_ratio"
MAX_CONCURRENT_QUERIES = 8
TARGET_POINTS = 240


class SloObjective(BaseModel):
    """An availability objective: `objective` of requests succeed over `window_days`."""

    model_config = ConfigDict(frozen=True)

    objective: float = Field(gt=0, lt=1, description="e.g. 0.999 for 99.9 %")
    window_days: float = Field(30.0, gt=0)


class EvidenceConfig(BaseModel):
    """Where the evidence comes from and how it is read. All fields have working defaults."""

    prometheus_url: str | None = None
    alertmanager_url: str | None = None
    timeout_seconds: float = Field(5.0, gt=0, description="per request")
    service_label: str = Field("job", description="the label that names a service")
    rate_window: str = Field("1m", description="the range of rate() in the SLI queries")
    sli_queries: dict[str, str] = Field(
        default_factory=dict,
        description="metric name -> PromQL template, added to or replacing the defaults",
    )
    service_queries: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="service -> (metric name -> PromQL template) for that service only",
    )
    kinds: dict[str, MetricKind] = Field(
        default_factory=dict, description="metric name -> how to read it"
    )
    slos: dict[str, SloObjective] = Field(
        default_factory=dict, description='service -> objective; "*" applies to every other service'
    )
    baseline_minutes: float = Field(30.0, gt=0)
    step_seconds: float | None = Field(
        None, gt=0, description="range-query step; None: about 240 points"
    )
    discover_services: bool = Field(True, description="also scan every service Prometheus knows")
    discovery_query: str = Field(
        "group by ($label) (up)",
        description="instant query whose `$label` values are the services to scan",
    )
    max_services: int = Field(
        500, ge=1, description="most services scanned; the evidence names any left out"
    )
    dependency_map: dict[str, list[str]] = Field(
        default_factory=dict, description="caller -> callees, used when no graph metrics exist"
    )
    graph_queries: bool = Field(
        True, description="read service-graph / Istio / Linkerd request metrics for the call graph"
    )
    infer_dependencies: bool = Field(
        True, description="without measured or configured edges, infer them from latency"
    )
    components: dict[str, str] = Field(
        default_factory=dict,
        description="series name -> component it belongs to (beyond the naming rule)",
    )
    root_cause: RootCauseOptions = Field(default_factory=RootCauseOptions)
    scan: ScanOptions = Field(default_factory=ScanOptions)

    @field_validator("prometheus_url", "alertmanager_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    def queries_for(self, service: str) -> dict[str, str]:
        """The PromQL per metric for one service, placeholders filled in."""
        templates = {
            **DEFAULT_SLI_QUERIES,
            **self.sli_queries,
            **self.service_queries.get(service, {}),
        }
        escaped = service.replace("\\", "\\\\").replace('"', '\\"')
        values = {
            "service": escaped,
            "label": self.service_label,
            "selector": f'{self.service_label}="{escaped}"',
            "rate": self.rate_window,
        }
        filled = {}
        for metric, template in templates.items():
            if not template.strip():
                continue  # an empty override switches a default query off
            try:
                filled[metric] = string.Template(template).substitute(values)
            except (KeyError, ValueError) as exc:
                raise ValueError(f"SLI query {metric!r}: unknown placeholder {exc}") from None
        return filled

    def slo_for(self, service: str) -> SloObjective | None:
        return self.slos.get(service) or self.slos.get("*")

    def scan_options(self, services: Mapping[str, str]) -> ScanOptions:
        kinds = {**self.scan.kinds, **DEFAULT_KINDS, **self.kinds}
        return self.scan.model_copy(
            update={"kinds": kinds, "services": {**self.scan.services, **services}}
        )


def _window(window: TimeWindow | tuple[datetime, datetime]) -> TimeWindow:
    if isinstance(window, TimeWindow):
        return window
    start, end = window
    return TimeWindow(start=start, end=end)


def _iso(at: datetime | None) -> str | None:
    if at is None:
        return None
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return _iso(value)
    if hasattr(value, "model_dump"):
        return _jsonable(value.model_dump())
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _step(config: EvidenceConfig, span_seconds: float) -> float:
    if config.step_seconds:
        return config.step_seconds
    return float(max(1, math.ceil(span_seconds / TARGET_POINTS)))


class _Unavailable:
    """Sources that failed, each named once with its first reason."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, source: str, reason: str) -> None:
        if not any(item["source"] == source for item in self.items):
            self.items.append({"source": source, "reason": reason})

    def has(self, source: str) -> bool:
        return any(item["source"] == source for item in self.items)


async def gather_evidence(
    services: Sequence[str],
    window: TimeWindow | tuple[datetime, datetime],
    config: EvidenceConfig,
    *,
    deploys: Sequence[Deploy] = (),
    prometheus: PrometheusClient | None = None,
    alertmanager: AlertmanagerClient | None = None,
) -> IncidentEvidence:
    """Everything the metrics say about `services` in `window` (the incident so far), compared
    with the `config.baseline_minutes` before it. See the module docstring for the keys."""
    incident = _window(window)
    baseline = TimeWindow(
        start=incident.start - timedelta(minutes=config.baseline_minutes), end=incident.start
    )
    step = _step(config, (incident.end - baseline.start).total_seconds())
    unavailable = _Unavailable()
    evidence: dict[str, Any] = {
        "anomalies": [],
        "anomaly_method": None,
        "health_matrix": [],
        "queries": [],
        "query_errors": [],
        "sources_unavailable": unavailable.items,
        "slo": {},
        "deploys": list(deploys),
        "active_alerts": [],
        "services": list(dict.fromkeys(services)),
        "window": {
            "incident": {"start": _iso(incident.start), "end": _iso(incident.end)},
            "baseline": {"start": _iso(baseline.start), "end": _iso(baseline.end)},
            "step_seconds": step,
        },
        "metrics_source": f"Prometheus {config.prometheus_url}" if config.prometheus_url else None,
    }

    alerts_task = asyncio.create_task(_active_alerts(config, alertmanager, unavailable))
    series: dict[str, dict[str, list[tuple[float, float]]]] = {}
    graph: CallGraph | None = None
    if config.prometheus_url or prometheus is not None:
        client = prometheus or PrometheusClient(
            config.prometheus_url or "", timeout=config.timeout_seconds
        )
        try:
            scanned, left_out = await _services_to_scan(
                client, config, list(services), incident, unavailable
            )
            evidence["services"] = scanned
            evidence["services_left_out"] = left_out
            series, graph = await asyncio.gather(
                _fetch_series(
                    client, config, scanned, baseline, incident, step, evidence, unavailable
                ),
                _measured_graph(client, config, incident, step, evidence, unavailable),
            )
        finally:
            if prometheus is None:
                await client.aclose()
    else:
        unavailable.add("prometheus", "not configured (no Prometheus URL)")
    evidence["active_alerts"] = await alerts_task

    if series:
        sources = {
            source: config.components.get(source.split("#", 1)[0])
            or component_of(source.split("#", 1)[0])
            for source in series
        }
        report = scan_anomalies(
            AnomalyScanRequest(
                series=series,
                incident=incident,
                baseline=baseline,
                options=config.scan_options(sources),
            )
        )
        graph = _call_graph(config, graph, series, baseline, incident, report)
        ranking = rank_root_causes(report, graph, config.root_cause)
        promql = {(q["service"], q["metric"]): q["promql"] for q in evidence["queries"]}
        evidence["anomalies"] = _anomaly_rows(report, promql, ranking.ranking())
        evidence["anomaly_method"] = report.method
        evidence["health_matrix"] = _health_rows(report, evidence["services"])
        evidence["scan_notes"] = list(report.notes)
        evidence["root_cause"] = root_cause_evidence(report, ranking)
        if len(_points_in(series, incident)) and max(_points_in(series, incident)) < 3:
            evidence["scan_notes"].append(
                t("agents4-evidence-rough", points=str(max(_points_in(series, incident))), step=f"{step:g}")
            )
    else:
        evidence["health_matrix"] = _health_rows(None, evidence["services"])
    evidence["slo"] = _slo(config, evidence["services"], series, incident)
    return IncidentEvidence.model_validate(evidence)


async def _services_to_scan(
    client: PrometheusClient,
    config: EvidenceConfig,
    asked: list[str],
    incident: TimeWindow,
    unavailable: _Unavailable,
) -> tuple[list[str], list[str]]:
    """The services to scan (asked first, then discovered) and those left out, with why."""
    services = list(dict.fromkeys(asked))
    if config.discover_services:
        label = config.service_label
        query = string.Template(config.discovery_query).safe_substitute(label=label)
        try:
            found = await client.instant(query, incident.end)
        except SourceUnavailable as exc:
            unavailable.add(exc.source, exc.reason)
            found = []
        except QueryRejected:
            found = []
        # Asked services keep their place; discovered ones follow, most active first would need
        # another query, so by name.
        for item in sorted(found, key=lambda s: s.labels.get(label, "")):
            name = item.labels.get(label)
            if name and name not in services:
                services.append(name)
    kept, dropped = services[: config.max_services], services[config.max_services :]
    left_out = (
        [
            t("agents4-evidence-left-out", dropped=str(len(dropped)), total=str(len(services)),
              most=str(config.max_services), names=", ".join(dropped))
        ]
        if dropped
        else []
    )
    return kept, left_out


async def _fetch_series(
    client: PrometheusClient,
    config: EvidenceConfig,
    services: list[str],
    baseline: TimeWindow,
    incident: TimeWindow,
    step: float,
    evidence: dict[str, Any],
    unavailable: _Unavailable,
) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """Range-query every SLI of every service over baseline + incident; failures are noted."""
    if unavailable.has("prometheus"):
        return {}
    gate = asyncio.Semaphore(MAX_CONCURRENT_QUERIES)
    jobs = [
        (service, metric, promql)
        for service in services
        for metric, promql in config.queries_for(service).items()
    ]

    async def run(service: str, metric: str, promql: str) -> list[Series] | EvidenceSourceError:
        async with gate:
            if unavailable.has("prometheus"):  # it is down: do not wait out every timeout again
                return SourceUnavailable("prometheus", "skipped: source unavailable")
            try:
                return await client.range(promql, baseline.start, incident.end, step)
            except EvidenceSourceError as exc:
                if isinstance(exc, SourceUnavailable):
                    unavailable.add(exc.source, exc.reason)
                return exc

    results = await asyncio.gather(*(run(*job) for job in jobs))
    series: dict[str, dict[str, list[tuple[float, float]]]] = {}
    for (service, metric, promql), result in zip(jobs, results, strict=True):
        query = {
            "service": service,
            "metric": metric,
            "promql": promql,
            "start": _iso(baseline.start),
            "end": _iso(incident.end),
            "step_seconds": step,
            "series": None if isinstance(result, EvidenceSourceError) else len(result),
        }
        evidence["queries"].append(query)
        if isinstance(result, QueryRejected):
            evidence["query_errors"].append(
                {"service": service, "metric": metric, "promql": promql, "error": result.reason}
            )
            continue
        if isinstance(result, EvidenceSourceError) or not result:
            continue
        # Aggregated SLIs give one series; a template that keeps labels gives several, each
        # scanned as its own source of the same service.
        for index, item in enumerate(result):
            source = service if index == 0 else f"{service}#{index}"
            series.setdefault(source, {})[metric] = item.points
    return series


async def _measured_graph(
    client: PrometheusClient,
    config: EvidenceConfig,
    incident: TimeWindow,
    step: float,
    evidence: dict[str, Any],
    unavailable: _Unavailable,
) -> CallGraph | None:
    """Call edges from service-graph or mesh request metrics, the first source that has any."""
    if not config.graph_queries or unavailable.has("prometheus"):
        return None
    for query, caller, callee, source in EDGE_QUERIES:
        try:
            found = await client.instant(query, incident.end)
        except EvidenceSourceError:
            continue
        pairs = [(s.labels.get(caller, ""), s.labels.get(callee, "")) for s in found]
        graph = CallGraph.from_pairs(pairs, source)
        if graph:
            evidence["queries"].append(
                {
                    "service": "*",
                    "metric": "call graph",
                    "promql": query,
                    "start": _iso(incident.end),
                    "end": _iso(incident.end),
                    "step_seconds": None,
                    "series": len(found),
                }
            )
            return graph
    return None


def _call_graph(
    config: EvidenceConfig,
    measured: CallGraph | None,
    series: dict[str, dict[str, list[tuple[float, float]]]],
    baseline: TimeWindow,
    incident: TimeWindow,
    report: AnomalyReport,
) -> CallGraph | None:
    """Measured edges, else the configured map, else (if allowed) edges inferred from latency."""
    names = {s.service for s in report.services}
    rename = {source: config.components.get(source) or component_of(source) for source in series}
    if measured:
        return measured.renamed(config.components)
    if config.dependency_map:
        return CallGraph.from_map(config.dependency_map).renamed(config.components)
    if not config.infer_dependencies:
        return None
    kinds = {**DEFAULT_KINDS, **config.kinds}
    return infer_from_series(
        series,
        rename,
        names,
        baseline.start.timestamp(),
        incident.end.timestamp(),
        family=lambda m: (kinds.get(m) or kind_of(m)).family,
    )


def _points_in(
    series: dict[str, dict[str, list[tuple[float, float]]]], window: TimeWindow
) -> list[int]:
    start, end = window.start.timestamp(), window.end.timestamp()
    return [
        sum(1 for t, _ in pts if start <= t < end)
        for metrics in series.values()
        for pts in metrics.values()
    ]


def root_cause_evidence(report: AnomalyReport, ranking: RootCauseRanking) -> dict[str, Any]:
    """The ranking as evidence rows, each with its path in words and an honest confidence."""
    by_name = {s.service: s for s in report.services}
    rows = []
    for rank, candidate in enumerate(
        (c for c in ranking.candidates if c.own_score > 0), start=1
    ):
        rows.append(
            {
                "rank": rank,
                "service": candidate.service,
                "score": round(candidate.score, 3),
                "own_score": round(candidate.own_score, 3),
                "path": candidate.path,
                "path_text": " <- ".join(_hop(by_name[name]) for name in candidate.path),
                "explains": candidate.explains,
            }
        )
        if rank >= 5:
            break
    confidence, why = _confidence(rows, ranking.graph_source)
    return {
        "graph_source": ranking.graph_source,
        "edges": ranking.edges_used,
        "confidence": confidence,
        "confidence_reason": why,
        "candidates": rows,
    }


def _hop(service: Any) -> str:
    """`search p99 x6`: the service's strongest metric and how far it moved."""
    flagged = [m for m in service.top_metrics if m.evidence > 0]
    if not flagged:
        return service.service
    m = flagged[0]
    if m.baseline_median and m.baseline_median > 0 and m.incident_value >= 0:
        ratio = m.incident_value / m.baseline_median
        moved = f"x{ratio:.2g}" if ratio >= 1 else t("agents4-evidence-down-to", share=f"{ratio:.0%}")
    else:
        moved = f"z {m.score:.0f}"
    return f"{service.service} {m.metric} {moved}"


# Where a call graph came from (agents/evidence/callgraph.py), in words; another source reads as is.
_GRAPH_SOURCE_KEYS = {
    "configured map": "agents4-evidence-graph-configured-map",
    "inferred from metrics": "agents4-evidence-graph-inferred",
    "service-graph metrics": "agents4-evidence-graph-service-graph",
    "Istio request metrics": "agents4-evidence-graph-istio",
    "Linkerd request metrics": "agents4-evidence-graph-linkerd",
}


def _graph_source_words(source: str) -> str:
    key = _GRAPH_SOURCE_KEYS.get(source)
    return t(key) if key else source


def _confidence(rows: list[dict[str, Any]], graph_source: str) -> tuple[str, str]:
    if not rows:
        return "low", t("agents4-evidence-nothing-moved")
    measured = graph_source not in ("none", "inferred from metrics")
    if len(rows) == 1:
        lead = float("inf")
    else:
        lead = rows[0]["score"] / rows[1]["score"] if rows[1]["score"] > 0 else float("inf")
    graph = t("agents4-evidence-no-graph") if graph_source == "none" else t("agents4-evidence-graph", source=_graph_source_words(graph_source))
    if math.isinf(lead):
        alone = t("agents4-evidence-only-one-moved", service=rows[0]['service'], graph=graph)
        return ("high" if measured else "medium"), alone
    if lead >= 2 and measured:
        return "high", t("agents4-evidence-lead", service=rows[0]['service'], lead=f"{lead:.1f}", graph=graph)
    if lead >= 1.3:
        return "medium", t("agents4-evidence-lead", service=rows[0]['service'], lead=f"{lead:.1f}", graph=graph)
    return "low", t("agents4-evidence-close", lead=f"{lead:.2f}", graph=graph)


async def _active_alerts(
    config: EvidenceConfig, client: AlertmanagerClient | None, unavailable: _Unavailable
) -> list[dict[str, Any]]:
    if client is None and not config.alertmanager_url:
        return []
    am = client or AlertmanagerClient(config.alertmanager_url or "", timeout=config.timeout_seconds)
    try:
        alerts = await am.active_alerts()
    except SourceUnavailable as exc:
        unavailable.add(exc.source, exc.reason)
        return []
    finally:
        if client is None:
            await am.aclose()
    return [
        _jsonable(
            a.model_dump(
                include={"name", "state", "labels", "annotations", "starts_at", "fingerprint"}
            )
        )
        for a in alerts
    ]


def _anomaly_rows(
    report: AnomalyReport, promql: dict[tuple[str, str], str], order: list[str]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    rank = 0
    place = {name: i for i, name in enumerate(order)}
    for service in sorted(report.services, key=lambda s: place.get(s.service, len(place))):
        flagged = [m for m in service.top_metrics if m.evidence > 0]
        if not flagged:
            continue
        rank += 1
        for metric in flagged:
            rows.append(
                {
                    "rank": rank,
                    "service": service.service,
                    "service_score": round(service.score, 3),
                    "metric": metric.metric,
                    "score": round(metric.score, 2),
                    "direction": metric.direction,
                    "change_start": _iso(metric.change_start),
                    "peak_at": _iso(metric.peak_at),
                    "baseline_median": _jsonable(metric.baseline_median),
                    "incident_value": _jsonable(metric.incident_value),
                    "family": metric.family,
                    "summary": metric.summary,
                    "promql": promql.get((service.service, metric.metric)),
                }
            )
    return rows


_SEVERITY_ORDER = {"no_data": -1, "ok": 0, "degraded": 1, "critical": 2}


def _health_rows(report: AnomalyReport | None, services: list[str]) -> list[dict[str, Any]]:
    rows = []
    seen = set()
    for health in report.health_matrix() if report else []:
        row = health.model_dump()
        row["overall"] = max((row[f] for f in HEALTH_FAMILIES), key=lambda s: _SEVERITY_ORDER[s])
        rows.append(row)
        seen.add(health.service)
    for service in services:
        if service not in seen:
            rows.append(
                {
                    "service": service,
                    **{f: "no_data" for f in HEALTH_FAMILIES},
                    "overall": "no_data",
                }
            )
    return rows


def _mean_in(points: list[tuple[float, float]], window: TimeWindow) -> float | None:
    start, end = window.start.timestamp(), window.end.timestamp()
    values = [v for t, v in points if start <= t <= end and math.isfinite(v)]
    return sum(values) / len(values) if values else None


_SLO_ORDER = {"unknown": -1, "ok": 0, "at_risk": 1, "breached": 2}


def _slo(
    config: EvidenceConfig,
    services: list[str],
    series: dict[str, dict[str, list[tuple[float, float]]]],
    incident: TimeWindow,
) -> dict[str, Any]:
    minutes = (incident.end - incident.start).total_seconds() / 60
    rows = []
    for service in services:
        slo = config.slo_for(service)
        if slo is None:
            continue
        ratio = _mean_in(series.get(service, {}).get(ERROR_RATIO_METRIC, []), incident)
        budget = 1 - slo.objective
        row: dict[str, Any] = {
            "service": service,
            "objective": slo.objective,
            "window_days": slo.window_days,
            "error_ratio": None if ratio is None else round(ratio, 6),
            "burn_rate": None,
            "budget_burned": None,
            "incident_minutes": round(minutes, 2),
            "status": "unknown",
        }
        if ratio is not None:
            burn_rate = ratio / budget
            burned = ratio * minutes / (budget * slo.window_days * 24 * 60)
            row["burn_rate"] = round(burn_rate, 3)
            row["budget_burned"] = round(burned, 6)
            row["status"] = "breached" if burned >= 1 else "at_risk" if burn_rate > 1 else "ok"
        rows.append(row)
    if not rows:
        return {
            "status": "unknown",
            "detail": t("agents4-evidence-no-slo"),
            "error_budget": t("agents4-evidence-not-reported"),
            "objective": None,
            "services": [],
        }
    rows.sort(key=lambda r: (-_SLO_ORDER[r["status"]], -(r["budget_burned"] or 0), r["service"]))
    worst = rows[0]
    objective = t("agents4-evidence-objective", share=f"{worst['objective'] * 100:g}",
                  days=f"{worst['window_days']:g}")
    if worst["status"] == "unknown":
        detail = t("agents4-evidence-slo-no-data", service=worst['service'], objective=objective)
        budget_text = t("agents4-evidence-budget-no-data")
    else:
        span = (t("agents4-evidence-span-min", n=f"{minutes:.0f}") if minutes >= 1
                else t("agents4-evidence-span-s", n=f"{minutes * 60:.0f}"))
        detail = t("agents4-evidence-slo-detail", service=worst['service'],
                   ratio=f"{worst['error_ratio'] * 100:.2f}", span=span,
                   burn=f"{worst['burn_rate']:.1f}", objective=objective)
        budget_text = t("agents4-evidence-budget", share=f"{worst['budget_burned'] * 100:.3g}",
                        days=f"{worst['window_days']:g}", service=worst['service'])
    return {
        "status": worst["status"],
        "detail": detail,
        "error_budget": budget_text,
        "objective": worst["objective"],
        "services": rows,
    }
