"""A round-robin HTTP proxy on loopback: one request URL in front of several bot processes,
as a load balancer would put it in production."""

from __future__ import annotations

import itertools

import aiohttp
from aiohttp import web

_HOP_BY_HOP = {"host", "content-length", "transfer-encoding", "connection"}


class RoundRobin:
    def __init__(self, targets: list[str]) -> None:
        self._targets = itertools.cycle(targets)
        self.counts: dict[str, int] = {t: 0 for t in targets}
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.url = ""

    async def start(self) -> RoundRobin:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self._session = aiohttp.ClientSession()
        return self

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._session is not None
        target = next(self._targets)
        self.counts[target] += 1
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP}
        async with self._session.request(
            request.method, target + request.path_qs, headers=headers, data=await request.read()
        ) as response:
            body = await response.read()
            return web.Response(status=response.status, body=body, content_type=response.content_type)

    async def stop(self) -> None:
        if self._session:
            await self._session.close()
        if self._runner:
            await self._runner.cleanup()
