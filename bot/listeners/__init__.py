"""Every Slack entry point of the app, one module per surface, each with `register(app)`.

Listeners are thin: read the request, call a flow, answer. The FlowContext reaches them through
the Bolt context (see bot/app.py and `replies.flows`).
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.listeners import actions, agent_answers, commands, events, home, intake_actions, integrations, views


def register(app: AsyncApp) -> None:
    commands.register(app)
    actions.register(app)
    views.register(app)
    events.register(app)
    intake_actions.register(app)
    agent_answers.register(app)
    integrations.register(app)
    home.register(app)
