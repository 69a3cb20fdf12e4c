"""Atlassian Statuspage, REST API v1 (https://developer.statuspage.io/).

- Auth: `Authorization: OAuth <api key>` (developer.statuspage.io, "Authentication").
- Create: `POST /v1/pages/{page_id}/incidents` with `{"incident": {name, status, impact_override,
  body, component_ids, components, metadata}}`; update: `PATCH /v1/pages/{page_id}/incidents/{id}`
  (each update with a `body` adds an incident update); read: `GET .../incidents/{id}`;
  `GET .../incidents/unresolved` lists the open ones.
- Idempotency: Statuspage has no idempotency key, so each incident we create carries
  `metadata.incident_commander.incident_id`; a create whose answer was lost is found again
  among the unresolved incidents before a second create is tried.
"""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from bot.integrations.http import IntegrationFailed, VendorHttp
from bot.integrations.statuspage.base import PublicIncident, StatusPost

SYSTEM = "Statuspage"
META_KEY = "incident_commander"


class AtlassianStatuspage:
    name = "statuspage"

    def __init__(self, api_key: SecretStr | str, page_id: str,
                 api_url: str = "https://api.statuspage.io", timeout: float = 10.0,
                 attempts: int = 3, backoff: float = 0.5) -> None:
        key = api_key.get_secret_value() if isinstance(api_key, SecretStr) else api_key
        if not key or not page_id.strip():
            raise ValueError("STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID must not be empty")
        self.page_id = page_id.strip()
        self.http = VendorHttp(
            SYSTEM, api_url.rstrip("/") + f"/v1/pages/{self.page_id}", secrets=[key],
            headers={"Authorization": f"OAuth {key}"}, timeout=timeout, attempts=attempts,
            backoff=backoff, auth_hint="check STATUSPAGE_API_KEY and that its user may manage page "
                                       f"{self.page_id}")

    def __repr__(self) -> str:
        return f"AtlassianStatuspage(page_id={self.page_id!r}, api_url={self.http.base_url!r})"

    async def publish(self, post: StatusPost) -> PublicIncident:
        return await self.http.run(lambda: self._publish(post))

    async def read(self, public_id: str) -> PublicIncident:
        async def op() -> PublicIncident:
            response = await self.http.request("GET", f"/incidents/{public_id}", "read the incident")
            return self._incident(self.http.json(response, "read the incident"))
        return await self.http.run(op)

    async def _publish(self, post: StatusPost) -> PublicIncident:
        public_id = post.public_id or await self._find(post.incident_id)
        fields: dict[str, Any] = {
            "status": post.status,
            "impact_override": post.impact,
            "body": post.body,
        }
        if post.components:
            fields["component_ids"] = list(post.components)
            fields["components"] = dict(post.components)
        if public_id:
            response = await self.http.request("PATCH", f"/incidents/{public_id}", "update the incident",
                                               json={"incident": fields})
            return self._incident(self.http.json(response, "update the incident"))
        fields |= {"name": post.name, "metadata": {META_KEY: {"incident_id": post.incident_id}}}
        response = await self.http.request("POST", "/incidents", "create the incident",
                                           json={"incident": fields})
        incident = self._incident(self.http.json(response, "create the incident"))
        incident.created = True
        return incident

    async def _find(self, incident_id: str) -> str | None:
        response = await self.http.request("GET", "/incidents/unresolved", "list open incidents")
        for item in self.http.json(response, "list open incidents") or []:
            meta = (item.get("metadata") or {}).get(META_KEY) or {}
            if isinstance(meta, dict) and meta.get("incident_id") == incident_id:
                return str(item["id"])
        return None

    def _incident(self, data: Any) -> PublicIncident:
        if not isinstance(data, dict) or not data.get("id"):
            raise IntegrationFailed(SYSTEM, "answered without an incident id")
        return PublicIncident(
            public_id=str(data["id"]), name=str(data.get("name", "")), status=str(data.get("status", "")),
            impact=str(data.get("impact", "")),
            url=str(data.get("shortlink") or data.get("url") or ""))
