"""Socket Mode: the app connects out over a WebSocket instead of exposing a request URL.

`apps.connections.open` (called with the app-level `xapp-` token) hands out a single-use
`ws://` URL served here. Once the app is connected, every delivery goes as an envelope
(`{"envelope_id", "type", "payload", "accepts_response_payload"}`) and the app acknowledges
with `{"envelope_id", "payload"?}` within 3 seconds. Signatures do not exist in this mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Mapping
from typing import Any

from aiohttp import WSMsgType, web

from slack_standin.delivery import DeliveryResult
from slack_standin.ids import IdFactory

logger = logging.getLogger(__name__)


def envelope_type(kind: str) -> str:
    if kind == "slash_command":
        return "slash_commands"
    if kind.startswith("event:"):
        return "events_api"
    return "interactive"


class SocketModeHub:
    def __init__(self, ids: IdFactory, app_id: str) -> None:
        self._ids = ids
        self._app_id = app_id
        self._tickets: set[str] = set()
        self._sockets: list[web.WebSocketResponse] = []
        self._pending: dict[str, asyncio.Future[dict[str, Any]]] = {}

    @property
    def connected(self) -> bool:
        return any(not ws.closed for ws in self._sockets)

    def issue_ticket(self) -> str:
        ticket = self._ids.secret(32)
        self._tickets.add(ticket)
        return ticket

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ticket = request.match_info["ticket"]
        if ticket not in self._tickets:
            return web.Response(status=401, text="invalid ticket")
        self._tickets.discard(ticket)
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": len(self._sockets),
                "debug_info": {"host": "standin", "approximate_connection_time": 18060},
                "connection_info": {"app_id": self._app_id},
            }
        )
        try:
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    self._acknowledge(message.data)
        finally:
            self._sockets.remove(ws)
        return ws

    def _acknowledge(self, data: str) -> None:
        try:
            ack = json.loads(data)
        except json.JSONDecodeError:
            logger.warning("standin socket mode: unreadable message %r", data[:200])
            return
        future = self._pending.get(str(ack.get("envelope_id")))
        if future is not None and not future.done():
            future.set_result(ack)

    async def deliver(
        self,
        *,
        kind: str,
        payload: Any,
        timeout: float,
        extra_headers: Mapping[str, str] | None = None,
        trigger_id: str | None = None,
        response_url: str | None = None,
    ) -> DeliveryResult:
        socket = next(ws for ws in self._sockets if not ws.closed)
        envelope_id = self._ids.secret(32)
        kind_type = envelope_type(kind)
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": kind_type,
            "payload": payload,
            "accepts_response_payload": kind in ("slash_command", "view_submission"),
        }
        headers = extra_headers or {}
        if "X-Slack-Retry-Num" in headers:
            envelope["retry_attempt"] = int(headers["X-Slack-Retry-Num"])
            envelope["retry_reason"] = headers.get("X-Slack-Retry-Reason", "")
        elif kind_type == "events_api":
            envelope["retry_attempt"] = 0
            envelope["retry_reason"] = ""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[envelope_id] = future
        started = time.perf_counter()
        try:
            await socket.send_json(envelope)
            ack = await asyncio.wait_for(future, timeout)
        except TimeoutError:
            ack = None
        finally:
            self._pending.pop(envelope_id, None)
        body = ack.get("payload") if ack else None
        return DeliveryResult(
            kind=kind,
            payload=payload,
            status=200 if ack is not None else None,
            text=json.dumps(body) if body else "",
            headers={},
            elapsed=time.perf_counter() - started,
            timed_out=ack is None,
            trigger_id=trigger_id,
            response_url=response_url,
        )

    async def close(self) -> None:
        for ws in list(self._sockets):
            with contextlib.suppress(Exception):
                await ws.close()
