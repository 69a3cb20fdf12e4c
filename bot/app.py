"""Build the Bolt app: our Slack client, the signing secret, and every listener."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from slack_bolt.async_app import AsyncApp, AsyncBoltContext

from bot import listeners
from bot.flows.context import FlowContext
from bot.listeners.replies import FLOW_CONTEXT_KEY
from bot.slack.door import redact_at_the_door

log = logging.getLogger(__name__)


def build_app(ctx: FlowContext) -> AsyncApp:
    app = AsyncApp(
        client=ctx.slack.client,
        signing_secret=ctx.settings.slack_signing_secret.get_secret_value(),
        # We ack explicitly and keep working after; Slack sees the ack at once.
        process_before_response=False,
        logger=logging.getLogger("bolt"),
    )

    async def provide_flow_context(context: AsyncBoltContext, next_: Callable[[], Awaitable[None]]) -> None:
        context[FLOW_CONTEXT_KEY] = ctx  # what every listener works with (replies.flows)
        await next_()

    app.use(provide_flow_context)
    app.use(redact_at_the_door)  # every listener sees what people typed with secrets already gone
    listeners.register(app)
    return app
