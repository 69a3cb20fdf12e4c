"""PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/).

`POST /v2/enqueue` with `routing_key`, `event_action` (trigger | resolve), `dedup_key` and, for a
trigger, `payload` {summary, source, severity, custom_details} and `links`. PagerDuty answers
202 `{"status": "success", "dedup_key": ...}`; a trigger with the dedup key of an open alert
is merged into it, which makes a retry safe. The routing key travels in the body, so it is the
secret scrubbed from every message. A routing key per service comes from `PAGERDUTY_ROUTING_KEYS`.
"""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from bot.integrations.http import AuthRejected, IntegrationFailed, VendorHttp
from bot.integrations.paging.base import PageRequest, PageResult

SYSTEM = "PagerDuty"


def _plain(value: SecretStr | str) -> str:
    return value.get_secret_value() if isinstance(value, SecretStr) else value


class PagerDutyPager:
    name = "pagerduty"

    def __init__(self, routing_key: SecretStr | str | None, routing_keys: dict[str, Any] | None = None,
                 events_url: str = "https://events.pagerduty.com", timeout: float = 10.0,
                 attempts: int = 3, backoff: float = 0.5) -> None:
        self._default = _plain(routing_key) if routing_key else ""
        self._keys = {k.lower(): _plain(v) for k, v in (routing_keys or {}).items() if v}
        if not self._default and not self._keys:
            raise ValueError("PAGERDUTY_ROUTING_KEY (or PAGERDUTY_ROUTING_KEYS) must be set")
        self.http = VendorHttp(SYSTEM, events_url, secrets=[self._default, *self._keys.values()],
                               timeout=timeout, attempts=attempts, backoff=backoff,
                               auth_hint="check the routing key (an Events API v2 integration's key)")

    def __repr__(self) -> str:
        return f"PagerDutyPager(events_url={self.http.base_url!r}, services={sorted(self._keys)!r})"

    def routes(self, target: str) -> bool:
        return bool(self._keys.get(target.lower()) or self._default)

    def _key(self, target: str) -> str:
        key = self._keys.get(target.lower()) or self._default
        if not key:
            raise IntegrationFailed(SYSTEM, f"no routing key for {target!r} (PAGERDUTY_ROUTING_KEYS)")
        return key

    async def trigger(self, page: PageRequest) -> PageResult:
        event: dict[str, Any] = {
            "routing_key": self._key(page.target),
            "event_action": "trigger",
            "dedup_key": page.dedup_key,
            "payload": {"summary": page.summary, "source": "incident-commander",
                        "severity": page.severity, "custom_details": dict(page.details)},
        }
        if page.link:
            event["links"] = [{"href": page.link, "text": f"War room of {page.incident_id}"}]
        await self.http.run(lambda: self._send(event, "trigger a page"))
        return PageResult(pager=self.name, dedup_key=page.dedup_key, target=page.target)

    async def resolve(self, dedup_key: str, target: str = "") -> None:
        event = {"routing_key": self._key(target), "event_action": "resolve", "dedup_key": dedup_key}
        await self.http.run(lambda: self._send(event, "resolve the page"))

    async def _send(self, event: dict[str, Any], action: str) -> None:
        response = await self.http.request("POST", "/v2/enqueue", action, json=event, passthrough=(400,))
        body = self.http.json(response, action)
        if response.status_code == 400:
            errors = [str(e) for e in (body.get("errors") or [])] if isinstance(body, dict) else []
            if any("routing_key" in e for e in errors):
                # The Events API has no auth header: a wrong key is an invalid event.
                raise AuthRejected(SYSTEM, f"refused the routing key (HTTP 400) trying to {action}; "
                                           "check PAGERDUTY_ROUTING_KEY (an Events API v2 integration's key)")
            raise self.http.failed(f"refused to {action} (HTTP 400): {'; '.join(errors)[:200]}")
        if not isinstance(body, dict) or body.get("status") != "success":
            raise self.http.failed(f"did not accept the event (trying to {action})")
