"""Opsgenie Alert API v2 (https://docs.opsgenie.com/docs/alert-api).

- Auth: `Authorization: GenieKey <key>` (an API integration's key).
- Create: `POST /v2/alerts` {message (130 chars), alias (512), description, responders, priority,
  details, source}; answered 202 with a `requestId` (processed asynchronously). An open alert
  with the same alias is not duplicated, which makes a retry safe.
- Close: `POST /v2/alerts/{alias}/close?identifierType=alias`, also 202.
A target names an Opsgenie team (`responders: [{"type": "team", "name": ...}]`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pydantic import SecretStr

from bot.integrations.http import VendorHttp
from bot.integrations.paging.base import PageRequest, PageResult

SYSTEM = "Opsgenie"
_PRIORITY = {"critical": "P1", "error": "P2", "warning": "P3", "info": "P5"}


class OpsgeniePager:
    name = "opsgenie"

    def __init__(self, api_key: SecretStr | str, api_url: str = "https://api.opsgenie.com",
                 timeout: float = 10.0, attempts: int = 3, backoff: float = 0.5) -> None:
        key = api_key.get_secret_value() if isinstance(api_key, SecretStr) else api_key
        if not key:
            raise ValueError("OPSGENIE_API_KEY must not be empty")
        self.http = VendorHttp(SYSTEM, api_url, secrets=[key], headers={"Authorization": f"GenieKey {key}"},
                               timeout=timeout, attempts=attempts, backoff=backoff,
                               auth_hint="check OPSGENIE_API_KEY (an API integration's key with "
                                         "create-and-update access)")

    def __repr__(self) -> str:
        return f"OpsgeniePager(api_url={self.http.base_url!r})"

    def routes(self, target: str) -> bool:
        return True

    async def trigger(self, page: PageRequest) -> PageResult:
        alert: dict[str, Any] = {
            "message": page.summary[:130],
            "alias": page.dedup_key,
            "description": page.summary + (f"\nWar room: {page.link}" if page.link else ""),
            "priority": _PRIORITY[page.severity],
            "source": "incident-commander",
            "details": dict(page.details),
        }
        if page.target:
            alert["responders"] = [{"type": "team", "name": page.target}]
        await self.http.run(lambda: self._send("/v2/alerts", alert, "create the alert"))
        return PageResult(pager=self.name, dedup_key=page.dedup_key, target=page.target)

    async def resolve(self, dedup_key: str, target: str = "") -> None:
        path = f"/v2/alerts/{quote(dedup_key, safe='')}/close?identifierType=alias"
        await self.http.run(lambda: self._send(path, {"source": "incident-commander"}, "close the alert"))

    async def _send(self, path: str, body: dict[str, Any], action: str) -> None:
        response = await self.http.request("POST", path, action, json=body)
        data = self.http.json(response, action)
        if not isinstance(data, dict) or not data.get("requestId"):
            raise self.http.failed(f"answered without a requestId (trying to {action})")
