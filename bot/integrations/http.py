"""One HTTP client for every vendor: typed failures, bounded retries, no secret in any message.

`VendorHttp.request` sends one request and returns a 2xx response, or raises:

- `AuthRejected` (401/403): the credentials are wrong or lack a permission; never retried;
- `Transient` (429, 5xx, timeout, connection error): worth another try;
- `IntegrationFailed` (any other refusal): the vendor said no; retrying will not help.

`VendorHttp.run(operation)` runs a whole idempotent operation (look up, then create) and runs it
again on `Transient`, up to `attempts` times, waiting `Retry-After` (capped) or a short backoff.
Retrying the whole operation, not the single request, is what makes a retry after a lost answer
safe: the second run finds what the first one created.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

import httpx

from agents.redact import redact

log = logging.getLogger("bot.integrations")
T = TypeVar("T")
_DETAIL_LIMIT = 200


class IntegrationFailed(RuntimeError):
    """A vendor call did not happen. The message names the system and the reason, never a secret."""

    def __init__(self, system: str, reason: str) -> None:
        self.system = system
        self.reason = reason
        super().__init__(f"{system}: {reason}")


class AuthRejected(IntegrationFailed):
    """The vendor refused the credentials (or their permissions)."""


class Transient(IntegrationFailed):
    """Rate limited, unavailable, or no answer in time: another try may succeed."""

    def __init__(self, system: str, reason: str, retry_after: float | None = None) -> None:
        super().__init__(system, reason)
        self.retry_after = retry_after


class VendorHttp:
    def __init__(
        self,
        system: str,
        base_url: str,
        *,
        secrets: Iterable[str],
        headers: dict[str, str] | None = None,
        auth: httpx.Auth | None = None,
        timeout: float = 10.0,
        attempts: int = 3,
        backoff: float = 0.5,
        max_wait: float = 5.0,
        auth_hint: str = "",
    ) -> None:
        self.system = system
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.max_wait = max_wait
        self.auth_hint = auth_hint
        self._headers = {"Accept": "application/json", "User-Agent": "incident-commander",
                         **(headers or {})}
        self._auth = auth
        self._secrets = [s for s in secrets if s]
        # A secret also leaks as the basic-auth header made of it.
        self._secrets += [base64.b64encode(s.encode()).decode() for s in list(self._secrets)]

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[REDACTED]")
        return redact(text)

    def outgoing(self, value: Any) -> Any:
        """A request body with every text redacted (the last door before a vendor), except our
        own credentials where the vendor's API wants them in the body (PagerDuty's routing key)."""
        if isinstance(value, str):
            return value if value in self._secrets else redact(value)
        if isinstance(value, dict):
            return {key: self.outgoing(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.outgoing(item) for item in value]
        return value

    def failed(self, reason: str) -> IntegrationFailed:
        return IntegrationFailed(self.system, self.scrub(reason))

    async def request(
        self, method: str, path: str, action: str, *, passthrough: tuple[int, ...] = (), **kwargs: Any
    ) -> httpx.Response:
        url = path if path.startswith(("http://", "https://")) else f"{self.base_url}{path}"
        if "json" in kwargs:
            kwargs["json"] = self.outgoing(kwargs["json"])
        try:
            async with httpx.AsyncClient(timeout=httpx.Timeout(self.timeout), auth=self._auth,
                                         headers=self._headers) as client:
                response = await client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise Transient(self.system, f"no answer within {self.timeout:g}s (trying to {action})") from None
        except httpx.TransportError as exc:
            raise Transient(self.system, self.scrub(
                f"could not reach {self.base_url} (trying to {action}): {type(exc).__name__}")) from None
        if response.is_success or response.status_code in passthrough:
            return response
        raise self.failure(response, action)

    def failure(self, response: httpx.Response, action: str) -> IntegrationFailed:
        status = response.status_code
        detail = error_detail(response)
        suffix = f": {detail}" if detail else ""
        if status in (401, 403):
            hint = f"; {self.auth_hint}" if self.auth_hint else ""
            word = "rejected the credentials" if status == 401 else "refused the permission"
            return AuthRejected(self.system, self.scrub(f"{word} (HTTP {status}) trying to {action}{hint}"))
        if status in (420, 429):  # Statuspage answers 420 too (https://developer.statuspage.io/#section/Rate-limiting)
            wait = _seconds(response.headers.get("retry-after"))
            return Transient(self.system, f"rate limited (HTTP {status}) trying to {action}", wait)
        if status >= 500:
            return Transient(self.system, self.scrub(f"unavailable (HTTP {status}) trying to {action}{suffix}"))
        return IntegrationFailed(self.system, self.scrub(f"refused to {action} (HTTP {status}){suffix}"))

    async def run(self, operation: Callable[[], Awaitable[T]]) -> T:
        """Run an idempotent operation, again on `Transient`, at most `attempts` times."""
        for attempt in range(1, self.attempts + 1):
            try:
                return await operation()
            except Transient as exc:
                if attempt == self.attempts:
                    raise
                wait = exc.retry_after if exc.retry_after is not None else self.backoff * 2 ** (attempt - 1)
                wait = min(max(wait, 0.0), self.max_wait)
                log.info("vendor call will be retried", extra={
                    "system": self.system, "attempt": attempt, "wait_s": wait, "error": exc.reason})
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    def json(self, response: httpx.Response, action: str) -> Any:
        try:
            return response.json()
        except ValueError:
            raise self.failed(f"answered HTTP {response.status_code} without JSON (trying to {action})") from None


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def error_detail(response: httpx.Response) -> str:
    """The human part of a vendor's error body, short (each vendor words it differently)."""
    try:
        data = response.json()
    except ValueError:
        return ""
    parts: list[str] = []
    if isinstance(data, dict):
        for key in ("message", "error", "errorMessages", "errors"):
            value = data.get(key)
            if isinstance(value, str):
                parts.append(value)
            elif isinstance(value, list):
                parts += [str(v.get("message", v)) if isinstance(v, dict) else str(v) for v in value[:3]]
            elif isinstance(value, dict):
                parts += [f"{k}: {v}" for k, v in list(value.items())[:3]]
    detail = " ".join("; ".join(p for p in parts if p).split())
    return detail[:_DETAIL_LIMIT] + ("…" if len(detail) > _DETAIL_LIMIT else "")
