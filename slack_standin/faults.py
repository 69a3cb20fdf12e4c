"""Fault injection: make the next calls to a Web API method fail the way Slack can fail."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from slack_standin.documented_errors import is_documented


@dataclass(frozen=True)
class Fault:
    """How one call is answered instead of being run."""

    status: int
    body: dict[str, Any] | str
    headers: dict[str, str]

    @property
    def error(self) -> str:
        if isinstance(self.body, dict):
            return str(self.body.get("error", ""))
        return f"http_{self.status}"


class FaultPlan:
    """Queued faults per method, used up in order, one per call."""

    def __init__(self) -> None:
        self._queues: dict[str, deque[Fault]] = {}
        self.latency_seconds = 0.0

    def _queue(self, method: str, fault: Fault, times: int) -> None:
        if times < 1:
            raise ValueError("times must be at least 1")
        self._queues.setdefault(method, deque()).extend([fault] * times)

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """The next `times` calls answer HTTP 429 with `Retry-After` and error `ratelimited`."""
        fault = Fault(
            429,
            {"ok": False, "error": "ratelimited"},
            {"Retry-After": str(retry_after)},
        )
        self._queue(method, fault, times)

    def fail(self, method: str, error: str, times: int = 1, **extra: Any) -> None:
        """The next `times` calls answer HTTP 200 `{"ok": false, "error": error, **extra}`.
        Only errors the method's page documents (see documented_errors.py)."""
        if not is_documented(method, error):
            raise ValueError(f"{method} does not document the error {error!r}")
        self._queue(method, Fault(200, {"ok": False, "error": error, **extra}, {}), times)

    def fail_http(self, method: str, status: int = 500, times: int = 1) -> None:
        """The next `times` calls answer a bare HTTP error page with this status."""
        self._queue(method, Fault(status, f"{status} Server Error", {}), times)

    def take(self, method: str) -> Fault | None:
        queue = self._queues.get(method)
        if not queue:
            return None
        return queue.popleft()

    def pending(self, method: str) -> int:
        return len(self._queues.get(method, ()))

    def clear(self) -> None:
        self._queues.clear()
