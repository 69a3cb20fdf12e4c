"""Typed inputs and outputs of the metric anomaly scan.

Points are `(unix_seconds, value)` pairs, the shape a Prometheus range query returns (string
values such as "0.5" or "NaN" are accepted and converted). Windows are timezone-aware datetimes;
naive ones are read as UTC, and unix seconds are accepted too.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from agents.evidence.metric_kinds import Family, MetricKind

Point = tuple[float, float]
Health = Literal["ok", "degraded", "critical", "no_data"]


class TimeWindow(BaseModel):
    """A half-open time range [start, end)."""

    model_config = ConfigDict(frozen=True)

    start: datetime
    end: datetime

    @field_validator("start", "end")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value

    @model_validator(mode="after")
    def _ordered(self) -> TimeWindow:
        if self.end <= self.start:
            raise ValueError("window end must be after its start")
        return self


class ScanOptions(BaseModel):
    """Knobs of the scan; the defaults are the ones measured on the Nezha fault-injection data."""

    model_config = ConfigDict(frozen=True)

    degraded_z: float = Field(3.0, gt=0, description="bad-direction robust z for 'degraded'")
    alarm_z: float = Field(6.0, gt=0, description="bad-direction robust z for 'critical'")
    rel_floor: float = Field(0.05, ge=0, description="spread floor as a share of |baseline median|")
    top_k: int = Field(2, ge=1, description="incident statistic: mean of the k worst points")
    min_baseline_points: int = Field(5, ge=2)
    cusum_slack: float = Field(
        3.0, ge=0, description="CUSUM allowance in robust z: half the smallest alarming shift"
    )
    max_metrics: int = Field(5, ge=1, description="metrics reported per service")
    kinds: dict[str, MetricKind] = Field(
        default_factory=dict, description="metric name -> kind, overriding the name-based guess"
    )
    services: dict[str, str] = Field(
        default_factory=dict, description="series source -> service, overriding pod-name parsing"
    )


class AnomalyScanRequest(BaseModel):
    """Metric series per source (a service or a pod), with the windows to compare."""

    series: dict[str, dict[str, list[Point]]]
    incident: TimeWindow
    baseline: TimeWindow
    options: ScanOptions = Field(default_factory=ScanOptions)

    @model_validator(mode="after")
    def _baseline_first(self) -> AnomalyScanRequest:
        if self.baseline.start >= self.incident.start:
            raise ValueError("the baseline must start before the incident window")
        return self

    @classmethod
    def around(
        cls,
        series: dict[str, dict[str, list[Point]]],
        incident_time: datetime,
        *,
        baseline_minutes: float = 30,
        incident_minutes: float = 5,
        options: ScanOptions | None = None,
    ) -> AnomalyScanRequest:
        """Baseline: the `baseline_minutes` before `incident_time`; incident: the minutes after."""
        if incident_time.tzinfo is None:
            incident_time = incident_time.replace(tzinfo=timezone.utc)
        return cls(
            series=series,
            baseline=TimeWindow(
                start=incident_time - timedelta(minutes=baseline_minutes), end=incident_time
            ),
            incident=TimeWindow(
                start=incident_time, end=incident_time + timedelta(minutes=incident_minutes)
            ),
            options=options or ScanOptions(),
        )


class MetricAnomaly(BaseModel):
    """How abnormal one metric of one source was in the incident window, and since when."""

    metric: str
    source: str = Field(description="the series it came from: the pod, or the service itself")
    family: Family
    score: float = Field(description="robust z in the metric's bad direction (0 if it improved)")
    evidence: float = Field(description="weight * ln(1 + score) when score >= degraded_z, else 0")
    robust_z: float = Field(description="signed robust z of the incident value")
    direction: Literal["up", "down"]
    baseline_median: float
    baseline_scale: float = Field(description="floored scaled MAD the z-score divides by")
    incident_value: float = Field(description="the incident window's worst value")
    peak_at: datetime
    change_start: datetime | None = Field(description="CUSUM estimate; None below the alarm")
    summary: str


class ServiceHealth(BaseModel):
    """One row of the health matrix: the worst status per golden-signal family."""

    service: str
    errors: Health
    latency: Health
    saturation: Health
    traffic: Health


class ServiceAnomaly(BaseModel):
    """A service's anomaly score with the metrics behind it.

    `top_metrics` lists the strongest metric of each anomalous family first (so CPU and latency
    both show, rather than p90, p95 and p99 of one latency), then the rest by evidence.
    """

    service: str
    score: float = Field(description="sum over metric families of the family's best evidence")
    top_metrics: list[MetricAnomaly]
    health: ServiceHealth


class AnomalyReport(BaseModel):
    """Services ranked by anomaly score, worst first, with the method that ranked them.

    `notes` say what the scan could not judge (a series with too few points in the baseline or
    the incident window at its resolution), so a thin case says so instead of ranking noise.
    """

    incident: TimeWindow
    baseline: TimeWindow
    method: str
    services: list[ServiceAnomaly]
    notes: list[str] = Field(default_factory=list)

    def ranking(self) -> list[str]:
        """Service names, most anomalous first."""
        return [s.service for s in self.services]

    def health_matrix(self) -> list[ServiceHealth]:
        """Health rows in ranking order."""
        return [s.health for s in self.services]


# --- what the agent steps read: `IncidentContext.evidence` ------------------------------------


class AnomalyRow(BaseModel):
    """One anomalous metric of a service the scan flagged; rows come in the scan's ranking."""

    rank: int | None = Field(None, description="1 for the most anomalous service")
    service: str
    service_score: float | None = Field(None, description="the service's ranking score")
    metric: str
    score: float | None = Field(None, description="robust z in the bad direction; >= 6 alarms")
    direction: Literal["up", "down", "unknown"] = "unknown"
    change_start: str | None = Field(None, description="ISO 8601 UTC; None below the alarm")
    peak_at: str | None = None
    baseline_median: float | None = None
    incident_value: float | None = None
    family: str | None = None
    summary: str = ""
    promql: str | None = None


class RootCauseRow(BaseModel):
    """One root-cause candidate after the walk over the call graph."""

    rank: int
    service: str
    score: float = Field(description="root-cause score (the scan's own score without a graph)")
    own_score: float = Field(description="the scan's anomaly score of this service alone")
    path: list[str] = Field(description="outermost anomalous caller first, this service last")
    path_text: str = Field(description="e.g. 'gateway p99 x9 <- search p99 x6 <- db cpu x3'")
    explains: list[str] = Field(default_factory=list)


class RootCauseEvidence(BaseModel):
    """Where the blame lands along the call graph, how the graph was known, how sure it is."""

    graph_source: str = Field(description="service-graph metrics, Istio/Linkerd, configured, "
                              "inferred from metrics, or none")
    edges: int = Field(0, description="call edges known")
    confidence: Literal["high", "medium", "low"] = "low"
    confidence_reason: str = ""
    candidates: list[RootCauseRow] = Field(default_factory=list)


class HealthRow(BaseModel):
    """One row of the health matrix, with the worst family as `overall`."""

    service: str
    errors: Health = "no_data"
    latency: Health = "no_data"
    saturation: Health = "no_data"
    traffic: Health = "no_data"
    overall: Health = "no_data"


class QueryRecord(BaseModel):
    """A PromQL query that was run, for citing; `series` is None when it failed."""

    service: str
    metric: str
    promql: str
    start: str | None = None
    end: str | None = None
    step_seconds: float | None = None
    series: int | None = None


class QueryError(BaseModel):
    service: str
    metric: str
    promql: str
    error: str


class UnavailableSource(BaseModel):
    """A source that was down, slow or not configured."""

    source: str
    reason: str


class SloServiceBurn(BaseModel):
    service: str
    objective: float
    window_days: float
    error_ratio: float | None = None
    burn_rate: float | None = None
    budget_burned: float | None = None
    incident_minutes: float
    status: Literal["breached", "at_risk", "ok", "unknown"] = "unknown"


class SloReport(BaseModel):
    """Error-budget status, worst over the services with an objective."""

    status: Literal["breached", "at_risk", "ok", "unknown"] = "unknown"
    detail: str
    error_budget: str = "not reported"
    objective: float | None = None
    services: list[SloServiceBurn] = Field(default_factory=list)


class ActiveAlert(BaseModel):
    name: str
    state: str
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict)
    starts_at: str | None = None
    fingerprint: str | None = None


class Deploy(BaseModel):
    """A recorded deploy; fields a deploy feed adds beyond these are dropped."""

    model_config = ConfigDict(extra="ignore")

    service: str
    version: str
    at: datetime | None = None
    who: str = ""
    link: str = ""
    environment: str = ""
    description: str = ""

    def describe(self) -> str:
        what = f" {self.description}" if self.description else ""
        when = f" at {self.at.astimezone(timezone.utc).isoformat()}" if self.at else ""
        return f"{self.service} {self.version}{what}{when}"


class EvidenceWindow(BaseModel):
    incident: TimeWindow
    baseline: TimeWindow
    step_seconds: float


class IncidentEvidence(BaseModel):
    """Everything gathered about an incident for the agent steps, in one typed shape.

    `gather_evidence` fills the metric part (see agents/evidence/collect.py for what each field
    means); the rest is for other tools (a log search, a tracing backend, a support tool, a
    context file given to the CLI). An unknown field is refused, so a typo is an error, not
    evidence silently ignored.
    """

    model_config = ConfigDict(extra="forbid")

    anomalies: list[AnomalyRow] = Field(default_factory=list)
    anomaly_method: str | None = None
    health_matrix: list[HealthRow] = Field(default_factory=list)
    queries: list[QueryRecord] = Field(default_factory=list)
    query_errors: list[QueryError] = Field(default_factory=list)
    sources_unavailable: list[UnavailableSource] = Field(default_factory=list)
    slo: SloReport | None = None
    deploys: list[Deploy] = Field(default_factory=list)
    active_alerts: list[ActiveAlert] = Field(default_factory=list)
    services: list[str] = Field(default_factory=list)
    services_left_out: list[str] = Field(
        default_factory=list, description="services known but not scanned, with the reason"
    )
    scan_notes: list[str] = Field(
        default_factory=list, description="what the scan could not judge, and why"
    )
    root_cause: RootCauseEvidence | None = None
    window: EvidenceWindow | None = None
    metrics_source: str | None = Field(None, description="e.g. 'Prometheus http://...', to cite")
    # From other tools.
    error_patterns: list[str] = Field(default_factory=list, description="log search results")
    traces: str | None = Field(None, description="a trace analysis from a tracing backend")
    rum: str | None = Field(None, description="real-user monitoring summary")
    audit_log: list[str] = Field(default_factory=list)
    dashboards: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list, description="regions known to be affected")
    failed_transactions: float | None = None
    support_tickets: float | None = None
    revenue_per_minute: float | None = None
    failure_ratio: float | None = Field(None, ge=0, le=1, description="share of requests failing")
