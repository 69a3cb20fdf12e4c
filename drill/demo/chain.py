"""A call chain of demo services (gateway -> api -> search -> db by default), for root-cause runs.

Each `ChainService` is a `DemoService` that, after its own work, calls the next service and
fails (502) when that call fails, so a fault deep in the chain shows in every service in front
of it: the case the root-cause walk exists for. Beyond the demo service's metrics each one
exports:

- `traces_service_graph_request_total{client, server}` and
  `traces_service_graph_request_failed_total{client, server}`: the names and labels the
  OpenTelemetry Collector's `servicegraph` connector (and Tempo) give the edges it sees in
  traces; here the caller counts its own calls, standing in for the collector;
- `demo_memory_bytes`: a resident-memory gauge that a memory-leak fault makes grow.

Faults (`ChainService.fault(kind, ...)`): `latency` (extra milliseconds on its own work),
`errors` (a share of requests answered 500), `memory_leak` (bytes per second), `outage`
(every request answered 503 at once, as a dependency that is down looks to its callers).
"""

from __future__ import annotations

import asyncio
import time
from typing import Literal

import aiohttp
from aiohttp import web
from prometheus_client import Counter, Gauge

from drill.demo.service import DemoService

FaultKind = Literal["latency", "errors", "memory_leak", "outage"]
DEFAULT_CHAIN = ("gateway", "api", "search", "db")
BASE_MEMORY = 64 * 2**20


class ChainService(DemoService):
    """A demo service that calls `downstream` (another ChainService) on every request."""

    def __init__(self, name: str, *, downstream: ChainService | None = None, **kwargs) -> None:
        super().__init__(name, **kwargs)
        self.downstream = downstream
        self.outage = False
        self.leak_bytes_per_s = 0.0
        self._leak_since: float | None = None
        self._session: aiohttp.ClientSession | None = None
        self.edge_requests = Counter(
            "traces_service_graph_request",
            "Calls from client to server (servicegraph connector names)",
            ["client", "server"],
            registry=self.registry,
        )
        self.edge_failures = Counter(
            "traces_service_graph_request_failed",
            "Failed calls from client to server",
            ["client", "server"],
            registry=self.registry,
        )
        self.memory = Gauge("demo_memory_bytes", "Resident memory", registry=self.registry)
        self.memory.set_function(self._memory_now)

    def fault(self, kind: FaultKind, *, error_rate: float = 0.05, latency_ms: float = 150.0,
              leak_mib_per_s: float = 4.0) -> None:
        self.heal()
        if kind == "latency":
            self.inject(error_rate=0.0, latency_ms=latency_ms)
        elif kind == "errors":
            self.inject(error_rate=error_rate, latency_ms=0.0)
        elif kind == "memory_leak":
            self.leak_bytes_per_s = leak_mib_per_s * 2**20
            self._leak_since = time.monotonic()
        elif kind == "outage":
            self.outage = True

    def heal(self) -> None:
        super().heal()
        self.outage = False
        self.leak_bytes_per_s = 0.0
        self._leak_since = None

    def _memory_now(self) -> float:
        wobble = (self._random.random() - 0.5) * 2**20  # +-0.5 MiB of ordinary churn
        if self._leak_since is None:
            return BASE_MEMORY + wobble
        return BASE_MEMORY + wobble + self.leak_bytes_per_s * (time.monotonic() - self._leak_since)

    async def start(self, port: int = 0) -> ChainService:
        await super().start(port)
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))
        if self.downstream is not None:
            for counter in (self.edge_requests, self.edge_failures):
                counter.labels(client=self.name, server=self.downstream.name)
        return self

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
        await super().stop()

    async def _work(self, request: web.Request) -> web.Response:
        started = time.perf_counter()
        if self.outage:
            self.requests.labels(code="503", method="GET", handler="/").inc()
            self.duration.labels(handler="/").observe(time.perf_counter() - started)
            return web.Response(status=503, text="unavailable")
        self.in_flight.inc()
        try:
            jitter = self._random.uniform(0.5, 1.5)
            await asyncio.sleep(self.base_latency * jitter + self.extra_latency * jitter)
            code = 500 if self._random.random() < self.error_rate else 200
            if code == 200 and self.downstream is not None:
                code = 200 if await self._call_downstream() else 502
        finally:
            self.in_flight.dec()
        self.requests.labels(code=str(code), method="GET", handler="/").inc()
        self.duration.labels(handler="/").observe(time.perf_counter() - started)
        return web.Response(status=code, text="ok" if code == 200 else "failed")

    async def _call_downstream(self) -> bool:
        assert self.downstream is not None and self._session is not None
        edge = {"client": self.name, "server": self.downstream.name}
        self.edge_requests.labels(**edge).inc()
        try:
            async with self._session.get(self.downstream.url) as response:
                await response.read()
                ok = response.status < 500
        except (aiohttp.ClientError, asyncio.TimeoutError):
            ok = False
        if not ok:
            self.edge_failures.labels(**edge).inc()
        return ok


async def start_chain(names: tuple[str, ...] = DEFAULT_CHAIN, *, prefix: str = "",
                      base_latency_ms: float = 4.0) -> list[ChainService]:
    """Start the chain deepest first, so each caller knows its callee's URL; front first back."""
    services: list[ChainService] = []
    downstream: ChainService | None = None
    for name in reversed(names):
        service = ChainService(
            f"{prefix}{name}", downstream=downstream, base_latency_ms=base_latency_ms
        )
        await service.start()
        services.insert(0, service)
        downstream = service
    return services
