"""Webhook bodies shaped like the real senders' (Alertmanager v4 as captured from
prometheus-alertmanager 0.25; PagerDuty V3 as in PagerDuty's go-pagerduty tests)."""

from __future__ import annotations

import copy
from typing import Any


def am_alert(
    alertname: str = "HighErrorRate",
    status: str = "firing",
    fingerprint: str = "2f1faaf024fda4c8",
    starts_at: str = "2026-11-25T12:49:59.866Z",
    ends_at: str = "0001-01-01T00:00:00Z",
    **labels: str,
) -> dict[str, Any]:
    labels = {"alertname": alertname, "job": "payments", "severity": "critical", **labels}
    return {
        "status": status,
        "labels": labels,
        "annotations": {
            "summary": f"{labels['job']} fails 35.36% of requests",
            "description": f"More than 20% of requests to {labels['job']} answered 5xx over 5s.",
        },
        "startsAt": starts_at,
        "endsAt": ends_at,
        "generatorURL": "http://prometheus:9090/graph?g0.expr=up&g0.tab=1",
        "fingerprint": fingerprint,
    }


def alertmanager(
    *alerts: dict[str, Any], group_key: str | None = None, status: str | None = None
) -> dict[str, Any]:
    alerts = alerts or (am_alert(),)
    first = alerts[0]["labels"]
    group = {"alertname": first["alertname"], "job": first.get("job", "")}
    return {
        "receiver": "incident-commander",
        "status": status
        or ("firing" if any(a["status"] == "firing" for a in alerts) else "resolved"),
        "alerts": [copy.deepcopy(a) for a in alerts],
        "groupLabels": group,
        "commonLabels": dict(first),
        "commonAnnotations": {},
        "externalURL": "http://alertmanager:9093",
        "version": "4",
        "groupKey": group_key or f'{{}}:{{alertname="{group["alertname"]}", job="{group["job"]}"}}',
        "truncatedAlerts": 0,
    }


def pagerduty(
    event_type: str = "incident.triggered",
    incident_id: str = "PGR0VU2",
    event_id: str = "5ac64822-4adc-4fda-ade0-410becf0de4f",
    urgency: str = "high",
    title: str = "Checkout API is down",
) -> dict[str, Any]:
    return {
        "event": {
            "id": event_id,
            "event_type": event_type,
            "resource_type": "incident",
            "occurred_at": "2026-11-25T12:45:22.169Z",
            "agent": {"id": "PLH1HKV", "summary": "Tenex Engineer", "type": "user_reference"},
            "client": {"name": "PagerDuty"},
            "data": {
                "id": incident_id,
                "type": "incident",
                "self": f"https://api.pagerduty.com/incidents/{incident_id}",
                "html_url": f"https://acme.pagerduty.com/incidents/{incident_id}",
                "number": 2,
                "status": "resolved" if event_type == "incident.resolved" else "triggered",
                "title": title,
                "service": {"id": "PF9KMXH", "summary": "checkout", "type": "service_reference"},
                "assignees": [],
                "priority": {"id": "PSO75BM", "summary": "P1", "type": "priority_reference"},
                "urgency": urgency,
                "resolve_reason": None,
            },
        }
    }
