"""PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/overview/).

Rules, each from the reference:
- `POST /v2/enqueue` with a JSON event; `routing_key` must be the 32-character key of an Events
  API v2 integration; `event_action` one of trigger|acknowledge|resolve; a trigger needs
  `payload.summary` (at most 1024 characters), `payload.source` and `payload.severity`
  (critical|error|warning|info); acknowledge and resolve need `dedup_key`; `dedup_key` at most
  255 characters; otherwise 400 `{"status": "invalid event", "message": "Event object is
  invalid", "errors": [...]}` ("Send an Alert Event",
  https://developer.pagerduty.com/docs/events-api-v2/trigger-events/);
- accepted: 202 `{"status": "success", "message": "Event processed", "dedup_key": ...}`;
- a trigger whose dedup key names an open alert is added to it, not a new alert
  ("Alert De-Duplication", https://developer.pagerduty.com/docs/events-api-v2/trigger-events/);
- 429 when throttled, 5xx to be retried ("Response Codes & Retry Logic",
  https://developer.pagerduty.com/docs/events-api-v2/overview/#response-codes--retry-logic);
  events are limited per routing key (120 a minute, "Rate Limits",
  https://developer.pagerduty.com/docs/events-api-v2/overview/#rate-limits): enforced here
  (`rate_limit`, keyed by the body's routing key), answered 429 "throttle event" without a
  Retry-After.
The stand-in keeps one alert per dedup key (`alerts`) and `acknowledge(dedup_key, by)` builds the
V3 webhook PagerDuty would then deliver (`incident.acknowledged`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from vendor_standins.base import VendorStandIn, body_of

SEVERITIES = {"critical", "error", "warning", "info"}
ACTIONS = {"trigger", "acknowledge", "resolve"}


class PagerDutyStandIn(VendorStandIn):
    rate_limit = (120, 60.0)
    def __init__(self, routing_keys: list[str]) -> None:
        super().__init__()
        self.routing_keys = set(routing_keys)
        self.alerts: dict[str, dict[str, Any]] = {}  # dedup key -> alert

    def error_body(self, status: int) -> dict[str, Any]:
        return {"status": "throttle event" if status == 429 else "error", "message": f"HTTP {status}"}

    def limit_key(self, request: web.Request, body: Any) -> str:
        return str(body.get("routing_key")) if isinstance(body, dict) else ""  # no auth header: the key is in the event

    def rate_limited(self, retry_after_s: float) -> web.Response:
        return web.json_response({"status": "throttle event", "message": "Requests for this service are arriving "
                                  "too quickly. Please retry later."}, status=429)

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/v2/enqueue", self._enqueue)

    async def _enqueue(self, request: web.Request) -> web.Response:
        event = body_of(request)
        if not isinstance(event, dict):
            return self._invalid(["Event must be a JSON object"])
        errors = []
        key = event.get("routing_key")
        if not isinstance(key, str) or len(key) != 32:
            errors.append("'routing_key' must be a 32 character string")
        elif key not in self.routing_keys:
            errors.append("'routing_key' is invalid")  # no such integration
        action = event.get("event_action")
        if action not in ACTIONS:
            errors.append("'event_action' is invalid (must be one of trigger, acknowledge, resolve)")
        dedup = event.get("dedup_key")
        if dedup is not None and (not isinstance(dedup, str) or len(dedup) > 255):
            errors.append("'dedup_key' must be a string of at most 255 characters")
        if action in ("acknowledge", "resolve") and not dedup:
            errors.append("'dedup_key' is required for acknowledge and resolve")
        if action == "trigger":
            payload = event.get("payload") if isinstance(event.get("payload"), dict) else {}
            summary = payload.get("summary")
            if not isinstance(summary, str) or not summary or len(summary) > 1024:
                errors.append("'payload.summary' is required (at most 1024 characters)")
            if not payload.get("source"):
                errors.append("'payload.source' is required")
            if payload.get("severity") not in SEVERITIES:
                errors.append("'payload.severity' must be one of critical, error, warning, info")
        if errors:
            return self._invalid(errors)
        dedup = dedup or f"pd-{len(self.alerts) + 1}"
        alert = self.alerts.get(dedup)
        if action == "trigger":
            if alert is None or alert["status"] == "resolved":
                self.alerts[dedup] = {"dedup_key": dedup, "status": "triggered", "routing_key": key,
                                      "summary": event["payload"]["summary"], "events": 1,
                                      "links": event.get("links") or []}
            else:
                alert["events"] += 1
        elif alert is not None:
            alert["status"] = "acknowledged" if action == "acknowledge" else "resolved"
        return web.json_response({"status": "success", "message": "Event processed", "dedup_key": dedup},
                                 status=202)

    @staticmethod
    def _invalid(errors: list[str]) -> web.Response:
        return web.json_response({"status": "invalid event", "message": "Event object is invalid",
                                  "errors": errors}, status=400)

    def acknowledge(self, dedup_key: str, by_name: str, by_email: str,
                    incident_id: str = "Q1ACKED") -> dict[str, Any]:
        """Mark the alert acknowledged, and return the V3 webhook body PagerDuty would send
        (https://developer.pagerduty.com/docs/webhooks/v3-overview/, `incident.acknowledged`)."""
        alert = self.alerts[dedup_key]
        alert["status"] = "acknowledged"
        now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        return {"event": {
            "id": f"EV{incident_id}", "event_type": "incident.acknowledged", "resource_type": "incident",
            "occurred_at": now,
            "agent": {"id": "PUSER01", "type": "user_reference", "summary": by_name,
                      "html_url": "https://example.pagerduty.com/users/PUSER01", "self": None,
                      "email": by_email},
            "data": {"id": incident_id, "type": "incident", "title": alert["summary"],
                     "status": "acknowledged", "urgency": "high", "incident_key": dedup_key,
                     "html_url": f"https://example.pagerduty.com/incidents/{incident_id}",
                     "created_at": now},
        }}
