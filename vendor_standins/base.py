"""What every vendor stand-in shares: a loopback aiohttp server, scripted faults, a request log.

Scripting: `fail_next(status, times=1, retry_after=None, contains=None)` answers the next matching requests
with an error; `slow_next(delay_s)` answers the next one only after a delay (past a short client
timeout) but still processes it, as a vendor does when the client gave up waiting; every request
is recorded in `requests` (method, path, query, headers, body).

Rate limits: a subclass sets `rate_limit = (requests, window_s)` from the vendor's published
limit (a rolling window per credential, `limit_key`), and answers past it with
`rate_limited(retry_after_s)` in the vendor's own shape. Tests may pass a tighter limit.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any, Self

from aiohttp import web

_JSON_BODY = web.RequestKey("json_body", object)


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any


@dataclass
class Fault:
    status: int | None = None  # None: process normally, after the delay
    delay_s: float = 0.0
    retry_after: float | None = None
    contains: str | None = None  # matched against "METHOD /path?query <raw body>"

    def matches(self, request: web.Request, raw: bytes) -> bool:
        if self.contains is None:
            return True
        return self.contains in f"{request.method} {request.path_qs} {raw.decode(errors='replace')}"


class VendorStandIn:
    """Subclasses add routes in `routes(app)` and say how a fault's error body looks."""

    rate_limit: tuple[int, float] | None = None  # (requests, rolling window in seconds) per credential

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.faults: deque[Fault] = deque()
        self.base_url = ""
        self._runner: web.AppRunner | None = None
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self.throttled = 0  # how many requests the rate limit refused

    def routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def error_body(self, status: int) -> dict[str, Any]:
        return {"message": f"HTTP {status}"}

    def limit_key(self, request: web.Request, body: Any) -> str:
        """Whose budget a request spends: the credential it carries (override per vendor)."""
        return request.headers.get("Authorization", "")

    def rate_limited(self, retry_after_s: float) -> web.Response:
        """The vendor's answer past its rate limit (override per vendor)."""
        return web.json_response(self.error_body(429), status=429,
                                 headers={"Retry-After": str(max(1, math.ceil(retry_after_s)))})

    def _over_limit(self, key: str) -> float | None:
        """Seconds until the window has room, when this request is over the limit; else None
        (and the request is counted)."""
        if self.rate_limit is None:
            return None
        limit, window = self.rate_limit
        now = time.monotonic()
        seen = self._seen[key]
        while seen and now - seen[0] >= window:
            seen.popleft()
        if len(seen) >= limit:
            return window - (now - seen[0]) if seen else window
        seen.append(now)
        return None

    # --- scripting ---------------------------------------------------------------------------

    def fail_next(self, status: int, times: int = 1, retry_after: float | None = None,
                  contains: str | None = None) -> None:
        """The next `times` requests (that contain `contains`, see `Fault`) answer `status`."""
        for _ in range(times):
            self.faults.append(Fault(status=status, retry_after=retry_after, contains=contains))

    def slow_next(self, delay_s: float, contains: str | None = None) -> None:
        """The next (matching) request is processed at once but answered `delay_s` later."""
        self.faults.append(Fault(delay_s=delay_s, contains=contains))

    # --- serving -----------------------------------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        raw = await request.read()
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode(errors="replace")
        request[_JSON_BODY] = body
        self.requests.append(Recorded(request.method, request.path, dict(request.query),
                                      dict(request.headers), body))
        wait = self._over_limit(self.limit_key(request, body))
        if wait is not None:
            self.throttled += 1
            return self.rate_limited(wait)
        fault = next((f for f in self.faults if f.matches(request, raw)), None)
        if fault is not None:
            self.faults.remove(fault)
            if fault.status is not None:
                headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else {}
                return web.json_response(self.error_body(fault.status), status=fault.status, headers=headers)
            response = await handler(request)  # processed now, answered late
            await asyncio.sleep(fault.delay_s)
            return response
        return await handler(request)

    async def start(self) -> Self:
        app = web.Application(middlewares=[self._middleware])
        self.routes(app)
        self._runner = web.AppRunner(app, shutdown_timeout=0.2, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


def body_of(request: web.Request) -> Any:
    return request[_JSON_BODY]
