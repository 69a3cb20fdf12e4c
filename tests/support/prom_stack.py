"""Test support for the metrics side.

- `FakePrometheus`: a tiny aiohttp stand-in of Prometheus' and Alertmanager's HTTP APIs whose
  answers are scripted (series per query, errors, slowness), for client and evidence tests.
- `real_binaries()`: the installed Prometheus/Alertmanager, or a pytest skip that says how to
  install them (`.ci/run` installs them, so CI never skips).
"""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from drill.demo.stack import Binaries, MissingBinaries, find_binaries

Matrix = list[dict[str, Any]]


def real_binaries() -> Binaries:
    try:
        return find_binaries()
    except MissingBinaries as exc:
        pytest.skip(f"real Prometheus tests need the binaries: {exc} (.ci/run installs them)")


@dataclass
class FakePrometheus:
    """`series(query) -> [(labels, [(t, v), ...]), ...]` answers range and instant queries.

    Set `mode` to "slow" (answers after `delay` seconds), "down_503", "html_502", "bad_query"
    or "garbage" to script failures; `alerts` is what `/api/v2/alerts` returns.
    """

    series: Callable[[str], list[tuple[dict[str, str], list[tuple[float, float]]]]] = lambda q: []
    mode: str = "ok"
    reject: Callable[[str], str | None] = lambda q: None
    delay: float = 1.0
    alerts: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    port: int | None = None
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakePrometheus:
        app = web.Application()
        app.router.add_get("/api/v1/query_range", self._range)
        app.router.add_get("/api/v1/query", self._instant)
        app.router.add_get("/api/v2/alerts", self._alerts)
        app.router.add_get("/-/ready", self._ready)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _ready(self, request: web.Request) -> web.Response:
        return web.Response(text="Prometheus Server is Ready.")

    async def _scripted_failure(self) -> web.Response | None:
        if self.mode == "slow":
            await asyncio.sleep(self.delay)
        if self.mode == "down_503":
            return web.json_response(
                {"status": "error", "errorType": "unavailable", "error": "too many queries"},
                status=503,
            )
        if self.mode == "html_502":
            return web.Response(
                status=502, text="<html>Bad Gateway</html>", content_type="text/html"
            )
        if self.mode == "bad_query":
            return web.json_response(
                {
                    "status": "error",
                    "errorType": "bad_data",
                    "error": "1:5: parse error: unexpected <EOF>",
                },
                status=400,
            )
        if self.mode == "garbage":
            return web.Response(text="not json", content_type="text/plain")
        return None

    async def _range(self, request: web.Request) -> web.Response:
        self.requests.append((request.path, dict(request.query)))
        failure = await self._scripted_failure()
        if failure is not None:
            return failure
        refusal = self.reject(request.query["query"])
        if refusal:
            return web.json_response(
                {"status": "error", "errorType": "bad_data", "error": refusal}, status=400
            )
        start, end = float(request.query["start"]), float(request.query["end"])
        result = []
        for labels, points in self.series(request.query["query"]):
            values = [
                [t, "NaN" if math.isnan(v) else json.dumps(v)]
                for t, v in points
                if start <= t <= end
            ]
            result.append({"metric": labels, "values": values})
        return web.json_response(
            {"status": "success", "data": {"resultType": "matrix", "result": result}}
        )

    async def _instant(self, request: web.Request) -> web.Response:
        self.requests.append((request.path, dict(request.query)))
        failure = await self._scripted_failure()
        if failure is not None:
            return failure
        at = float(request.query.get("time", "0"))
        result = [
            {"metric": labels, "value": [at, str(points[-1][1]) if points else "0"]}
            for labels, points in self.series(request.query["query"])
        ]
        return web.json_response(
            {"status": "success", "data": {"resultType": "vector", "result": result}}
        )

    async def _alerts(self, request: web.Request) -> web.Response:
        self.requests.append((request.path, dict(request.query)))
        failure = await self._scripted_failure()
        if failure is not None:
            return failure
        return web.json_response(self.alerts)
