"""Events API: war-room messages marked with the capture emoji, or pinned, join the timeline."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp, AsyncBoltContext

from bot.flows.context import FlowContext
from bot.flows.timeline_capture import capture_message
from bot.listeners.replies import explain, flows

log = logging.getLogger(__name__)
EVENT_DEDUPE_SECONDS = 3600


async def _first_delivery(ctx: FlowContext, body: dict) -> bool:
    # Slack retries a delivery up to 3 times; Bolt does not dedupe, so claim the event id.
    event_id = body.get("event_id")
    return not event_id or await ctx.store.claim(f"event:{event_id}", EVENT_DEDUPE_SECONDS)


async def _capture(ctx: FlowContext, channel: str, ts: str, user: str, via: str, message: dict | None = None) -> None:
    try:
        await capture_message(ctx, channel, ts, user, via, message)
    except Exception as exc:  # say what went wrong to the person who asked
        try:
            await ctx.slack.post_ephemeral(channel, user, explain(exc))
        except Exception:
            log.warning("could not explain a failed capture", extra={"channel": channel})


async def reaction_added(body: dict, event: dict, context: AsyncBoltContext) -> None:
    ctx = flows(context)
    item = event.get("item", {})
    if event.get("reaction") != ctx.settings.capture_emoji or item.get("type") != "message":
        return
    if await _first_delivery(ctx, body):
        await _capture(ctx, item["channel"], item["ts"], event["user"], f":{event['reaction']}:")


async def pin_added(body: dict, event: dict, context: AsyncBoltContext) -> None:
    ctx = flows(context)
    item = event.get("item", {})
    message = item.get("message")
    if item.get("type") != "message" or not message:
        return
    if await _first_delivery(ctx, body):
        await _capture(ctx, event.get("channel_id") or item["channel"], message["ts"], event["user"], "pin", message)


def register(app: AsyncApp) -> None:
    app.event("reaction_added")(reaction_added)
    app.event("pin_added")(pin_added)
