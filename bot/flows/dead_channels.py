"""A war room the bot can no longer post in (archived, deleted, or the bot removed).

Slack answers `is_archived`, `channel_not_found` or `not_in_channel`
(https://docs.slack.dev/reference/methods/chat.postMessage#errors). None of these heals by
retrying, so the incident is marked once, the IC is told by DM where Slack allows it, the
nudges stop (nudges.plan skips a lost war room) and `/incident status` says why. Every write
into a war room reports here (`watch_war_rooms`: the gateway's `on_channel_gone`), whether a
nudge, a status change, an update, an agent step's answer or a card refresh failed.
"""

from __future__ import annotations

import logging

from bot.flows.context import FlowContext
from bot.incident.model import EventKind, Incident, Lifecycle, TimelineEvent
from bot.slack.gateway import CHANNEL_GONE_ERRORS, SlackFailure
from bot.ui import text
from i18n import t

log = logging.getLogger(__name__)

DEAD_CHANNEL_ERRORS = CHANNEL_GONE_ERRORS


def is_dead_channel(failure: SlackFailure) -> bool:
    return failure.error in DEAD_CHANNEL_ERRORS


def watch_war_rooms(ctx: FlowContext) -> None:
    """Any write Slack refuses because a channel is gone marks the incident whose war room it is."""

    async def channel_gone(channel: str, error: str) -> None:
        incident = await ctx.store.by_channel(channel)
        # A declare in progress handles its own failures; a resolved incident's room may be archived.
        if incident is None or incident.lifecycle is not Lifecycle.READY or not incident.is_open:
            return
        await mark_war_room_lost(ctx, incident, error)

    ctx.slack.on_channel_gone = channel_gone


async def mark_war_room_lost(ctx: FlowContext, incident: Incident, error: str) -> Incident:
    """Record (once) that the war room is unreachable and why; tell the IC by DM."""

    def lose(record: Incident) -> bool:
        if record.war_room_lost:
            return False
        record.war_room_lost = error
        return True

    def event(record: Incident, first: bool) -> list[TimelineEvent]:
        if not first:
            return []
        return [TimelineEvent(at=ctx.clock(), kind=EventKind.NOTE, actor=None,
                              text=t("text2-note-war-room-unreachable", error=error))]

    updated, first = await ctx.store.update(incident.id, lose, event)
    if first:
        log.warning("war room lost", extra={"incident_id": incident.id, "error": error})
        commander = updated.roles.incident_commander or updated.declared_by
        try:
            await ctx.slack.post(commander, text.war_room_lost(updated.id, error))
        except SlackFailure as failure:  # no DM (Messages tab off, or a bot IC): the status says it
            log.info("could not tell the IC the war room is lost", extra={"error": failure.error})
    return updated


async def war_room_back(ctx: FlowContext, incident: Incident) -> None:
    """Slack accepted a post in a war room marked lost: clear the mark (nudges plan again)."""

    def back(record: Incident) -> None:
        record.war_room_lost = None

    await ctx.store.update(incident.id, back)
