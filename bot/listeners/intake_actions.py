"""The *Declare incident* button on a triage-channel alert."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.flows import alerts
from bot.flows.context import FlowContext
from bot.listeners.replies import answering
from bot.ui import blocks
from bot.ui.reply import Reply


def register(app: AsyncApp, ctx: FlowContext) -> None:
    @app.action(blocks.ACTION_DECLARE_FROM_ALERT)
    async def declare_from_alert(
        ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond
    ) -> None:
        await ack()

        async def say(reply: Reply) -> None:
            await respond(
                text=reply.text,
                blocks=reply.blocks,
                response_type="ephemeral",
                replace_original=False,
            )

        await answering(
            say, lambda: alerts.declare_from_triage(ctx, action["value"], body["user"]["id"])
        )
