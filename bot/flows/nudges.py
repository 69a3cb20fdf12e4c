"""Nudges: the bot chasing a status update that is due, then escalating when it is overdue.

Delivered exactly once across processes and restarts: a short Redis lock keeps two processes
from posting at the same moment, and the record's `nudges_sent` says durably what went out.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.flows.changes import refresh_card
from bot.flows.context import FlowContext
from bot.flows.dead_channels import is_dead_channel, mark_war_room_lost
from bot.slack.gateway import SlackFailure
from bot.incident.cadence import NextNudge, next_nudge
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.ui import blocks, text
from i18n import t

log = logging.getLogger(__name__)

# Long enough for one nudge to be posted and recorded; a process that dies holding it only
# delays that nudge until the lock expires and a resync fires it again.
NUDGE_LOCK_SECONDS = 60


def plan(ctx: FlowContext, incident: Incident) -> NextNudge | None:
    if incident.war_room_lost:
        return None  # nobody can read a nudge there; the IC was told once
    return next_nudge(
        incident.next_update_due, incident.nudges_sent, ctx.settings.cadence(incident.severity), incident.is_open
    )


def _lock_key(incident_id: str, due: datetime, stage: int) -> str:
    return f"nudge:{incident_id}:{int(due.timestamp())}:{stage}"


class _Superseded(Exception):
    """The record moved on (an update came, severity changed) since the nudge was planned."""


async def fire_nudge(ctx: FlowContext, incident_id: str, due: datetime, stage: int) -> Incident | None:
    """Post the stage-`stage` nudge for the update due at `due`, unless it is no longer owed.

    Returns the incident after the nudge, or None when nothing was posted (another process has
    it, or the plan changed).
    """
    if not await ctx.store.claim(_lock_key(incident_id, due, stage), NUDGE_LOCK_SECONDS):
        return None
    incident = await ctx.store.get(incident_id)
    current = plan(ctx, incident) if incident else None
    if incident is None or current is None or (current.due, current.stage) != (due, stage):
        return None
    cadence = ctx.settings.cadence(incident.severity)
    now = ctx.clock()
    overdue = now - due
    message = blocks.nudge_message(incident, stage, overdue, cadence)
    if incident.channel_id:
        try:
            await ctx.slack.post(incident.channel_id, text.nudge_fallback(incident.id, stage), message)
        except SlackFailure as failure:
            if not is_dead_channel(failure):
                raise
            await mark_war_room_lost(ctx, incident, failure.error)
            return None

    def count(record: Incident) -> None:
        if (record.next_update_due, record.nudges_sent) != (due, stage - 1):
            raise _Superseded()
        record.nudges_sent = stage

    def event(record: Incident, _: None) -> list[TimelineEvent]:
        escalation = stage > 1
        return [
            TimelineEvent(
                at=now,
                kind=EventKind.UPDATE_ESCALATION if escalation else EventKind.UPDATE_NUDGE,
                actor=None,
                text=(
                    t("text3-note-update-escalated", overdue=text.format_duration(overdue))
                    if escalation
                    else t("text3-note-update-reminded-comms") if record.roles.comms_lead else t("text3-note-update-reminded-ic")
                ),
                data={"due": due.isoformat(), "stage": stage, "overdue_seconds": overdue.total_seconds()},
            )
        ]

    try:
        incident, _ = await ctx.store.update(incident_id, count, event)
    except _Superseded:
        return None
    log.info("nudge sent", extra={"incident_id": incident_id, "stage": stage, "late_ms": overdue.total_seconds() * 1000})
    await refresh_card(ctx, incident)
    return incident
