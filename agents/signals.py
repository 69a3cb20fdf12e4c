"""A tolerant reader of the evidence other tools put into `IncidentContext.evidence`.

The evidence is free-form (the metric scan, a deploy feed, a log search may each add a key), so
this module accepts the shapes it knows and counts what it had to skip instead of failing:

- `evidence["anomalies"]`: a ranked list of `{service, metric, score, direction, change_start}`
  (extra keys such as `summary` are kept), or an anomaly report (`{"services": [...],
  "method": ...}`, a dict or a pydantic object) whose services carry `top_metrics` and `health`.
- `evidence["recent_changes"]` / `evidence["deploys"]`: strings or `{service, version, at, ...}`.
- `evidence["metrics_source"]` / `evidence["source"]`: where the figures came from, for citing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class AnomalyRow:
    service: str
    metric: str
    score: float | None
    direction: str  # up | down | unknown
    change_start: str | None
    summary: str = ""
    rank: int | None = None  # the service's place in the scan's ranking, when given


@dataclass(frozen=True)
class HealthRow:
    service: str
    status: str  # healthy | degraded | down | unknown
    signals: str


@dataclass
class Signals:
    """What the evidence says, in plain rows, plus what could not be read."""

    anomalies: list[AnomalyRow] = field(default_factory=list)
    health: list[HealthRow] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    method: str | None = None
    source: str | None = None
    skipped: int = 0

    @property
    def has_metrics(self) -> bool:
        return bool(self.anomalies or self.health)

    def top_services(self, n: int = 3) -> list[str]:
        seen: list[str] = []
        for row in self.anomalies:
            if row.service not in seen:
                seen.append(row.service)
        return seen[:n]


def _plain(item: Any) -> Any:
    """pydantic objects and dataclasses become dicts; everything else passes through."""
    if hasattr(item, "model_dump"):
        return item.model_dump()
    if hasattr(item, "__dataclass_fields__"):
        return {k: getattr(item, k) for k in item.__dataclass_fields__}
    return item


def _time(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.isoformat()
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(float(value), tz=UTC).isoformat()
    return str(value)


def _score(value: Any) -> float | None:
    try:
        score = float(value)
    except (TypeError, ValueError):
        return None
    return score if score == score else None  # NaN -> None


def _direction(value: Any) -> str:
    text = str(value or "").strip().lower()
    if text in {"up", "+", "increase", "increased", "rise", "higher", "high"}:
        return "up"
    if text in {"down", "-", "decrease", "decreased", "drop", "fall", "lower", "low"}:
        return "down"
    return "unknown"


def _row(item: dict[str, Any]) -> AnomalyRow | None:
    service = item.get("service") or item.get("source") or item.get("pod")
    metric = item.get("metric") or item.get("name")
    if not service or not metric:
        return None
    return AnomalyRow(
        service=str(service),
        metric=str(metric),
        score=_score(item.get("score")),
        direction=_direction(item.get("direction")),
        change_start=_time(item.get("change_start")),
        summary=str(item.get("summary") or ""),
        rank=item["rank"] if isinstance(item.get("rank"), int) else None,
    )


_HEALTH_WORDS = {"ok": 0, "healthy": 0, "no_data": -1, "degraded": 1, "critical": 2, "down": 2}


def _health_row(service: str, health: Any) -> HealthRow | None:
    health = _plain(health)
    if isinstance(health, str):
        status = {"ok": "healthy", "critical": "down"}.get(health, health)
        return HealthRow(service, status if status in {"healthy", "degraded", "down"} else
                         "unknown", f"overall {health}")
    if not isinstance(health, dict):
        return None
    families = {k: str(v) for k, v in health.items() if k != "service" and isinstance(v, str)}
    if not families:
        return None
    worst = max(_HEALTH_WORDS.get(v, -1) for v in families.values())
    status = {-1: "unknown", 0: "healthy", 1: "degraded", 2: "down"}[worst]
    return HealthRow(service, status, ", ".join(f"{k} {v}" for k, v in families.items()))


def read_signals(evidence: dict[str, Any] | None) -> Signals:
    """Everything readable in `evidence`; never raises on an unexpected shape."""
    signals = Signals()
    if not evidence:
        return signals
    raw = _plain(evidence.get("anomalies", evidence.get("anomaly_report")))
    if isinstance(raw, dict):
        signals.method = str(raw["method"]) if raw.get("method") else None
        raw = raw.get("services") or raw.get("ranked") or raw.get("items") or []
    if isinstance(raw, (list, tuple)):
        for entry in raw:
            entry = _plain(entry)
            if not isinstance(entry, dict):
                signals.skipped += 1
                continue
            metrics = entry.get("top_metrics")
            if isinstance(metrics, list):  # a service from an anomaly report
                service = str(entry.get("service") or "unknown")
                rows = [
                    _row({"service": service, **_plain(m)}) for m in metrics
                    if isinstance(_plain(m), dict)
                ]
                rows = [r for r in rows if r is not None]
                if rows:
                    signals.anomalies.append(rows[0])
                else:
                    signals.skipped += 1
                if entry.get("health") is not None:
                    row = _health_row(service, entry["health"])
                    if row:
                        signals.health.append(row)
                continue
            row = _row(entry)
            if row is None:
                signals.skipped += 1
            else:
                signals.anomalies.append(row)
    elif raw is not None:
        signals.skipped += 1
    # The scan ranks services on all their evidence; a single metric's z is not the ranking.
    signals.anomalies.sort(key=lambda r: (r.rank if r.rank is not None else float("inf"),
                                          -(r.score if r.score is not None else float("-inf"))))
    known = {row.service for row in signals.health}
    for entry in evidence.get("health_matrix") or []:
        entry = _plain(entry)
        if isinstance(entry, dict) and entry.get("service") and entry["service"] not in known:
            row = _health_row(str(entry["service"]), entry)
            if row:
                signals.health.append(row)

    for key in ("recent_changes", "deploys", "changes"):
        for change in evidence.get(key) or []:
            change = _plain(change)
            if isinstance(change, dict):
                bits = [str(change[k]) for k in ("service", "version", "description", "summary")
                        if change.get(k)]
                when = _time(next((change[k] for k in ("at", "time", "deployed_at")
                                   if change.get(k) is not None), None))
                if bits:
                    signals.changes.append(" ".join(bits) + (f" at {when}" if when else ""))
            elif isinstance(change, str) and change.strip():
                signals.changes.append(change.strip())
    source = evidence.get("metrics_source") or evidence.get("source")
    signals.source = str(source) if source else None
    return signals
