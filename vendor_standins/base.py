"""What every vendor stand-in shares: a loopback aiohttp server, scripted faults, a request log.

Scripting: `fail_next(status, times=1, retry_after=None, contains=None)` answers the next matching requests
with an error; `slow_next(delay_s)` answers the next one only after a delay (past a short client
timeout) but still processes it, as a vendor does when the client gave up waiting; every request
is recorded in `requests` (method, path, query, headers, body).
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
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

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.faults: deque[Fault] = deque()
        self.base_url = ""
        self._runner: web.AppRunner | None = None

    def routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def error_body(self, status: int) -> dict[str, Any]:
        return {"message": f"HTTP {status}"}

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
