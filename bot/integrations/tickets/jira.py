"""Jira Cloud platform REST API v3 (https://developer.atlassian.com/cloud/jira/platform/rest/v3/).

- Auth: HTTP basic with the account's email and an API token.
- Find (idempotency): `GET /rest/api/3/search/jql?jql=project = "P" AND labels = "ic-INC-42-1"`.
- Owner: `GET /rest/api/3/user/search?query=<email>` gives an `accountId` (none: unassigned).
- Create: `POST /rest/api/3/issue` {fields: project.key, issuetype.name, summary, description
  (Atlassian Document Format), labels, duedate (YYYY-MM-DD), assignee.accountId} -> 201 {id, key}.
- Close: `GET /rest/api/3/issue/{key}/transitions`, then `POST` the first transition whose target
  status category is `done`. Done: `GET /rest/api/3/issue/{key}?fields=status` has
  `fields.status.statusCategory.key == "done"`.
"""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import SecretStr

from bot.integrations.http import VendorHttp
from bot.integrations.tickets.base import Ticket, TicketRequest

SYSTEM = "Jira"


def adf(text: str) -> dict[str, Any]:
    """Plain text as an Atlassian Document Format document, one paragraph per line."""
    paragraphs = [{"type": "paragraph", "content": [{"type": "text", "text": line}]}
                  for line in text.splitlines() if line.strip()]
    return {"type": "doc", "version": 1, "content": paragraphs}


class JiraTracker:
    name = "jira"

    def __init__(self, url: str, user: str, api_token: SecretStr | str, project: str,
                 issue_type: str = "Task", timeout: float = 10.0, attempts: int = 3,
                 backoff: float = 0.5) -> None:
        token = api_token.get_secret_value() if isinstance(api_token, SecretStr) else api_token
        if not (url.strip() and user.strip() and token and project.strip()):
            raise ValueError("JIRA_URL, JIRA_USER, JIRA_API_TOKEN and JIRA_PROJECT must be set")
        self.site = url.strip().rstrip("/")
        self.project = project.strip()
        self.issue_type = issue_type.strip() or "Task"
        self.http = VendorHttp(
            SYSTEM, self.site + "/rest/api/3", secrets=[token, f"{user}:{token}"],
            auth=httpx.BasicAuth(user.strip(), token), timeout=timeout, attempts=attempts,
            backoff=backoff, auth_hint=f"check JIRA_USER and JIRA_API_TOKEN and that the account "
                                       f"may create issues in {self.project}")

    def __repr__(self) -> str:
        return f"JiraTracker(url={self.site!r}, project={self.project!r})"

    def browse(self, key: str) -> str:
        return f"{self.site}/browse/{key}"

    async def open_ticket(self, request: TicketRequest) -> Ticket:
        return await self.http.run(lambda: self._open(request))

    async def _open(self, request: TicketRequest) -> Ticket:
        jql = f'project = "{self.project}" AND labels = "{request.key}"'
        found = self.http.json(await self.http.request(
            "GET", "/search/jql", "look for the ticket", params={"jql": jql, "fields": "summary,assignee"}),
            "look for the ticket")
        issues = (found or {}).get("issues") or []
        if issues:
            issue = issues[0]
            assigned = bool(((issue.get("fields") or {}).get("assignee")))
            return Ticket(tracker=self.name, ref=str(issue["key"]), key=str(issue["key"]),
                          url=self.browse(str(issue["key"])), assigned=assigned)
        account = await self._account(request.owner_email) if request.owner_email else None
        fields: dict[str, Any] = {
            "project": {"key": self.project},
            "issuetype": {"name": self.issue_type},
            "summary": request.title[:255],
            "labels": [request.key, "incident-commander"],
        }
        if request.description.strip():
            fields["description"] = adf(request.description)
        if request.due:
            fields["duedate"] = request.due.isoformat()
        if account:
            fields["assignee"] = {"accountId": account}
        created = self.http.json(await self.http.request("POST", "/issue", "create the ticket",
                                                         json={"fields": fields}), "create the ticket")
        if not isinstance(created, dict) or not created.get("key"):
            raise self.http.failed("answered without an issue key (trying to create the ticket)")
        key = str(created["key"])
        return Ticket(tracker=self.name, ref=key, key=key, url=self.browse(key), created=True,
                      assigned=bool(account))

    async def _account(self, email: str) -> str | None:
        users = self.http.json(await self.http.request(
            "GET", "/user/search", "look up the owner", params={"query": email}), "look up the owner")
        for user in users or []:
            if isinstance(user, dict) and user.get("accountId") and user.get("active", True):
                return str(user["accountId"])
        return None

    async def close_ticket(self, ref: str) -> None:
        async def op() -> None:
            if await self._done(ref):
                return
            action = f"list the transitions of {ref}"
            data = self.http.json(await self.http.request("GET", f"/issue/{ref}/transitions", action), action)
            done = next((t for t in (data or {}).get("transitions") or []
                         if ((t.get("to") or {}).get("statusCategory") or {}).get("key") == "done"), None)
            if done is None:
                raise self.http.failed(f"{ref} has no transition to a done status for this account")
            await self.http.request("POST", f"/issue/{ref}/transitions", f"close {ref}",
                                    json={"transition": {"id": str(done["id"])}})
        await self.http.run(op)

    async def is_done(self, ref: str) -> bool:
        return await self.http.run(lambda: self._done(ref))

    async def _done(self, ref: str) -> bool:
        action = f"read {ref}"
        data = self.http.json(await self.http.request("GET", f"/issue/{ref}", action,
                                                      params={"fields": "status"}), action)
        status = ((data or {}).get("fields") or {}).get("status") or {}
        return (status.get("statusCategory") or {}).get("key") == "done"
