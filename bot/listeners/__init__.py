"""Every Slack entry point of the app, registered in one call."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.flows.context import FlowContext
from bot.listeners import actions, commands, events, intake_actions, views


def register(app: AsyncApp, ctx: FlowContext) -> None:
    commands.register(app, ctx)
    actions.register(app, ctx)
    views.register(app, ctx)
    events.register(app, ctx)
    intake_actions.register(app, ctx)
