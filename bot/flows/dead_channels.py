"""A war room the bot can no longer post in (archived, deleted, or the bot removed).

Slack answers `is_archived`, `channel_not_found` or `not_in_channel`
(https://docs.slack.dev/reference/methods/chat.postMessage#errors). None of these heals by
retrying, so the incident is marked once, the IC is told by DM where Slack allows it, the
nudges stop (nudges.plan skips a lost war room) and `/incident status` says why.
"""

from __future__ import annotations

import logging

from bot.flows.context import FlowContext
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.slack.gateway import SlackFailure
from bot.ui import text

log = logging.getLogger(__name__)

DEAD_CHANNEL_ERRORS = frozenset({"is_archived", "channel_not_found", "not_in_channel"})


def is_dead_channel(failure: SlackFailure) -> bool:
    return failure.error in DEAD_CHANNEL_ERRORS


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
                              text=f"war room unreachable ({error}): nudges stopped")]

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
