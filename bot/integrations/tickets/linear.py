"""Linear GraphQL API (https://linear.app/developers/graphql).

- Auth: a personal API key sent as `Authorization: <API_KEY>` (no "Bearer").
- Errors come in the GraphQL `errors` list, with `extensions.code`: AUTHENTICATION_ERROR is a
  credentials problem, RATELIMITED a rate limit (https://linear.app/developers/rate-limiting);
  whatever the HTTP status.
- Idempotency: `issueCreate` accepts a client-chosen `id` (a UUID); ours is a UUID5 of the
  incident id and item number, so a retry asks `issue(id:)` first and finds the same issue.
- Owner: `users(filter: {email: {eq: ...}})`; close: the team's first workflow state of type
  `completed`, set with `issueUpdate`; done: `issue.state.type` is completed or canceled.
"""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import SecretStr

from bot.integrations.http import AuthRejected, IntegrationFailed, Transient, VendorHttp
from bot.integrations.tickets.base import Ticket, TicketRequest

SYSTEM = "Linear"
NAMESPACE = uuid.UUID("6f1c2f4e-3b0a-4c55-9a8e-1c0de0f1c0de")

_ISSUE = "query Issue($id: String!) { issue(id: $id) { id identifier url assignee { id } state { type } } }"
_USER = "query User($email: String!) { users(filter: {email: {eq: $email}}) { nodes { id } } }"
_CREATE = ("mutation Create($input: IssueCreateInput!) { issueCreate(input: $input) "
           "{ success issue { id identifier url } } }")
_STATES = ("query States($team: ID!) { workflowStates(filter: {team: {id: {eq: $team}}, "
           "type: {eq: \"completed\"}}) { nodes { id position } } }")
_UPDATE = ("mutation Close($id: String!, $state: String!) { issueUpdate(id: $id, input: {stateId: $state}) "
           "{ success } }")


def issue_id(request: TicketRequest) -> str:
    return str(uuid.uuid5(NAMESPACE, request.key))


class LinearTracker:
    name = "linear"

    def __init__(self, api_key: SecretStr | str, team_id: str,
                 api_url: str = "https://api.linear.app/graphql", timeout: float = 10.0,
                 attempts: int = 3, backoff: float = 0.5) -> None:
        key = api_key.get_secret_value() if isinstance(api_key, SecretStr) else api_key
        if not key or not team_id.strip():
            raise ValueError("LINEAR_API_KEY and LINEAR_TEAM_ID must be set")
        self.team_id = team_id.strip()
        self.http = VendorHttp(SYSTEM, api_url, secrets=[key], headers={"Authorization": key},
                               timeout=timeout, attempts=attempts, backoff=backoff,
                               auth_hint="check LINEAR_API_KEY")

    def __repr__(self) -> str:
        return f"LinearTracker(api_url={self.http.base_url!r}, team_id={self.team_id!r})"

    async def _gql(self, query: str, variables: dict[str, Any], action: str) -> dict[str, Any]:
        response = await self.http.request("POST", "", action, json={"query": query, "variables": variables},
                                           passthrough=(400,))
        body = self.http.json(response, action)
        errors = (body or {}).get("errors") if isinstance(body, dict) else None
        if errors:
            first = errors[0] if isinstance(errors[0], dict) else {}
            code = str((first.get("extensions") or {}).get("code") or "")
            message = self.http.scrub(str(first.get("message") or code or "error"))[:200]
            if code == "AUTHENTICATION_ERROR":
                raise AuthRejected(SYSTEM, f"rejected the credentials trying to {action}; check LINEAR_API_KEY")
            if code == "RATELIMITED":
                raise Transient(SYSTEM, f"rate limited trying to {action}")
            raise IntegrationFailed(SYSTEM, f"refused to {action}: {message}")
        if response.status_code == 400 or not isinstance((body or {}).get("data"), dict):
            raise self.http.failed(f"answered HTTP {response.status_code} without data (trying to {action})")
        return body["data"]

    async def open_ticket(self, request: TicketRequest) -> Ticket:
        return await self.http.run(lambda: self._open(request))

    async def _open(self, request: TicketRequest) -> Ticket:
        wanted = issue_id(request)
        existing = await self._issue(wanted)
        if existing:
            return Ticket(tracker=self.name, ref=existing["id"], key=existing["identifier"],
                          url=existing["url"], assigned=bool(existing.get("assignee")))
        assignee = await self._user(request.owner_email) if request.owner_email else None
        payload: dict[str, Any] = {"id": wanted, "teamId": self.team_id, "title": request.title[:255],
                                   "description": request.description}
        if request.due:
            payload["dueDate"] = request.due.isoformat()
        if assignee:
            payload["assigneeId"] = assignee
        data = await self._gql(_CREATE, {"input": payload}, "create the ticket")
        created = (data.get("issueCreate") or {})
        issue = created.get("issue") or {}
        if not created.get("success") or not issue.get("id"):
            raise IntegrationFailed(SYSTEM, "did not create the ticket (success: false)")
        return Ticket(tracker=self.name, ref=issue["id"], key=issue["identifier"], url=issue["url"],
                      created=True, assigned=bool(assignee))

    async def _issue(self, ref: str) -> dict[str, Any] | None:
        try:
            data = await self._gql(_ISSUE, {"id": ref}, "look for the ticket")
        except IntegrationFailed as exc:
            if type(exc) is IntegrationFailed and "not found" in exc.reason.lower():
                return None
            raise
        return data.get("issue")

    async def _user(self, email: str) -> str | None:
        data = await self._gql(_USER, {"email": email}, "look up the owner")
        nodes = (data.get("users") or {}).get("nodes") or []
        return str(nodes[0]["id"]) if nodes else None

    async def close_ticket(self, ref: str) -> None:
        async def op() -> None:
            issue = await self._issue(ref)
            if issue is None:
                raise IntegrationFailed(SYSTEM, f"ticket {ref} not found")
            if (issue.get("state") or {}).get("type") in ("completed", "canceled"):
                return
            states = (await self._gql(_STATES, {"team": self.team_id}, "find the done state"))
            nodes = sorted((states.get("workflowStates") or {}).get("nodes") or [],
                           key=lambda s: s.get("position", 0))
            if not nodes:
                raise IntegrationFailed(SYSTEM, f"team {self.team_id} has no completed state")
            result = await self._gql(_UPDATE, {"id": ref, "state": nodes[0]["id"]}, f"close {issue['identifier']}")
            if not (result.get("issueUpdate") or {}).get("success"):
                raise IntegrationFailed(SYSTEM, f"did not close {issue['identifier']}")
        await self.http.run(op)

    async def is_done(self, ref: str) -> bool:
        async def op() -> bool:
            issue = await self._issue(ref)
            return bool(issue) and (issue.get("state") or {}).get("type") in ("completed", "canceled")
        return await self.http.run(op)
