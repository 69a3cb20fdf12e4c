"""What people put on the timeline during the incident: decisions, notes, and war-room messages
marked with the capture emoji or pinned."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.flows import guard
from bot.flows.context import FlowContext, Refused
from bot.incident.access import Action
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.slack.gateway import SlackFailure
from bot.slack.text_in import from_slack
from bot.ui import text


async def _event(ctx: FlowContext, incident: Incident, event: TimelineEvent, say: str) -> None:
    await ctx.store.append_event(incident.id, event)
    if incident.channel_id:
        await ctx.slack.post(incident.channel_id, say)


async def record_decision(ctx: FlowContext, incident: Incident, what: str, why: str, actor: str) -> None:
    await guard.require(ctx, incident, actor, Action.DECISION)
    event = TimelineEvent(at=ctx.clock(), kind=EventKind.DECISION, actor=actor, text=what, reason=why)
    await _event(ctx, incident, event, text.decision_recorded(actor, what, why))


async def add_note(ctx: FlowContext, incident: Incident, note: str, actor: str) -> None:
    await guard.require(ctx, incident, actor, Action.NOTE)
    event = TimelineEvent(at=ctx.clock(), kind=EventKind.NOTE, actor=actor, text=note)
    await _event(ctx, incident, event, text.note_recorded(actor, note))


async def capture_message(ctx: FlowContext, channel_id: str, ts: str, by: str, via: str, message: dict | None = None) -> bool:
    """Put a war-room message on the timeline (marked with the capture emoji, or pinned).

    Returns False when the channel is no war room. Raises Refused when the message cannot be read.
    """
    incident = await ctx.store.by_channel(channel_id)
    if incident is None:
        return False
    if not await ctx.store.claim(f"captured:{channel_id}:{ts}", ttl_seconds=30 * 86400):
        return True  # already on the timeline (a second reaction, or reaction and pin)
    if message is None:
        try:
            message = await ctx.slack.read_message(channel_id, ts)
        except SlackFailure as failure:
            await ctx.store.release(f"captured:{channel_id}:{ts}")
            raise Refused(text.capture_failed(failure.error)) from None
        if message is None:
            await ctx.store.release(f"captured:{channel_id}:{ts}")
            raise Refused(text.capture_failed("message_not_found"))
    author = message.get("user")
    body = from_slack(message.get("text")).strip() or "(a message without text)"
    posted_at = datetime.fromtimestamp(float(ts), timezone.utc)
    await ctx.store.append_event(
        incident.id,
        TimelineEvent(
            at=ctx.clock(), kind=EventKind.CAPTURED, actor=author, text=body[:2900],
            data={"ts": ts, "posted_at": posted_at.isoformat(), "captured_by": by, "via": via},
        ),
    )
    return True
