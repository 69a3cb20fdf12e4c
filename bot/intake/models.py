"""Webhook payloads as they arrive (Alertmanager v4, PagerDuty V3, deploy events) and the one
alert shape the bot keeps (`Alert`), whatever sent it.

Alertmanager's webhook (prometheus.io/docs/alerting/latest/configuration/#webhook_config):
`{"version": "4", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels",
"commonLabels", "commonAnnotations", "externalURL", "alerts": [{"status", "labels",
"annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"}]}`.

PagerDuty V3 webhook: `{"event": {"id", "event_type", "resource_type", "occurred_at", "agent",
"client", "data": {incident: "id", "type", "number", "status", "title", "urgency", "html_url",
"service": {"summary", ...}, "priority": {"summary"} | null, ...}}}`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any, Literal

from agents.redact import redact, redact_data
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator

AlertStatus = Literal["firing", "resolved"]
# Alertmanager's "no end" time is 0001-01-01T00:00:00Z; anything before this means unset.
_NO_TIME_BEFORE = datetime(1971, 1, 1, tzinfo=UTC)


class PayloadInvalid(ValueError):
    """A webhook body that cannot be used; the message says why (answered 400)."""


def describe_validation_error(exc: ValidationError, limit: int = 5) -> str:
    """`alerts.0.status: Input should be 'firing' or 'resolved'; ...` (first `limit` problems)."""
    problems = []
    for error in exc.errors()[:limit]:
        where = ".".join(str(part) for part in error["loc"]) or "body"
        problems.append(f"{where}: {error['msg']}")
    more = len(exc.errors()) - limit
    return "; ".join(problems) + (f"; and {more} more" if more > 0 else "")


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    return None if value < _NO_TIME_BEFORE else value


# --- Alertmanager -------------------------------------------------------------------------


class AlertmanagerAlert(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    status: AlertStatus
    labels: dict[str, str] = Field(min_length=1)
    annotations: dict[str, str] = Field(default_factory=dict)
    starts_at: datetime = Field(validation_alias=AliasChoices("startsAt", "starts_at"))
    ends_at: datetime | None = Field(None, validation_alias=AliasChoices("endsAt", "ends_at"))
    generator_url: str = Field("", validation_alias=AliasChoices("generatorURL", "generator_url"))
    fingerprint: str = ""


class AlertmanagerWebhook(BaseModel):
    """Alertmanager's webhook body, version 4 (the only version it has ever sent)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    version: Literal["4"]
    group_key: str = Field(min_length=1, validation_alias=AliasChoices("groupKey", "group_key"))
    truncated_alerts: int = Field(
        0, ge=0, validation_alias=AliasChoices("truncatedAlerts", "truncated_alerts")
    )
    status: AlertStatus
    receiver: str = ""
    group_labels: dict[str, str] = Field(
        default_factory=dict, validation_alias=AliasChoices("groupLabels", "group_labels")
    )
    common_labels: dict[str, str] = Field(
        default_factory=dict, validation_alias=AliasChoices("commonLabels", "common_labels")
    )
    common_annotations: dict[str, str] = Field(
        default_factory=dict,
        validation_alias=AliasChoices("commonAnnotations", "common_annotations"),
    )
    external_url: str = Field("", validation_alias=AliasChoices("externalURL", "external_url"))
    # No count limit: any group within WEBHOOK_MAX_BYTES is accepted (Alertmanager never retries a
    # 4xx, so refusing a big group would lose the biggest outages); the bot keeps the first
    # ALERT_MAX_ALERTS and counts the rest (bot/intake/routes.py).
    alerts: list[AlertmanagerAlert] = Field(min_length=1)


# --- PagerDuty ----------------------------------------------------------------------------

PAGERDUTY_HANDLED = ("incident.triggered", "incident.resolved")


class PagerDutyReference(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = ""
    summary: str = ""
    html_url: str = ""


class PagerDutyIncident(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    type: str = "incident"
    number: int | None = None
    title: str = Field(min_length=1)
    status: str = ""
    urgency: str = ""
    html_url: str = ""
    incident_key: str | None = None
    service: PagerDutyReference | None = None
    priority: PagerDutyReference | None = None


class PagerDutyEvent(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    event_type: str = Field(min_length=1)
    resource_type: str = ""
    occurred_at: datetime
    agent: PagerDutyReference | None = None
    data: dict[str, Any]


class PagerDutyWebhook(BaseModel):
    """A PagerDuty V3 webhook delivery: one event."""

    model_config = ConfigDict(extra="ignore")

    event: PagerDutyEvent

    @property
    def handled(self) -> bool:
        return self.event.event_type in PAGERDUTY_HANDLED

    def incident(self) -> PagerDutyIncident:
        try:
            return PagerDutyIncident.model_validate(self.event.data)
        except ValidationError as exc:
            raise PayloadInvalid(
                "event.data is not a PagerDuty incident: " + describe_validation_error(exc)
            ) from None


# --- deploys ------------------------------------------------------------------------------


class DeployEvent(BaseModel):
    """A deploy or change: `{"service", "version", "who", "at", "link", "environment",
    "description", "id"}`; `service` and `version` are required, `at` defaults to arrival."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    service: str = Field(min_length=1, max_length=200)
    version: str = Field(min_length=1, max_length=200)
    who: str = Field("", max_length=200, validation_alias=AliasChoices("who", "by", "author"))
    at: datetime | None = Field(None, validation_alias=AliasChoices("at", "time", "deployed_at"))
    link: str = Field("", max_length=2000, validation_alias=AliasChoices("link", "url"))
    environment: str = Field("", max_length=100)
    description: str = Field("", max_length=2000)
    id: str | None = Field(None, max_length=200)

    @field_validator("who", "description")
    @classmethod
    def _no_secrets(cls, value: str) -> str:
        return redact(value)

    @field_validator("link")
    @classmethod
    def _link_is_http(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("link must be an http(s) URL")
        clean = redact(value)  # a link with credentials in it keeps its place, not its password
        return clean if clean.startswith(("http://", "https://")) else ""

    @field_validator("at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return _aware(value)

    def key(self) -> str:
        """Idempotency key: the sender's id, else a hash of what the deploy is."""
        if self.id:
            return self.id
        basis = json.dumps(
            [self.service, self.version, self.environment, self.at.isoformat() if self.at else ""]
        )
        return hashlib.sha256(basis.encode()).hexdigest()[:32]


# --- the bot's own alert record -----------------------------------------------------------

SERVICE_LABELS = ("service", "app", "job", "application", "component")


class Alert(BaseModel):
    """One alert, normalised: what the bot stores on an incident and shows in Slack."""

    source: Literal["alertmanager", "pagerduty"]
    name: str
    status: AlertStatus
    fingerprint: str
    group_key: str
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    url: str = ""
    received_at: datetime

    @field_validator("name", "group_key", "url", "labels", "annotations")
    @classmethod
    def _no_secrets(cls, value: Any) -> Any:
        return redact_data(value)  # alert text is written by whoever wrote the rule, or the sender

    @property
    def summary(self) -> str:
        return self.annotations.get("summary") or self.annotations.get("description") or self.name

    @property
    def service(self) -> str | None:
        for label in SERVICE_LABELS:
            if self.labels.get(label):
                return self.labels[label]
        return None

    @property
    def seen_key(self) -> str:
        """One state of one alert: the same firing (or resolve) sent twice has the same key."""
        started = self.starts_at.isoformat() if self.starts_at else ""
        return f"{self.fingerprint}|{self.status}|{started}"


def label_fingerprint(labels: dict[str, str]) -> str:
    """A stable id for a label set, for senders that leave `fingerprint` out."""
    canonical = json.dumps(sorted(labels.items()), separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def alerts_omitted(payload: AlertmanagerWebhook, keep: int) -> int:
    """Alerts of the group the bot will not list: beyond `keep`, plus those Alertmanager itself
    left out (`truncatedAlerts`, when its receiver sets `max_alerts`)."""
    return max(len(payload.alerts) - keep, 0) + payload.truncated_alerts


def alerts_from_alertmanager(
    payload: AlertmanagerWebhook, received_at: datetime, keep: int | None = None
) -> list[Alert]:
    alerts = []
    for raw in payload.alerts[:keep]:
        labels = {**payload.common_labels, **raw.labels}
        annotations = {**payload.common_annotations, **raw.annotations}
        alerts.append(
            Alert(
                source="alertmanager",
                name=labels.get("alertname") or "unnamed alert",
                status=raw.status,
                fingerprint=raw.fingerprint or label_fingerprint(raw.labels),
                group_key=payload.group_key,
                labels=labels,
                annotations=annotations,
                starts_at=_aware(raw.starts_at),
                ends_at=_aware(raw.ends_at) if raw.status == "resolved" else None,
                url=raw.generator_url,
                received_at=received_at,
            )
        )
    return alerts


def alert_from_pagerduty(payload: PagerDutyWebhook, received_at: datetime) -> Alert:
    """PagerDuty incidents carry no severity label: high urgency is read as `critical`, low as
    `warning`, so the default routing (severity=critical declares) applies to them too."""
    event = payload.event
    incident = payload.incident()
    labels = {
        "alertname": incident.title,
        "source": "pagerduty",
        "severity": "critical" if incident.urgency == "high" else "warning",
    }
    if incident.urgency:
        labels["urgency"] = incident.urgency
    if incident.service and incident.service.summary:
        labels["service"] = incident.service.summary
    if incident.priority and incident.priority.summary:
        labels["priority"] = incident.priority.summary
    resolved = event.event_type == "incident.resolved"
    occurred = _aware(event.occurred_at)
    return Alert(
        source="pagerduty",
        name=incident.title,
        status="resolved" if resolved else "firing",
        fingerprint=f"pd-{incident.id}",
        group_key=f"pagerduty:{incident.id}",
        labels=labels,
        annotations={"summary": incident.title},
        starts_at=None if resolved else occurred,
        ends_at=occurred if resolved else None,
        url=incident.html_url,
        received_at=received_at,
    )
