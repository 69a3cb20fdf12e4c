"""Evidence steps for the incident agent: metric anomaly scans that point at a faulty service."""

from agents.evidence.anomaly import describe, scan_anomalies
from agents.evidence.metric_kinds import MetricKind, kind_of
from agents.evidence.models import (
    AnomalyReport,
    AnomalyScanRequest,
    MetricAnomaly,
    ScanOptions,
    ServiceAnomaly,
    ServiceHealth,
    TimeWindow,
)
from agents.evidence.service_names import service_of

__all__ = [
    "AnomalyReport",
    "AnomalyScanRequest",
    "MetricAnomaly",
    "MetricKind",
    "ScanOptions",
    "ServiceAnomaly",
    "ServiceHealth",
    "TimeWindow",
    "describe",
    "kind_of",
    "scan_anomalies",
    "service_of",
]
