"""Redaction at the door: the text people type reaches the flows only after `agents.redact`.

A Bolt middleware runs this on every request before any listener sees it, so a secret in a
slash command, a form field or a message event is gone before it can be stored, posted, logged,
exported or sent to a model. Only text people wrote is touched; ids, tokens Slack needs for the
reply (`response_url`, `trigger_id`) and our own button values are left as they are.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from agents.redact import redact


def redact_request_body(body: dict[str, Any]) -> None:
    """Redact, in place, every field of a Slack request body that holds text a person wrote."""
    if isinstance(body.get("command"), str) and isinstance(body.get("text"), str):
        body["text"] = redact(body["text"])  # a slash command
    event = body.get("event")
    if isinstance(event, dict):
        _redact_text(event)
        for inner in ("message", "previous_message"):
            if isinstance(event.get(inner), dict):
                _redact_text(event[inner])
    for holder in (body.get("view"), body):
        state = holder.get("state") if isinstance(holder, dict) else None
        values = state.get("values") if isinstance(state, dict) else None
        if isinstance(values, dict):
            for block in values.values():
                for element in block.values() if isinstance(block, dict) else ():
                    if isinstance(element, dict) and isinstance(element.get("value"), str):
                        element["value"] = redact(element["value"])


def _redact_text(message: dict[str, Any]) -> None:
    if isinstance(message.get("text"), str):
        message["text"] = redact(message["text"])


async def redact_at_the_door(body: dict[str, Any], next_: Callable[[], Awaitable[None]]) -> None:
    """Bolt global middleware: listeners receive the body already redacted."""
    redact_request_body(body)
    await next_()
