"""Status updates: post one, restart the update clock, note when it came late."""

from __future__ import annotations

import logging
from datetime import timedelta

from pydantic import BaseModel

from bot.flows import guard
from bot.flows.changes import refresh_card
from bot.flows.follow import tell_followers
from bot.flows.context import FlowContext, Refused
from bot.incident.access import Action
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.slack.gateway import SlackFailure
from bot.ui import blocks, text
from i18n import t

log = logging.getLogger(__name__)


class StatusUpdate(BaseModel):
    what_happened: str
    impact: str = ""
    next_steps: str = ""
    eta: timedelta | None = None  # the next update promised within this long


async def post_update(ctx: FlowContext, incident_id: str, update: StatusUpdate, actor: str) -> Incident:
    await guard.require(ctx, await ctx.store.require(incident_id), actor, Action.UPDATE)
    now = ctx.clock()

    def record(incident: Incident) -> timedelta | None:
        if not incident.is_open:
            raise Refused(text.update_on_resolved(incident.id))
        late_by = now - incident.next_update_due if incident.next_update_due and now > incident.next_update_due else None
        cadence = ctx.settings.cadence(incident.severity)
        wait = min(d for d in (update.eta, cadence) if d is not None) if (update.eta or cadence) else None
        incident.last_update_at = now
        incident.next_update_due = now + wait if wait else None
        incident.nudges_sent = 0
        return late_by

    def event(incident: Incident, late_by: timedelta | None) -> list[TimelineEvent]:
        return [
            TimelineEvent(
                at=now,
                kind=EventKind.STATUS_UPDATE,
                actor=actor,
                text=(t("text3-event-status-update-late", late=text.format_duration(late_by), said=update.what_happened)
                      if late_by else t("text3-event-status-update", said=update.what_happened)),
                data={
                    "impact": update.impact,
                    "next_steps": update.next_steps,
                    "late_by_seconds": late_by.total_seconds() if late_by else 0,
                    "due": incident.next_update_due.isoformat() if incident.next_update_due else None,
                },
            )
        ]

    incident, _ = await ctx.store.update(incident_id, record, event)
    message = blocks.status_update_message(incident, update.what_happened, update.impact, update.next_steps, actor)
    if incident.channel_id:
        await ctx.slack.post(incident.channel_id, text.status_update_fallback(incident.id, update.what_happened), message)
    broadcast = ctx.settings.broadcast_channel
    if broadcast and not incident.is_private:
        try:
            await ctx.slack.post(broadcast, text.status_update_fallback(incident.id, update.what_happened), message)
        except SlackFailure as failure:
            log.warning("broadcast failed", extra={"incident_id": incident.id, "error": failure.error})
    tell_followers(ctx, incident, text.follower_update(incident.id, incident.title, update.what_happened), actor)
    await refresh_card(ctx, incident)
    await ctx.changed(incident)
    return incident
