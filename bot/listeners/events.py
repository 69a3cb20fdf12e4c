"""Events API: war-room messages marked with the capture emoji, or pinned, join the timeline."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp

from bot.flows.context import FlowContext
from bot.flows.timeline_capture import capture_message
from bot.listeners.replies import explain

log = logging.getLogger(__name__)
EVENT_DEDUPE_SECONDS = 3600


def register(app: AsyncApp, ctx: FlowContext) -> None:
    async def first_delivery(body: dict) -> bool:
        # Slack retries a delivery up to 3 times; Bolt does not dedupe, so claim the event id.
        event_id = body.get("event_id")
        return not event_id or await ctx.store.claim(f"event:{event_id}", EVENT_DEDUPE_SECONDS)

    async def capture(channel: str, ts: str, user: str, via: str, message: dict | None = None) -> None:
        try:
            await capture_message(ctx, channel, ts, user, via, message)
        except Exception as exc:  # say what went wrong to the person who asked
            try:
                await ctx.slack.post_ephemeral(channel, user, explain(exc))
            except Exception:
                log.warning("could not explain a failed capture", extra={"channel": channel})

    @app.event("reaction_added")
    async def reaction_added(body: dict, event: dict) -> None:
        item = event.get("item", {})
        if event.get("reaction") != ctx.settings.capture_emoji or item.get("type") != "message":
            return
        if await first_delivery(body):
            await capture(item["channel"], item["ts"], event["user"], f":{event['reaction']}:")

    @app.event("pin_added")
    async def pin_added(body: dict, event: dict) -> None:
        item = event.get("item", {})
        message = item.get("message")
        if item.get("type") != "message" or not message:
            return
        if await first_delivery(body):
            await capture(event.get("channel_id") or item["channel"], message["ts"], event["user"], "pin", message)

