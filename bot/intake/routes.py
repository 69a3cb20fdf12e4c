"""The webhook endpoints on the bot's aiohttp server.

  POST /webhooks/alertmanager   Alertmanager webhook (version 4)
  POST /webhooks/pagerduty      PagerDuty V3 webhook (incident.triggered, incident.resolved,
                                incident.acknowledged of a page the bot sent)
  POST /webhooks/deploy         a deploy or change event
  POST /webhooks/opsgenie       Opsgenie outgoing webhook (Acknowledge of a page the bot sent)
  POST /webhooks/jira           Jira admin webhook (jira:issue_updated: a ticket done closes its item),
                                signed with JIRA_WEBHOOK_SECRET (X-Hub-Signature), no bearer token
  POST /webhooks/linear         Linear webhook (Issue update), signed with LINEAR_WEBHOOK_SECRET
                                (Linear-Signature, webhookTimestamp within a minute), no bearer token

Without `WEBHOOK_TOKEN` a route is not served at all (404; see `intake_routes`). Every request
to a served route is checked in this order, and nothing is written before all checks pass:
`WEBHOOK_TOKEN` set -> `Authorization: Bearer <token>` or 401; a body over `WEBHOOK_MAX_BYTES`
-> 413; PagerDuty with `PAGERDUTY_WEBHOOK_SECRET` set -> a valid `X-PagerDuty-Signature` or 401;
malformed JSON or a payload that does not validate -> 400 with the reason. Then the delivery is
handled and answered 200 with what it led to (JSON). The state store down -> 503, Slack refusing
-> 502, another delivery declaring the same group -> 503 with Retry-After (senders retry 5xx,
and the retry is idempotent).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiohttp import web
from pydantic import ValidationError

from bot.flows import alerts as alert_flows
from bot.flows.beyond import paging as beyond_paging
from bot.flows.beyond import tickets as beyond_tickets
from bot.flows.context import FlowContext
from bot.intake import auth
from bot.intake.models import (
    AlertmanagerWebhook,
    DeployEvent,
    PagerDutyWebhook,
    PayloadInvalid,
    alert_from_pagerduty,
    alerts_from_alertmanager,
    alerts_omitted,
    describe_validation_error,
)
from bot.intake.vendor_models import (
    JIRA_ISSUE_UPDATED,
    OPSGENIE_ACKNOWLEDGE,
    JiraWebhook,
    LinearWebhook,
    OpsgenieWebhook,
)
from bot.slack.gateway import SlackFailure
from bot.platform.redis_keys import StoreUnavailable

log = logging.getLogger(__name__)

ALERTMANAGER_PATH = "/webhooks/alertmanager"
PAGERDUTY_PATH = "/webhooks/pagerduty"
ACKNOWLEDGED = "incident.acknowledged"  # a page we sent was acknowledged (bot/flows/beyond/paging.py)
DEPLOY_PATH = "/webhooks/deploy"
OPSGENIE_PATH = "/webhooks/opsgenie"
JIRA_PATH = "/webhooks/jira"
LINEAR_PATH = "/webhooks/linear"
RETRY_AFTER_SECONDS = 5


class _Refusal(Exception):
    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = headers or {}


def _answer(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> web.Response:
    return web.json_response(body, status=status, headers=headers)


async def _bounded_body(request: web.Request, limit: int) -> bytes:
    if request.content_length is not None and request.content_length > limit:
        raise _Refusal(413, f"payload larger than {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise _Refusal(413, f"payload larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _json(body: bytes) -> Any:
    if not body.strip():
        raise _Refusal(400, "empty body: expected JSON")
    try:
        # Strict UTF-8 first: json.loads(bytes) lets encoded lone surrogates through, and a
        # string holding one cannot be stored or sent on later.
        data = json.loads(body.decode("utf-8"))
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # refuses escaped ones ("\ud800")
        return data
    except UnicodeEncodeError:
        raise _Refusal(400, "malformed JSON: a string holds a lone UTF-16 surrogate") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Refusal(400, f"malformed JSON: {exc}") from None
    except RecursionError:  # e.g. 100,000 nested `[`: the parser gives up, the sender is told
        raise _Refusal(400, "malformed JSON: nested too deeply") from None


def _check_signature(
    request: web.Request, body: bytes, secret: Any, header: str, valid: Callable[[str | None, bytes, str], bool]
) -> None:
    """With a signing secret set, the delivery must carry a valid signature in `header`, else 401."""
    if secret is not None and not valid(request.headers.get(header), body, secret.get_secret_value()):
        raise _Refusal(401, f"missing or invalid {header}")


def _validate(model, data: Any):
    if not isinstance(data, dict):
        raise _Refusal(400, "expected a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _Refusal(400, "invalid payload: " + describe_validation_error(exc)) from None


class WebhookIntake:
    def __init__(self, ctx: FlowContext) -> None:
        self.ctx = ctx

    def _check_token(self, request: web.Request) -> None:
        token = self.ctx.settings.webhook_token
        if token is not None and not auth.bearer_ok(
            request.headers.get("Authorization"), token.get_secret_value()
        ):
            raise _Refusal(
                401,
                "missing or wrong bearer token",
                {"WWW-Authenticate": 'Bearer realm="webhooks"'},
            )

    async def _handle(
        self, request: web.Request, source: str, work: Callable[[bytes], Awaitable[dict[str, Any]]],
        bearer: bool = True,
    ) -> web.Response:
        try:
            if bearer:  # the trackers cannot send one: their signature is checked in `work`
                self._check_token(request)
            body = await _bounded_body(request, self.ctx.settings.webhook_max_bytes)
            result = await work(body)
        except _Refusal as refusal:
            if refusal.status >= 500:
                log.warning("webhook deferred", extra={"source": source, "reason": refusal.reason})
            else:
                log.info(
                    "webhook refused",
                    extra={"source": source, "status": refusal.status, "reason": refusal.reason},
                )
            return _answer(refusal.status, {"ok": False, "error": refusal.reason}, refusal.headers)
        except PayloadInvalid as exc:
            return _answer(400, {"ok": False, "error": str(exc)})
        except StoreUnavailable as exc:
            return _answer(
                503, {"ok": False, "error": str(exc)}, {"Retry-After": str(RETRY_AFTER_SECONDS)}
            )
        except SlackFailure as exc:
            log.warning(
                "webhook could not reach Slack", extra={"source": source, "error": exc.error}
            )
            return _answer(502, {"ok": False, "error": str(exc)})
        except Exception:  # the sender retries a 500; the reference finds the log line
            ref = uuid.uuid4().hex[:8]
            log.exception("webhook failed", extra={"source": source, "ref": ref})
            return _answer(500, {"ok": False, "error": f"internal error (reference {ref})"})
        return _answer(200, {"ok": True, **result})

    async def alertmanager(self, request: web.Request) -> web.Response:
        async def work(body: bytes) -> dict[str, Any]:
            payload = _validate(AlertmanagerWebhook, _json(body))
            keep = self.ctx.settings.alert_max_alerts
            alerts = alerts_from_alertmanager(payload, datetime.now(UTC), keep)
            omitted = alerts_omitted(payload, keep)
            return self._outcome(await alert_flows.receive_alerts(self.ctx, alerts, omitted))

        return await self._handle(request, "alertmanager", work)

    async def pagerduty(self, request: web.Request) -> web.Response:
        async def work(body: bytes) -> dict[str, Any]:
            _check_signature(request, body, self.ctx.settings.pagerduty_webhook_secret,
                             auth.SIGNATURE_HEADER, auth.pagerduty_signature_ok)
            payload = _validate(PagerDutyWebhook, _json(body))
            if payload.event.event_type == ACKNOWLEDGED:
                return await self._acknowledged(payload)
            if not payload.handled:
                return {
                    "action": "ignored",
                    "reason": f"event type {payload.event.event_type} is not handled",
                }
            alert = alert_from_pagerduty(payload, datetime.now(UTC))  # 400 if data is no incident
            claim = f"pagerduty:{payload.event.id}"
            if not await self.ctx.store.claim(claim, 7 * 24 * 3600):
                return {
                    "action": "duplicate",
                    "reason": f"event {payload.event.id} was already handled",
                }
            try:
                return self._outcome(await alert_flows.receive_alerts(self.ctx, [alert]))
            except BaseException:
                await self.ctx.store.release(claim)
                raise

        return await self._handle(request, "pagerduty", work)

    async def _acknowledged(self, payload: PagerDutyWebhook) -> dict[str, Any]:
        """Someone acknowledged a page (ours, when its incident_key is our dedup key)."""
        incident = payload.incident()  # 400 if data is no incident
        if not await self.ctx.store.claim(f"pagerduty:{payload.event.id}", 7 * 24 * 3600):
            return {"action": "duplicate", "reason": f"event {payload.event.id} was already handled"}
        agent = payload.event.agent
        who = (agent.summary if agent and agent.summary else "") or "someone"
        return await beyond_paging.acknowledged(self.ctx, incident.incident_key, who, agent.id if agent else "")

    async def opsgenie(self, request: web.Request) -> web.Response:
        """Opsgenie's outgoing webhook (the Webhook integration, which sends the bearer token as a
        custom header): an Acknowledge of a page we sent lands on the timeline like PagerDuty's."""
        async def work(body: bytes) -> dict[str, Any]:
            payload = _validate(OpsgenieWebhook, _json(body))
            if payload.action != OPSGENIE_ACKNOWLEDGE:
                return {"action": "ignored", "reason": f"action {payload.action} is not handled"}
            alert = payload.alert
            if not await self.ctx.store.claim(f"opsgenie-ack:{alert.alertId}:{alert.username}", 7 * 24 * 3600):
                return {"action": "duplicate", "reason": f"acknowledgement of {alert.alertId} was already handled"}
            who = alert.username or "someone"
            slack_user = await self.ctx.slack.user_by_email(alert.username) if "@" in alert.username else None
            return await beyond_paging.acknowledged(self.ctx, alert.alias, who, alert.userId, "Opsgenie", slack_user)

        return await self._handle(request, "opsgenie", work)

    async def jira(self, request: web.Request) -> web.Response:
        async def work(body: bytes) -> dict[str, Any]:
            _check_signature(request, body, self.ctx.settings.jira_webhook_secret,
                             auth.JIRA_SIGNATURE_HEADER, auth.jira_signature_ok)
            payload = _validate(JiraWebhook, _json(body))
            if payload.webhookEvent != JIRA_ISSUE_UPDATED or payload.issue is None:
                return {"action": "ignored", "reason": f"event {payload.webhookEvent} is not handled"}
            return await beyond_tickets.ticket_changed(self.ctx, "jira", payload.issue.key, payload.done)

        return await self._handle(request, "jira", work, bearer=False)

    async def linear(self, request: web.Request) -> web.Response:
        async def work(body: bytes) -> dict[str, Any]:
            secret = self.ctx.settings.linear_webhook_secret
            _check_signature(request, body, secret, auth.LINEAR_SIGNATURE_HEADER, auth.linear_signature_ok)
            payload = _validate(LinearWebhook, _json(body))
            if secret is not None and not auth.linear_fresh(payload.webhookTimestamp, datetime.now(UTC).timestamp()):
                raise _Refusal(401, f"webhookTimestamp is more than {auth.LINEAR_MAX_AGE_S}s away (a replay?)")
            if payload.type != "Issue" or payload.action != "update":
                return {"action": "ignored", "reason": f"{payload.type} {payload.action} is not handled"}
            try:
                issue = payload.issue()
            except ValidationError as exc:
                raise _Refusal(400, "data is not a Linear issue: " + describe_validation_error(exc)) from None
            return await beyond_tickets.ticket_changed(self.ctx, "linear", issue.id, payload.is_done(issue))

        return await self._handle(request, "linear", work, bearer=False)

    async def deploy(self, request: web.Request) -> web.Response:
        async def work(body: bytes) -> dict[str, Any]:
            event = _validate(DeployEvent, _json(body))
            return (await alert_flows.record_deploy(self.ctx, event)).as_json()

        return await self._handle(request, "deploy", work)

    def _outcome(self, outcome: alert_flows.IntakeOutcome) -> dict[str, Any]:
        if outcome.action == "pending":
            raise _Refusal(503, outcome.reason, {"Retry-After": str(RETRY_AFTER_SECONDS)})
        return outcome.as_json()


def intake_routes(ctx: FlowContext) -> list[web.RouteDef]:
    """The webhook routes, to add to the bot's aiohttp application.

    Safe by default: a route nobody could authenticate to is not served (404), and start-up says
    so once. Without `WEBHOOK_TOKEN` that is every route, except PagerDuty's when
    `PAGERDUTY_WEBHOOK_SECRET` signs its deliveries; `WEBHOOK_AUTH=none` serves them all
    unauthenticated, with a loud warning.
    """
    intake = WebhookIntake(ctx)
    settings = ctx.settings
    routes = {
        ALERTMANAGER_PATH: web.post(ALERTMANAGER_PATH, intake.alertmanager),
        PAGERDUTY_PATH: web.post(PAGERDUTY_PATH, intake.pagerduty),
        DEPLOY_PATH: web.post(DEPLOY_PATH, intake.deploy),
        OPSGENIE_PATH: web.post(OPSGENIE_PATH, intake.opsgenie),
    }
    # The trackers sign their deliveries and cannot send a bearer token: each is served when its
    # secret is set (or, unauthenticated, with WEBHOOK_AUTH=none).
    signed = [web.post(path, handler) for path, handler, secret in (
        (JIRA_PATH, intake.jira, settings.jira_webhook_secret),
        (LINEAR_PATH, intake.linear, settings.linear_webhook_secret),
    ) if secret is not None or settings.webhook_auth == "none"]
    if settings.webhook_token is not None:
        return list(routes.values()) + signed
    if settings.webhook_auth == "none":
        log.warning(
            "WEBHOOKS ARE OPEN: WEBHOOK_AUTH=none and no WEBHOOK_TOKEN, so anyone who can reach "
            "this port can declare incidents; set WEBHOOK_TOKEN",
            extra={"routes": list(routes) + [JIRA_PATH, LINEAR_PATH]},
        )
        return list(routes.values()) + signed
    served = [PAGERDUTY_PATH] if settings.pagerduty_webhook_secret is not None else []
    log.warning(
        "webhooks off: WEBHOOK_TOKEN is not set, so these routes answer 404; set WEBHOOK_TOKEN "
        "(or WEBHOOK_AUTH=none to serve them unauthenticated)",
        extra={"off": [path for path in routes if path not in served], "served": served},
    )
    return [routes[path] for path in served] + signed
