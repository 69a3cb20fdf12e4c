"""An async client of Alertmanager's API v2: the alerts that are active right now.

`GET /api/v2/alerts?active=true&silenced=false&inhibited=false[&filter=label="value"]` answers a
JSON list of alerts, each `{"labels", "annotations", "startsAt", "endsAt", "updatedAt",
"fingerprint", "generatorURL", "receivers": [{"name"}], "status": {"state", "silencedBy",
"inhibitedBy"}}`. Failures raise `SourceUnavailable` like the Prometheus client does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Self

import httpx
from pydantic import BaseModel, Field, ValidationError

from agents.evidence.prometheus import DEFAULT_TIMEOUT_SECONDS, SourceUnavailable, get_or_unavailable


class ActiveAlert(BaseModel):
    """One alert as Alertmanager holds it now."""

    name: str
    state: str = "active"
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict)
    starts_at: datetime | None = None
    fingerprint: str = ""
    generator_url: str = ""

    @classmethod
    def from_api(cls, raw: dict[str, Any]) -> ActiveAlert:
        labels = {str(k): str(v) for k, v in (raw.get("labels") or {}).items()}
        return cls(
            name=labels.get("alertname", "unnamed alert"),
            state=str((raw.get("status") or {}).get("state") or "active"),
            labels=labels,
            annotations={str(k): str(v) for k, v in (raw.get("annotations") or {}).items()},
            starts_at=raw.get("startsAt"),
            fingerprint=str(raw.get("fingerprint") or ""),
            generator_url=str(raw.get("generatorURL") or ""),
        )


class AlertmanagerClient:
    source = "alertmanager"

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._own_client = client is None
        self._client = client or httpx.AsyncClient(timeout=httpx.Timeout(timeout))

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_client:
            await self._client.aclose()

    async def active_alerts(self, matchers: dict[str, str] | None = None) -> list[ActiveAlert]:
        """Active alerts (not silenced, not inhibited), optionally only those whose labels equal
        `matchers`; oldest first."""
        params: list[tuple[str, str]] = [
            ("active", "true"),
            ("silenced", "false"),
            ("inhibited", "false"),
        ]
        params += [("filter", f'{name}="{value}"') for name, value in (matchers or {}).items()]
        url = self.base_url + "/api/v2/alerts"
        response = await get_or_unavailable(self._client, url, params, self.source, self.base_url, self.timeout)
        if response.status_code != 200:
            raise SourceUnavailable(self.source, f"HTTP {response.status_code} from {url}")
        try:
            body = response.json()
            alerts = [ActiveAlert.from_api(raw) for raw in body]
        except (ValueError, TypeError, AttributeError, ValidationError):
            raise SourceUnavailable(self.source, f"not a list of alerts from {url}") from None
        return sorted(
            alerts, key=lambda a: (a.starts_at.timestamp() if a.starts_at else float("inf"), a.name)
        )
