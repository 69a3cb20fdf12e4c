"""The *Declare incident* button on a triage-channel alert."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from bot.flows import alerts
from bot.listeners.replies import answering, ephemeral, flows
from bot.ui import blocks


async def declare_from_alert(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    await answering(
        ephemeral(respond), lambda: alerts.declare_from_triage(flows(context), action["value"], body["user"]["id"])
    )


def register(app: AsyncApp) -> None:
    app.action(blocks.ACTION_DECLARE_FROM_ALERT)(declare_from_alert)
