"""apps.connections.open: the WebSocket URL for Socket Mode (app-level token only)."""

from __future__ import annotations

from typing import Any

from slack_standin.methods.base import ApiContext, Args, Handler


def apps_connections_open(ctx: ApiContext, args: Args) -> dict[str, Any]:
    return {"ok": True, "url": ctx.socket_mode_url()}


HANDLERS: dict[str, Handler] = {"apps.connections.open": apps_connections_open}
