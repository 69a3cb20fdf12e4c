"""Linear GraphQL API, the few operations the ticket integration sends
(https://linear.app/developers/graphql).

Rules, each from the reference:
- one endpoint, `POST /graphql`, JSON `{query, variables}`;
- a personal API key in `Authorization: <API_KEY>` (no Bearer prefix); otherwise an error with
  `extensions.code: AUTHENTICATION_ERROR` ("Authentication", https://linear.app/developers/graphql);
- errors in the standard GraphQL `errors` list with `extensions.code`; rate limited requests get
  `RATELIMITED` ("Rate limiting", https://linear.app/developers/rate-limiting); an API key may make
  1,500 requests an hour: enforced here (`rate_limit`), answered with a RATELIMITED error (the
  client also copes with a plain 429, scripted with `fail_next`);
- `issueCreate(input: IssueCreateInput!)` needs `teamId` and `title`; an optional client `id`
  must be a UUID and not already used; `dueDate` is a TimelessDate (YYYY-MM-DD); `assigneeId` a
  known user ("Create issue", https://linear.app/developers/graphql#creating-and-editing-issues);
- `issue(id:)` returns the issue or the error "Entity not found";
- `users(filter: {email: {eq:}})`, `workflowStates(filter: {team: {id: {eq:}}, type: {eq:}})`,
  `issueUpdate(id:, input: {stateId})` (https://linear.app/developers/filtering).
- a change to an issue makes Linear deliver a webhook `{action: "update", type: "Issue", data,
  updatedFrom, url, webhookTimestamp (ms), webhookId}` with `Linear-Signature: <hex HMAC-SHA256
  of the raw body>` and `Linear-Delivery: <uuid>`; receivers should refuse a webhookTimestamp
  more than a minute old ("Webhooks", https://linear.app/developers/webhooks);
  `close_with_webhook` builds that delivery.
This is not a GraphQL server: it recognises the operations by name (Issue, User, Create, States,
Close) and answers 400 to anything else, so the client's documents cannot drift unnoticed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
import uuid
from datetime import date
from typing import Any

from aiohttp import web

from vendor_standins.base import VendorStandIn, body_of

_OPERATION = re.compile(r"^\s*(query|mutation)\s+([A-Za-z]+)")
STATE_TYPES = {"st-todo": "unstarted", "st-done": "completed", "st-cancel": "canceled"}


def _error(message: str, code: str, status: int = 200) -> web.Response:
    return web.json_response({"errors": [{"message": message, "extensions": {"code": code}}], "data": None},
                             status=status)


class LinearStandIn(VendorStandIn):
    rate_limit = (1500, 3600.0)
    def __init__(self, api_key: str, team_id: str, team_key: str = "ENG",
                 users: dict[str, str] | None = None) -> None:
        super().__init__()
        self.api_key, self.team_id, self.team_key = api_key, team_id, team_key
        self.users = dict(users or {})  # email -> user id
        self.issues: dict[str, dict[str, Any]] = {}  # id -> issue

    def error_body(self, status: int) -> dict[str, Any]:
        code = "RATELIMITED" if status == 429 else "INTERNAL_SERVER_ERROR"
        return {"errors": [{"message": f"HTTP {status}", "extensions": {"code": code}}]}

    def rate_limited(self, retry_after_s: float) -> web.Response:
        return _error("Rate limit exceeded", "RATELIMITED", 400)

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/graphql", self._graphql)

    def close(self, ref: str) -> None:
        """Someone closed the issue in Linear."""
        self.issues[ref]["state"] = "st-done"

    def close_with_webhook(self, ref: str, secret: str, sent_at_ms: int | None = None) -> tuple[bytes, dict[str, str]]:
        """Someone closed the issue, and the webhook Linear then delivers: (body, headers)."""
        before = self.issues[ref]["state"]
        self.close(ref)
        issue = self.issues[ref]
        data = {"id": ref, "identifier": issue["identifier"], "title": issue["title"], "teamId": self.team_id,
                "dueDate": issue["dueDate"], "assigneeId": issue["assigneeId"], "stateId": issue["state"],
                "state": {"id": issue["state"], "name": "Done", "type": STATE_TYPES[issue["state"]]}}
        body = json.dumps({
            "action": "update", "type": "Issue", "createdAt": "2026-12-01T00:00:00.000Z", "data": data,
            "updatedFrom": {"stateId": before}, "url": issue["url"], "organizationId": "org-example",
            "webhookTimestamp": sent_at_ms if sent_at_ms is not None else int(time.time() * 1000),
            "webhookId": "wh-example",
        }).encode()
        return body, {"Content-Type": "application/json", "Linear-Event": "Issue",
                      "Linear-Delivery": str(uuid.uuid4()),
                      "Linear-Signature": hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()}

    def _view(self, issue: dict[str, Any]) -> dict[str, Any]:
        assignee = issue.get("assigneeId")
        return {"id": issue["id"], "identifier": issue["identifier"], "url": issue["url"],
                "assignee": {"id": assignee} if assignee else None,
                "state": {"type": STATE_TYPES[issue["state"]]}}

    async def _graphql(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != self.api_key:
            return _error("Authentication required, not authenticated", "AUTHENTICATION_ERROR", 400)
        body = body_of(request)
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            return _error("Must provide query string.", "GRAPHQL_PARSE_FAILED", 400)
        match = _OPERATION.match(body["query"])
        variables = body.get("variables") or {}
        handler = {"Issue": self._issue, "User": self._user, "Create": self._create,
                   "States": self._states, "Close": self._close}.get(match.group(2) if match else "")
        if handler is None:
            return _error("Unknown operation for the stand-in", "GRAPHQL_VALIDATION_FAILED", 400)
        return await handler(variables)

    async def _issue(self, variables: dict[str, Any]) -> web.Response:
        issue = self.issues.get(str(variables.get("id")))
        if issue is None:
            return _error("Entity not found: Issue", "INVALID_INPUT")
        return web.json_response({"data": {"issue": self._view(issue)}})

    async def _user(self, variables: dict[str, Any]) -> web.Response:
        user = self.users.get(str(variables.get("email", "")).lower())
        return web.json_response({"data": {"users": {"nodes": [{"id": user}] if user else []}}})

    async def _create(self, variables: dict[str, Any]) -> web.Response:
        data = variables.get("input") or {}
        if data.get("teamId") != self.team_id:
            return _error("Argument Validation Error: teamId must be a team you can access", "INVALID_INPUT")
        if not str(data.get("title") or "").strip():
            return _error("Argument Validation Error: title should not be empty", "INVALID_INPUT")
        issue_id = data.get("id") or str(uuid.uuid4())
        try:
            uuid.UUID(str(issue_id))
        except ValueError:
            return _error("Argument Validation Error: id must be a UUID", "INVALID_INPUT")
        if issue_id in self.issues:
            return _error("Entity already exists", "INVALID_INPUT")
        if "dueDate" in data:
            try:
                date.fromisoformat(str(data["dueDate"]))
            except ValueError:
                return _error("Argument Validation Error: dueDate must be a TimelessDate", "INVALID_INPUT")
        if data.get("assigneeId") and data["assigneeId"] not in self.users.values():
            return _error("Entity not found: User", "INVALID_INPUT")
        number = len(self.issues) + 1
        identifier = f"{self.team_key}-{number}"
        self.issues[issue_id] = {"id": issue_id, "identifier": identifier, "title": data["title"],
                                 "url": f"https://linear.app/example/issue/{identifier}",
                                 "dueDate": data.get("dueDate"), "assigneeId": data.get("assigneeId"),
                                 "state": "st-todo"}
        return web.json_response({"data": {"issueCreate": {"success": True,
                                                           "issue": self._view(self.issues[issue_id])}}})

    async def _states(self, variables: dict[str, Any]) -> web.Response:
        if variables.get("team") != self.team_id:
            return web.json_response({"data": {"workflowStates": {"nodes": []}}})
        return web.json_response({"data": {"workflowStates": {"nodes": [{"id": "st-done", "position": 3}]}}})

    async def _close(self, variables: dict[str, Any]) -> web.Response:
        issue = self.issues.get(str(variables.get("id")))
        if issue is None:
            return _error("Entity not found: Issue", "INVALID_INPUT")
        if variables.get("state") not in STATE_TYPES:
            return _error("Entity not found: WorkflowState", "INVALID_INPUT")
        issue["state"] = variables["state"]
        return web.json_response({"data": {"issueUpdate": {"success": True}}})
