"""Opsgenie Alert API v2 (https://docs.opsgenie.com/docs/alert-api).

Rules, each from the reference:
- every request needs `Authorization: GenieKey <key>`, else 401 `{"message": "Could not
  authenticate", ...}` ("Authentication", https://docs.opsgenie.com/docs/authentication);
- `POST /v2/alerts` needs `message` (at most 130 characters); `alias` at most 512; `priority`
  one of P1..P5; `responders` entries need a `type` (team|user|escalation|schedule) and an `id`,
  `name` or `username`; otherwise 422 ("Create Alert",
  https://docs.opsgenie.com/docs/alert-api#create-alert);
- requests are processed asynchronously: 202 `{"result": "Request will be processed", "took",
  "requestId"}`;
- an open alert with the same alias is not created again, its count goes up ("alias ... there
  can be only one alert with open status with the same alias");
- `POST /v2/alerts/{identifier}/close?identifierType=alias` closes it, 202 ("Close Alert",
  https://docs.opsgenie.com/docs/alert-api#close-alert);
- 429 when rate limited ("API Rate Limiting", https://docs.opsgenie.com/docs/api-rate-limiting);
  the limits depend on the plan and API domain, so `rate_limit` is off by default and a test sets
  it;
- when someone acknowledges an alert, an outgoing Webhook integration posts `{action:
  "Acknowledge", alert: {alertId, alias, message, username, userId, ...}, source: {name, type},
  integrationName, integrationId, integrationType}` to its URL, with the custom headers it was
  given ("Integrate Opsgenie with outgoing webhooks",
  https://support.atlassian.com/opsgenie/docs/integrate-opsgenie-with-outgoing-webhooks/);
  `acknowledge` builds that body.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from aiohttp import web

from vendor_standins.base import VendorStandIn, body_of

PRIORITIES = {"P1", "P2", "P3", "P4", "P5"}
RESPONDER_TYPES = {"team", "user", "escalation", "schedule"}


class OpsgenieStandIn(VendorStandIn):
    def __init__(self, api_key: str) -> None:
        super().__init__()
        self.api_key = api_key
        self.alerts: dict[str, dict[str, Any]] = {}  # alias -> alert

    def error_body(self, status: int) -> dict[str, Any]:
        return {"message": f"HTTP {status}", "took": 0.0, "requestId": str(uuid.uuid4())}

    def acknowledge(self, alias: str, username: str, user_id: str = "4513b7ea-3b91-438f-b7e4-e3e54af9147c") -> dict[str, Any]:
        """Mark the alert acknowledged, and return the outgoing webhook body Opsgenie would send."""
        alert = self.alerts[alias]
        alert["acknowledged"] = True
        now_ms = int(time.time() * 1000)
        return {
            "action": "Acknowledge",
            "alert": {"alertId": alert.setdefault("id", str(uuid.uuid4())), "message": alert["message"],
                      "alias": alias, "tinyId": "7", "entity": "", "tags": [], "createdAt": now_ms,
                      "updatedAt": now_ms * 1000, "username": username, "userId": user_id,
                      "priority": alert["priority"], "note": "", "source": "incident-commander"},
            "source": {"name": "", "type": "web"},
            "integrationName": "Webhook", "integrationId": "8e4bd6a5-6b35-4a86-94a9-8c3e5ab3e0f2",
            "integrationType": "Webhook",
        }

    def rate_limited(self, retry_after_s: float) -> web.Response:
        return web.json_response({"message": "You are making too many requests! To avoid errors, we recommend you "
                                  "limit requests.", "took": 0.0, "requestId": str(uuid.uuid4())}, status=429)

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/v2/alerts", self._create)
        app.router.add_post("/v2/alerts/{identifier}/close", self._close)

    def _refuse(self, request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != f"GenieKey {self.api_key}":
            return web.json_response({"message": "Could not authenticate", "took": 0.0,
                                      "requestId": str(uuid.uuid4())}, status=401)
        return None

    @staticmethod
    def _accepted() -> web.Response:
        return web.json_response({"result": "Request will be processed", "took": 0.01,
                                  "requestId": str(uuid.uuid4())}, status=202)

    async def _create(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        alert = body_of(request)
        errors = {}
        if not isinstance(alert, dict):
            alert = {}
            errors["body"] = "must be a JSON object"
        message = alert.get("message")
        if not isinstance(message, str) or not message.strip() or len(message) > 130:
            errors["message"] = "Message can not be empty and can be at most 130 characters"
        alias = alert.get("alias") or (message or "")
        if len(alias) > 512:
            errors["alias"] = "Alias can be at most 512 characters"
        if "priority" in alert and alert["priority"] not in PRIORITIES:
            errors["priority"] = "Priority should be one of P1, P2, P3, P4, P5"
        for responder in alert.get("responders") or []:
            if not isinstance(responder, dict) or responder.get("type") not in RESPONDER_TYPES or not (
                    responder.get("id") or responder.get("name") or responder.get("username")):
                errors["responders"] = "Responder type and one of id, name or username are required"
        if errors:
            return web.json_response({"message": "Request body is not processable", "errors": errors,
                                      "took": 0.0, "requestId": str(uuid.uuid4())}, status=422)
        existing = self.alerts.get(alias)
        if existing is not None and existing["status"] == "open":
            existing["count"] += 1
        else:
            self.alerts[alias] = {"alias": alias, "message": message, "status": "open", "count": 1,
                                  "priority": alert.get("priority", "P3"),
                                  "responders": alert.get("responders") or []}
        return self._accepted()

    async def _close(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        if request.query.get("identifierType", "id") != "alias":
            return web.json_response({"message": "only identifierType=alias is served by the stand-in"},
                                     status=400)
        alert = self.alerts.get(request.match_info["identifier"])
        if alert is not None:
            alert["status"] = "closed"
        return self._accepted()  # processed asynchronously: an unknown alias fails later, not here
