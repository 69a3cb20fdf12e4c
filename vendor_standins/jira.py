"""Jira Cloud platform REST API v3, the issue endpoints the ticket integration calls
(https://developer.atlassian.com/cloud/jira/platform/rest/v3/).

Rules, each from the reference:
- HTTP basic auth with an account email and API token on every request, else 401
  ("Basic auth for REST APIs", https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/);
- `POST /rest/api/3/issue` needs `fields.project` (an existing key), `fields.issuetype` (a type of
  that project), `fields.summary` (at most 255 characters); `description` must be an Atlassian
  Document Format document (`type: doc`, `version: 1`); `labels` may not contain spaces;
  `duedate` is YYYY-MM-DD; `assignee.accountId` must be a known account; otherwise 400
  `{"errorMessages": [], "errors": {field: message}}`; created: 201 `{id, key, self}`
  ("Create issue", .../api-group-issues/#api-rest-api-3-issue-post);
- `GET /rest/api/3/search/jql?jql=` finds issues; the stand-in understands
  `project = "P" AND labels = "L"` ("Search for issues using JQL enhanced search",
  .../api-group-issue-search/#api-rest-api-3-search-jql-get);
- `GET /rest/api/3/user/search?query=` matches accounts by email
  (.../api-group-user-search/#api-rest-api-3-user-search-get);
- `GET /rest/api/3/issue/{key}/transitions` and `POST` a transition id, 204
  ("Transition issue", .../api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post);
- rate limits are cost-based and unpublished; past them Jira answers 429 with `Retry-After`
  ("Rate limiting", https://developer.atlassian.com/cloud/jira/platform/rate-limiting/): off by
  default here, a test sets `rate_limit` to exercise it;
- `GET /rest/api/3/issue/{key}` returns `fields.status.statusCategory.key` (new|indeterminate|done);
- someone closing an issue makes Jira deliver an admin webhook, `jira:issue_updated` with the issue
  and a changelog, signed with the webhook's secret: `X-Hub-Signature: sha256=<HMAC-SHA256 of the
  raw body>`, and `X-Atlassian-Webhook-Identifier` naming the delivery (kept on retries)
  ("Webhooks", https://developer.atlassian.com/cloud/jira/platform/webhooks/, "Secure admin
  webhooks" and "Retry policy"); `close_with_webhook` builds that delivery.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import re
import time
import uuid
from datetime import date
from typing import Any

from aiohttp import web

from vendor_standins.base import VendorStandIn, body_of

API = "/rest/api/3"
_JQL = re.compile(r'^project\s*=\s*"?([A-Z][A-Z0-9_]*)"?\s+AND\s+labels\s*=\s*"([^"\s]+)"$')
STATUSES = {"To Do": "new", "In Progress": "indeterminate", "Done": "done"}


class JiraStandIn(VendorStandIn):
    def __init__(self, user: str, token: str, project: str = "OPS", issue_types: tuple[str, ...] = ("Task",),
                 accounts: dict[str, str] | None = None) -> None:
        super().__init__()
        self.user, self.token, self.project = user, token, project
        self.issue_types = set(issue_types)
        self.accounts = dict(accounts or {})  # email -> accountId
        self.issues: dict[str, dict[str, Any]] = {}  # key -> {"fields": ..., "status": name}

    def error_body(self, status: int) -> dict[str, Any]:
        return {"errorMessages": [f"HTTP {status}"], "errors": {}}

    def rate_limited(self, retry_after_s: float) -> web.Response:
        return web.json_response({"errorMessages": ["Rate limit exceeded."], "errors": {}}, status=429,
                                 headers={"Retry-After": str(max(1, math.ceil(retry_after_s)))})

    def routes(self, app: web.Application) -> None:
        app.router.add_post(API + "/issue", self._create)
        app.router.add_get(API + "/issue/{key}", self._read)
        app.router.add_get(API + "/issue/{key}/transitions", self._transitions)
        app.router.add_post(API + "/issue/{key}/transitions", self._transition)
        app.router.add_get(API + "/search/jql", self._search)
        app.router.add_get(API + "/user/search", self._users)

    def _refuse(self, request: web.Request) -> web.Response | None:
        expected = "Basic " + base64.b64encode(f"{self.user}:{self.token}".encode()).decode()
        if request.headers.get("Authorization") != expected:
            return web.json_response({"errorMessages": ["You are not authenticated."], "errors": {}}, status=401)
        return None

    def close(self, key: str) -> None:
        """Someone closed the ticket in Jira."""
        self.issues[key]["status"] = "Done"

    def close_with_webhook(self, key: str, secret: str, by: str = "Carol Chen") -> tuple[bytes, dict[str, str]]:
        """Someone closed the ticket, and the admin webhook Jira then delivers: (body, headers)."""
        before = self.issues[key]["status"]
        self.close(key)
        body = json.dumps({
            "timestamp": int(time.time() * 1000), "webhookEvent": "jira:issue_updated",
            "issue_event_type_name": "issue_generic",
            "user": {"accountId": "acc-closer", "displayName": by},
            "issue": self._view(key),
            "changelog": {"id": "10100", "items": [{"field": "status", "fieldtype": "jira",
                                                    "fromString": before, "toString": "Done"}]},
        }).encode()
        signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        return body, {"Content-Type": "application/json", "X-Hub-Signature": signature,
                      "X-Atlassian-Webhook-Identifier": str(uuid.uuid4())}

    def _view(self, key: str) -> dict[str, Any]:
        issue = self.issues[key]
        status = issue["status"]
        fields = dict(issue["fields"]) | {"status": {"name": status, "statusCategory": {"key": STATUSES[status]}}}
        return {"id": issue["id"], "key": key, "self": f"{self.base_url}{API}/issue/{issue['id']}", "fields": fields}

    async def _create(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        body = body_of(request)
        fields = body.get("fields") if isinstance(body, dict) else None
        if not isinstance(fields, dict):
            return web.json_response({"errorMessages": ["fields is required"], "errors": {}}, status=400)
        errors: dict[str, str] = {}
        if (fields.get("project") or {}).get("key") != self.project:
            errors["project"] = "Specify a valid project ID or key"
        if (fields.get("issuetype") or {}).get("name") not in self.issue_types:
            errors["issuetype"] = "Specify a valid issue type"
        summary = fields.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            errors["summary"] = "You must specify a summary of the issue."
        elif len(summary) > 255:
            errors["summary"] = "Summary must be less than 255 characters."
        description = fields.get("description")
        if description is not None and not (isinstance(description, dict) and description.get("type") == "doc"
                                            and description.get("version") == 1):
            errors["description"] = "Operation value must be an Atlassian Document"
        if any(not isinstance(label, str) or " " in label for label in fields.get("labels") or []):
            errors["labels"] = "The label can't contain spaces."
        if "duedate" in fields:
            try:
                date.fromisoformat(str(fields["duedate"]))
            except ValueError:
                errors["duedate"] = "Error parsing date string"
        if "assignee" in fields and (fields["assignee"] or {}).get("accountId") not in self.accounts.values():
            errors["assignee"] = "Specify a valid value for assignee"
        if errors:
            return web.json_response({"errorMessages": [], "errors": errors}, status=400)
        number = len(self.issues) + 1
        key = f"{self.project}-{number}"
        self.issues[key] = {"id": str(10000 + number), "fields": dict(fields), "status": "To Do"}
        view = self._view(key)
        return web.json_response({"id": view["id"], "key": key, "self": view["self"]}, status=201)

    async def _read(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        key = request.match_info["key"]
        if key not in self.issues:
            return web.json_response({"errorMessages": ["Issue does not exist or you do not have "
                                                        "permission to see it."], "errors": {}}, status=404)
        return web.json_response(self._view(key))

    async def _transitions(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        if request.match_info["key"] not in self.issues:
            return web.json_response({"errorMessages": ["Issue does not exist"], "errors": {}}, status=404)
        return web.json_response({"transitions": [
            {"id": str(11 + i), "name": name, "to": {"name": name, "statusCategory": {"key": category}}}
            for i, (name, category) in enumerate(STATUSES.items())]})

    async def _transition(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        key = request.match_info["key"]
        if key not in self.issues:
            return web.json_response({"errorMessages": ["Issue does not exist"], "errors": {}}, status=404)
        wanted = ((body_of(request) or {}).get("transition") or {}).get("id")
        names = {str(11 + i): name for i, name in enumerate(STATUSES)}
        if wanted not in names:
            return web.json_response({"errorMessages": ["Transition id is not valid for this issue."],
                                      "errors": {}}, status=400)
        self.issues[key]["status"] = names[wanted]
        return web.Response(status=204)

    async def _search(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        match = _JQL.match(request.query.get("jql", "").strip())
        if match is None:
            return web.json_response({"errorMessages": ["The stand-in understands only "
                                                        "project = \"P\" AND labels = \"L\""], "errors": {}},
                                     status=400)
        project, label = match.groups()
        keys = [k for k, i in self.issues.items()
                if k.startswith(project + "-") and label in (i["fields"].get("labels") or [])]
        return web.json_response({"issues": [self._view(k) for k in keys], "isLast": True})

    async def _users(self, request: web.Request) -> web.Response:
        if (refused := self._refuse(request)) is not None:
            return refused
        query = request.query.get("query", "").lower()
        return web.json_response([{"accountId": account, "emailAddress": email, "active": True}
                                  for email, account in self.accounts.items() if query and query == email.lower()])
