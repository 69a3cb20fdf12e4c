"""The stand-in's HTTP side: an aiohttp app on 127.0.0.1 serving the Web API, file uploads
and response URLs.

    POST|GET /api/<method>        Web API (form, query string or JSON, like slack_sdk sends)
    POST     /upload/<file_id>    the upload URL handed out by files.getUploadURLExternal
    POST     /response/<id>       response URLs handed out with commands and actions
    GET      /socket-mode/<ticket>  Socket Mode WebSocket (from apps.connections.open)
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from slack_standin.responses import Responses
from slack_standin.webapi import WebApi

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def _request_args(request: web.Request) -> tuple[dict[str, Any], str | None]:
    """Merged arguments, or an error code Slack gives for an unreadable body."""
    values: dict[str, Any] = dict(request.query)
    if request.method != "POST" or not request.can_read_body:
        return values, None
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except json.JSONDecodeError:
            return values, "invalid_json"
        if not isinstance(body, dict):
            return values, "json_not_object"
        values.update(body)
    elif request.content_type in _FORM_TYPES:
        form = await request.post()
        values.update({k: v for k, v in form.items() if isinstance(v, str)})
    else:
        return values, "invalid_post_type"
    return values, None


def _bearer(request: web.Request, values: dict[str, Any]) -> str | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ").strip()
    token = values.get("token")
    return str(token) if token else None


class StandInServer:
    def __init__(
        self,
        api: WebApi,
        responses: Responses,
        store_upload: Callable[[str, bytes], bool],
        latency: Callable[[], float],
        socket_mode: Callable[[web.Request], Awaitable[web.StreamResponse]],
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self._api = api
        self._responses = responses
        self._store_upload = store_upload
        self._latency = latency
        self._socket_mode = socket_mode
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api_call)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/response/{target}", self._response_url)
        app.router.add_get("/socket-mode/{ticket}", self._socket_mode)
        return app

    async def start(self) -> str:
        self._runner = web.AppRunner(self._app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            self.base_url = ""

    async def _delay(self) -> None:
        latency = self._latency()
        if latency > 0:
            await asyncio.sleep(latency)

    async def _api_call(self, request: web.Request) -> web.StreamResponse:
        await self._delay()
        method = request.match_info["method"]
        values, error = await _request_args(request)
        if error is not None:
            return web.json_response({"ok": False, "error": error})
        reply = self._api.call(method, values, _bearer(request, values))
        if isinstance(reply.body, str):
            return web.Response(status=reply.status, text=reply.body, headers=reply.headers)
        return web.json_response(reply.body, status=reply.status, headers=reply.headers)

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        data = await request.read()
        if not self._store_upload(request.match_info["file_id"], data):
            return web.Response(status=404, text="file_not_found")
        return web.Response(text=f"OK - {len(data)}")

    async def _response_url(self, request: web.Request) -> web.StreamResponse:
        await self._delay()
        try:
            payload = json.loads(await request.text())
        except json.JSONDecodeError:
            return web.Response(status=400, text="invalid_payload")
        status, text = self._responses.post(request.match_info["target"], payload)
        return web.Response(status=status, text=text)
