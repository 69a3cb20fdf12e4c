"""Build the Bolt app: our Slack client, the signing secret, and every listener."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp

from bot import listeners
from bot.flows.context import FlowContext

log = logging.getLogger(__name__)


def build_app(ctx: FlowContext) -> AsyncApp:
    app = AsyncApp(
        client=ctx.slack.client,
        signing_secret=ctx.settings.slack_signing_secret.get_secret_value(),
        # We ack explicitly and keep working after; Slack sees the ack at once.
        process_before_response=False,
        logger=logging.getLogger("bolt"),
    )
    listeners.register(app, ctx)
    return app
