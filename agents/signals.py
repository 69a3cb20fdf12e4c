"""The evidence as the offline steps read it: anomalies in the scan's ranking, one health status
per service, recent changes as sentences, and where the figures came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from agents.evidence.metric_kinds import HEALTH_FAMILIES
from agents.evidence.models import AnomalyRow, HealthRow, IncidentEvidence, RootCauseEvidence

ServiceStatus = Literal["healthy", "degraded", "down", "unknown"]


@dataclass(frozen=True)
class ServiceStatusRow:
    service: str
    status: ServiceStatus
    signals: str


@dataclass
class Signals:
    """What the evidence says, in plain rows."""

    anomalies: list[AnomalyRow] = field(default_factory=list)
    health: list[ServiceStatusRow] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    method: str | None = None
    source: str | None = None
    root_cause: RootCauseEvidence | None = None
    gaps: list[str] = field(default_factory=list)

    @property
    def has_metrics(self) -> bool:
        return bool(self.anomalies or self.health)

    def top_services(self, n: int = 3) -> list[str]:
        seen: list[str] = []
        for row in self.anomalies:
            if row.service not in seen:
                seen.append(row.service)
        return seen[:n]


_STATUS: dict[str, ServiceStatus] = {
    "ok": "healthy", "degraded": "degraded", "critical": "down", "no_data": "unknown",
}
_WORST = ("no_data", "ok", "degraded", "critical")


def _status(row: HealthRow) -> ServiceStatusRow:
    values = [getattr(row, f) for f in HEALTH_FAMILIES]
    worst = max(values, key=_WORST.index)
    families = ", ".join(f"{f} {v}" for f, v in zip(HEALTH_FAMILIES, values, strict=True))
    return ServiceStatusRow(row.service, _STATUS[worst], families)


def read_signals(evidence: IncidentEvidence) -> Signals:
    # The scan ranks services on all their evidence; a single metric's z is not the ranking.
    anomalies = sorted(evidence.anomalies, key=lambda r: (
        r.rank if r.rank is not None else float("inf"),
        -(r.score if r.score is not None else float("-inf"))))
    return Signals(
        anomalies=anomalies,
        health=[_status(row) for row in evidence.health_matrix],
        changes=[deploy.describe() for deploy in evidence.deploys],
        method=evidence.anomaly_method,
        source=evidence.metrics_source,
        root_cause=evidence.root_cause if evidence.root_cause and evidence.root_cause.candidates
        else None,
        gaps=[*evidence.services_left_out, *evidence.scan_notes],
    )
