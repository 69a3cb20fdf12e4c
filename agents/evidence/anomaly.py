"""Metric anomaly scan: which services look abnormal in the incident window, and since when.

Pure (no I/O). For every series (a pod's or a service's metric) the scan compares the incident
window with a baseline window using robust statistics:

- baseline median and scaled MAD (mean absolute deviation when the MAD is 0), the spread floored
  at `rel_floor` x |median| (the kind's own, else the option) and at the kind's `min_scale`;
- robust z = (value - median) / spread, read in the metric's bad direction (latency and CPU up,
  success rate down, traffic either way); the metric's score is the mean of the `top_k` worst
  incident points, so one stray sample counts for half as much as a sustained shift;
- change start: a one-sided CUSUM over the robust z from the baseline start, dated to the start
  of the excursion containing the incident's worst point (reported only above the alarm).

Pods are folded into their service (`service_of`). Ranking combines evidence across the
golden-signal families: a metric at or above `degraded_z` contributes weight x ln(1 + z) (weight
from its `MetricKind`: 0.5 for outbound-call latency and traffic, which mostly mirror other
services), each family counts its strongest metric once, and the service score is the sum over
families. So a CPU spike *and* slow responses outrank one enormous z on a noisy metric, and
p90/p95/p99 of the same latency do not triple-count. The result names every figure it used so
an agent can cite it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from agents.evidence.metric_kinds import HEALTH_FAMILIES, Family, MetricKind, kind_of
from agents.evidence.models import (
    AnomalyReport,
    AnomalyScanRequest,
    Health,
    MetricAnomaly,
    Point,
    ScanOptions,
    ServiceAnomaly,
    ServiceHealth,
)
from agents.evidence.robust import cusum_start, median, robust_scale, top_mean
from agents.evidence.service_names import component_of
from i18n import t

METHOD = (
    "robust z = (x - baseline median) / max(1.4826*MAD, floors), read in each metric's bad "
    "direction; metric score = mean of the {k} worst incident points; evidence = weight*ln(1+z) "
    "for z >= {degraded}; service score = sum over families of the family's strongest evidence; "
    "change start = one-sided CUSUM (slack {slack}) excursion start"
)


FEW_POINTS = 12


def scan_anomalies(request: AnomalyScanRequest) -> AnomalyReport:
    """Score every service's metrics in the incident window against the baseline and rank them."""
    opts = request.options
    windows = _Windows.of(request)
    by_service: dict[str, list[_Scored]] = {}
    thin: dict[str, int] = {}
    for source, metrics in request.series.items():
        service = opts.services.get(source) or component_of(source)
        by_service.setdefault(service, [])
        for metric, points in metrics.items():
            kind = opts.kinds.get(metric) or kind_of(metric)
            found = _score_series(source, metric, points, kind, windows, opts)
            if found is not None:
                by_service[service].append(found)
            else:
                thin[service] = thin.get(service, 0) + 1
    notes = [
        t("agents4-evidence-too-little-data", service=service, count=str(count),
          points=str(opts.min_baseline_points))
        for service, count in sorted(thin.items())
        if not by_service[service]
    ]

    ranked = sorted(
        (_service_anomaly(service, found, opts) for service, found in by_service.items()),
        key=lambda s: (-s.score, -_worst_z(s), s.service),
    )
    return AnomalyReport(
        incident=request.incident,
        baseline=request.baseline,
        method=METHOD.format(k=opts.top_k, degraded=opts.degraded_z, slack=opts.cusum_slack),
        services=ranked,
        notes=notes,
    )


@dataclass(frozen=True, slots=True)
class _Scored:
    """One scored series, kept light until it is chosen for the report."""

    source: str
    metric: str
    family: Family
    score: float
    evidence: float
    robust_z: float
    baseline_median: float
    baseline_scale: float
    incident_value: float
    peak_ts: float
    change_ts: float | None

    def anomaly(self) -> MetricAnomaly:
        found = MetricAnomaly(
            metric=self.metric,
            source=self.source,
            family=self.family,
            score=self.score,
            evidence=self.evidence,
            robust_z=self.robust_z,
            direction="up" if self.robust_z >= 0 else "down",
            baseline_median=self.baseline_median,
            baseline_scale=self.baseline_scale,
            incident_value=self.incident_value,
            peak_at=_utc(self.peak_ts),
            change_start=None if self.change_ts is None else _utc(self.change_ts),
            summary="",
        )
        found.summary = describe(found)
        return found


class _Windows:
    """The request's windows as unix seconds, for fast masking."""

    def __init__(self, b0: float, b1: float, i0: float, i1: float) -> None:
        self.b0, self.b1, self.i0, self.i1 = b0, b1, i0, i1

    @classmethod
    def of(cls, request: AnomalyScanRequest) -> _Windows:
        return cls(
            request.baseline.start.timestamp(),
            request.baseline.end.timestamp(),
            request.incident.start.timestamp(),
            request.incident.end.timestamp(),
        )


def _score_series(
    source: str,
    metric: str,
    points: list[Point],
    kind: MetricKind,
    windows: _Windows,
    opts: ScanOptions,
) -> _Scored | None:
    """Score one series, or None when the baseline or incident window lacks usable points."""
    data = np.asarray(points, dtype=float).reshape(-1, 2)
    data = data[np.isfinite(data).all(axis=1)]
    data = data[np.argsort(data[:, 0], kind="stable")]
    ts, values = data[:, 0], data[:, 1]
    baseline = values[(ts >= windows.b0) & (ts < windows.b1)]
    in_incident = (ts >= windows.i0) & (ts < windows.i1)
    if baseline.size < opts.min_baseline_points or not in_incident.any():
        return None

    centre = median(baseline)
    rel_floor = opts.rel_floor if kind.rel_floor is None else kind.rel_floor
    scale = robust_scale(baseline, rel_floor, kind.min_scale)
    if baseline.size < FEW_POINTS:
        # Coarse data (e.g. 5-minute samples): a spread from a handful of points is itself
        # uncertain, so it is widened rather than trusted to the decimal.
        scale *= math.sqrt(FEW_POINTS / baseline.size)
    z = (values - centre) / scale
    bad = _bad_side(z, kind)
    incident_bad = bad[in_incident]
    # With only 2-3 incident points, "the k worst" would be all of them: halve k instead.
    top_k = max(1, min(opts.top_k, incident_bad.size // 2))
    score = max(0.0, top_mean(incident_bad, top_k))
    peak = int(np.flatnonzero(in_incident)[int(np.argmax(incident_bad))])

    change_ts = None
    if score >= opts.alarm_z:
        scanned = ts >= windows.b0
        offset = int(np.argmax(scanned))
        change_ts = float(ts[offset + cusum_start(bad[scanned], peak - offset, opts.cusum_slack)])

    return _Scored(
        source=source,
        metric=metric,
        family=kind.family,
        score=score,
        evidence=kind.weight * math.log1p(score) if score >= opts.degraded_z else 0.0,
        robust_z=float(z[peak]),
        baseline_median=centre,
        baseline_scale=scale,
        incident_value=float(values[peak]),
        peak_ts=float(ts[peak]),
        change_ts=change_ts,
    )


def describe(found: MetricAnomaly) -> str:
    """One citable sentence, e.g. `p99 ... rose from 12 ms (baseline median) to 480 ms ...`."""
    since = found.change_start or found.peak_at
    return t("agents4-evidence-describe", metric=found.metric, source=found.source,
             direction="up" if found.direction == "up" else "down",
             baseline=_fmt(found.baseline_median, found.metric),
             value=_fmt(found.incident_value, found.metric),
             moment="starting" if found.change_start else "peaking",
             since=f"{since:%Y-%m-%d %H:%M:%S}", z=f"{found.robust_z:.1f}")


def _bad_side(z: np.ndarray, kind: MetricKind) -> np.ndarray:
    if kind.bad_direction == "up":
        return z
    if kind.bad_direction == "down":
        return -z
    return np.abs(z)


def _service_anomaly(service: str, found: list[_Scored], opts: ScanOptions) -> ServiceAnomaly:
    """Score = sum of each family's strongest evidence; report each family's leader first."""
    ordered = sorted(found, key=lambda m: (-m.evidence, -m.score, m.metric, m.source))
    leaders: dict[str, _Scored] = {}
    for m in ordered:
        leaders.setdefault(m.family, m)
    lead = [m for m in leaders.values() if m.evidence > 0]
    rest = [m for m in ordered if not any(m is chosen for chosen in lead)]
    return ServiceAnomaly(
        service=service,
        score=sum(m.evidence for m in leaders.values()),
        top_metrics=[m.anomaly() for m in (lead + rest)[: opts.max_metrics]],
        health=_health(service, ordered, opts),
    )


def _worst_z(service: ServiceAnomaly) -> float:
    return max((m.score for m in service.top_metrics), default=0.0)


def _health(service: str, found: list[_Scored], opts: ScanOptions) -> ServiceHealth:
    worst: dict[str, float] = {}
    for m in found:
        worst[m.family] = max(worst.get(m.family, 0.0), m.score)
    status: dict[str, Health] = {}
    for family in HEALTH_FAMILIES:
        if family not in worst:
            status[family] = "no_data"
        elif worst[family] >= opts.alarm_z:
            status[family] = "critical"
        elif worst[family] >= opts.degraded_z:
            status[family] = "degraded"
        else:
            status[family] = "ok"
    return ServiceHealth(service=service, **status)


def _utc(unix_seconds: float) -> datetime:
    return datetime.fromtimestamp(float(unix_seconds), tz=timezone.utc)


def _fmt(value: float, metric: str) -> str:
    name = metric.lower()
    if "_seconds" in name or "(s)" in name:
        return f"{value * 1000:.3g} ms"
    if "percent" in name or "%" in name:
        return f"{value:.3g} %"
    return f"{value:.4g}"
