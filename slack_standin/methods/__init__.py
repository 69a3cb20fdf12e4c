"""Web API method handlers, one module per method family."""

from __future__ import annotations

from slack_standin.methods import apps, chat, conversations, files, pins, users, views
from slack_standin.methods.base import ApiContext, Args, Handler

HANDLERS: dict[str, Handler] = {
    **apps.HANDLERS,
    **chat.HANDLERS,
    **conversations.HANDLERS,
    **files.HANDLERS,
    **pins.HANDLERS,
    **users.HANDLERS,
    **views.HANDLERS,
}

__all__ = ["HANDLERS", "ApiContext", "Args", "Handler"]
