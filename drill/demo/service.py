"""A small demo service with real prometheus-client metrics, whose error rate and latency can be
made to jump on request, and a steady load generator to give its metrics something to count.

Each service serves:
  GET  /          the "work": answers 200 after its latency, or 500 at its error rate
  GET  /metrics   Prometheus text format: http_requests_total{code,method,handler},
                  http_request_duration_seconds (histogram), http_requests_in_flight
  POST /fault     `{"error_rate": 0.5, "latency_ms": 300}` makes it degrade; DELETE /fault heals

Services keep their own registry, so several run in one process without mixing their numbers.
"""

from __future__ import annotations

import asyncio
import random
import time
from contextlib import suppress

import aiohttp
from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class DemoService:
    """`await svc.start()`, then `svc.url`; `svc.inject(error_rate=..., latency_ms=...)`."""

    def __init__(self, name: str, *, base_latency_ms: float = 4.0, seed: int | None = None) -> None:
        self.name = name
        self.base_latency = base_latency_ms / 1000
        self.error_rate = 0.0
        self.extra_latency = 0.0
        self._random = random.Random(seed if seed is not None else name)
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "http_requests",
            "Requests served",
            ["code", "method", "handler"],
            registry=self.registry,
        )
        self.duration = Histogram(
            "http_request_duration_seconds",
            "Request latency",
            ["handler"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "http_requests_in_flight", "Requests being served", registry=self.registry
        )
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def inject(self, *, error_rate: float = 0.5, latency_ms: float = 300.0) -> None:
        self.error_rate = max(0.0, min(1.0, error_rate))
        self.extra_latency = max(0.0, latency_ms) / 1000

    def heal(self) -> None:
        self.error_rate = 0.0
        self.extra_latency = 0.0

    async def start(self, port: int = 0) -> DemoService:
        app = web.Application()
        app.router.add_get("/", self._work)
        app.router.add_get("/metrics", self._metrics)
        app.router.add_post("/fault", self._fault)
        app.router.add_delete("/fault", self._heal)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        # Every series exists from the first scrape, so rates have a baseline from the start.
        self.requests.labels(code="200", method="GET", handler="/")
        self.requests.labels(code="500", method="GET", handler="/")
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _work(self, request: web.Request) -> web.Response:
        started = time.perf_counter()
        self.in_flight.inc()
        try:
            jitter = self._random.uniform(0.5, 1.5)
            await asyncio.sleep(self.base_latency * jitter + self.extra_latency * jitter)
            failed = self._random.random() < self.error_rate
            code = 500 if failed else 200
        finally:
            self.in_flight.dec()
        self.requests.labels(code=str(code), method="GET", handler="/").inc()
        self.duration.labels(handler="/").observe(time.perf_counter() - started)
        return web.Response(status=code, text="boom" if code == 500 else "ok")

    async def _metrics(self, request: web.Request) -> web.Response:
        return web.Response(
            body=generate_latest(self.registry), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    async def _fault(self, request: web.Request) -> web.Response:
        try:
            body = await request.json()
            self.inject(
                error_rate=float(body.get("error_rate", 0.5)),
                latency_ms=float(body.get("latency_ms", 300)),
            )
        except (ValueError, TypeError, AttributeError):
            return web.json_response(
                {"ok": False, "error": "expected {error_rate, latency_ms}"}, status=400
            )
        return web.json_response(
            {"ok": True, "error_rate": self.error_rate, "latency_ms": self.extra_latency * 1000}
        )

    async def _heal(self, request: web.Request) -> web.Response:
        self.heal()
        return web.json_response({"ok": True})


class LoadGenerator:
    """Calls every URL `rps` times a second (open loop: slow answers do not slow the callers)."""

    def __init__(self, urls: list[str], rps: float = 20.0) -> None:
        self.urls = urls
        self.rps = rps
        self.sent = 0
        self._task: asyncio.Task | None = None
        self._session: aiohttp.ClientSession | None = None
        self._inflight: set[asyncio.Task] = set()

    async def start(self) -> LoadGenerator:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))
        self._task = asyncio.create_task(self._run())
        return self

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        interval = 1.0 / self.rps
        next_at = loop.time()
        while True:
            for url in self.urls:
                task = asyncio.create_task(self._call(url))
                self._inflight.add(task)
                task.add_done_callback(self._inflight.discard)
            next_at += interval
            await asyncio.sleep(max(0.0, next_at - loop.time()))

    async def _call(self, url: str) -> None:
        assert self._session is not None
        with suppress(aiohttp.ClientError, asyncio.TimeoutError):
            async with self._session.get(url) as response:
                await response.read()
                self.sent += 1

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
        for task in list(self._inflight):
            task.cancel()
        if self._inflight:
            await asyncio.gather(*self._inflight, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
