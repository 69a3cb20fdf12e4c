"""Changes to a running incident: roles, status, severity, resolve and reopen.

Each change is one optimistic transaction on the record plus its timeline event, then the
war room hears about it and the pinned card is refreshed in place.
"""

from __future__ import annotations

import logging

from bot.flows import guard
from bot.flows.context import FlowContext, Refused
from bot.flows.follow import tell_followers
from bot.flows.history import keep_history
from bot.incident import access
from bot.incident.access import Action
from bot.incident.kinds import Role, Status
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity
from bot.slack.gateway import SlackFailure, UserNotFound
from bot.ui import blocks, text
from i18n import t

log = logging.getLogger(__name__)


async def refresh_card(ctx: FlowContext, incident: Incident, topic: bool = False) -> None:
    """Re-render the pinned card (and optionally the topic) from the stored record."""
    if not incident.channel_id or not incident.card_ts:
        return
    await ctx.slack.update(
        incident.channel_id,
        incident.card_ts,
        blocks.card_fallback_text(incident),
        blocks.incident_card(incident, ctx.clock()),
    )
    if topic:
        try:
            await ctx.slack.set_topic(incident.channel_id, blocks.topic_line(incident))
        except SlackFailure as failure:  # the topic is a nicety; the card is the record
            log.warning("topic update failed", extra={"incident_id": incident.id, "error": failure.error})


async def _say(ctx: FlowContext, incident: Incident, message: str) -> None:
    if incident.channel_id:
        await ctx.slack.post(incident.channel_id, message)
        if incident.war_room_lost:  # Slack took it: the war room is back, so are the nudges
            from bot.flows.dead_channels import war_room_back

            await war_room_back(ctx, incident)


async def assign_role(
    ctx: FlowContext, incident_id: str, role: Role, user_id: str, actor: str, note: str = ""
) -> Incident:
    incident = await ctx.store.require(incident_id)
    if role is not Role.INCIDENT_COMMANDER:
        await guard.require(ctx, incident, actor, Action.ASSIGN_ROLE)
    elif incident.roles.incident_commander is None and user_id == actor:
        await guard.require(ctx, incident, actor, Action.TAKE_COMMAND)
    else:
        await guard.require(ctx, incident, actor, Action.HAND_OVER)
    if role is Role.INCIDENT_COMMANDER and not access.may_be_commander(user_id, ctx.bot_user_id):
        raise Refused(text.bot_cannot_command())
    if user_id in incident.roles.holders(role):
        raise Refused(text.already_holds(user_id, role.label))
    if incident.channel_id:
        try:
            await ctx.slack.invite(incident.channel_id, user_id)
        except UserNotFound:
            raise Refused(text.user_not_found(user_id)) from None
    now = ctx.clock()

    def give(record: Incident) -> str | None:
        return record.roles.assign(role, user_id)

    def event(record: Incident, previous: str | None) -> list[TimelineEvent]:
        return [
            TimelineEvent(
                at=now,
                kind=EventKind.ROLE_ASSIGNED,
                actor=actor,
                text=(t("text3-event-role-handed-over", user=user_id, role=role.label, previous=previous)
                      if previous and previous != user_id else t("text3-event-role-assigned", user=user_id, role=role.label)),
                reason=note,
                data={"role": role.value, "user": user_id, "previous": previous},
            )
        ]

    incident, previous = await ctx.store.update(incident_id, give, event)
    await _say(ctx, incident, text.role_assigned(actor, user_id, role.label, previous))
    await refresh_card(ctx, incident, topic=role is Role.INCIDENT_COMMANDER)
    await ctx.changed(incident)  # the Home tabs show roles
    return incident


async def set_status(
    ctx: FlowContext, incident_id: str, status: Status, actor: str, reason: str = ""
) -> Incident:
    if status is Status.RESOLVED:
        return await resolve(ctx, incident_id, actor, reason)
    current = await ctx.store.require(incident_id)
    await guard.require(ctx, current, actor, Action.REOPEN if current.status is Status.RESOLVED else Action.STATUS)
    now = ctx.clock()

    def move(record: Incident) -> Status:
        old = record.status
        if (old is Status.RESOLVED) is not (current.status is Status.RESOLVED):
            raise Refused(text.changed_meanwhile(record.id))  # reopened or resolved since the check
        if old is status:
            raise Refused(text.already(status.label.lower()))
        record.status = status
        if old is Status.RESOLVED:
            record.resolved_at = None
            cadence = ctx.settings.cadence(record.severity)
            record.next_update_due = now + cadence if cadence else None
            record.nudges_sent = 0
        return old

    def event(record: Incident, old: Status) -> list[TimelineEvent]:
        kind = EventKind.REOPENED if old is Status.RESOLVED else EventKind.STATUS_CHANGED
        return [
            TimelineEvent(
                at=now,
                kind=kind,
                actor=actor,
                text=t("text3-event-status-changed", old=old.value, new=status.value),
                reason=reason,
                data={"from": old.value, "to": status.value},
            )
        ]

    incident, old = await ctx.store.update(incident_id, move, event)
    if old is Status.RESOLVED:
        await keep_history(ctx, incident)
        await _say(ctx, incident, text.reopened(actor, status.label))
    else:
        await _say(ctx, incident, text.status_changed(actor, old.label, status.label, reason))
    tell_followers(ctx, incident, text.follower_status(incident.id, incident.title, old.label, status.label), actor)
    await refresh_card(ctx, incident, topic=True)
    await ctx.changed(incident)
    return incident


async def set_severity(
    ctx: FlowContext, incident_id: str, severity: Severity, actor: str, reason: str = ""
) -> Incident:
    await guard.require(ctx, await ctx.store.require(incident_id), actor, Action.SEVERITY)
    now = ctx.clock()

    def change(record: Incident) -> Severity:
        old = record.severity
        if old is severity:
            raise Refused(text.already(severity.value))
        record.severity = severity
        cadence = ctx.settings.cadence(severity)
        since = record.last_update_at or record.declared_at
        record.next_update_due = since + cadence if cadence else None
        record.nudges_sent = 0
        return old

    def event(record: Incident, old: Severity) -> list[TimelineEvent]:
        return [
            TimelineEvent(
                at=now,
                kind=EventKind.SEVERITY_CHANGED,
                actor=actor,
                text=t("text3-event-severity-changed", old=old.value, new=severity.value),
                reason=reason,
                data={"from": old.value, "to": severity.value},
            )
        ]

    incident, old = await ctx.store.update(incident_id, change, event)
    await _say(ctx, incident, text.severity_changed(actor, old.label, severity.label, reason))
    tell_followers(ctx, incident, text.follower_severity(incident.id, incident.title, old.value, severity.value), actor)
    await refresh_card(ctx, incident, topic=True)
    await ctx.changed(incident)
    return incident


async def resolve(ctx: FlowContext, incident_id: str, actor: str, summary: str = "") -> Incident:
    await guard.require(ctx, await ctx.store.require(incident_id), actor, Action.RESOLVE)
    now = ctx.clock()

    def close(record: Incident) -> None:
        if record.status is Status.RESOLVED:
            raise Refused(text.already_resolved())
        record.status = Status.RESOLVED
        record.resolved_at = now
        record.resolution = summary
        record.next_update_due = None
        record.nudges_sent = 0

    def event(record: Incident, _: None) -> list[TimelineEvent]:
        took = text.format_duration(record.duration(now))
        return [
            TimelineEvent(
                at=now,
                kind=EventKind.RESOLVED,
                actor=actor,
                text=t("text3-event-resolved", took=took),
                reason=summary,
                data={"duration_seconds": record.duration(now).total_seconds()},
            )
        ]

    incident, _ = await ctx.store.update(incident_id, close, event)
    await keep_history(ctx, incident)
    took = text.format_duration(incident.duration(now))
    await _say(ctx, incident, text.resolved(actor, took, summary))
    tell_followers(ctx, incident, text.follower_resolved(incident.id, incident.title, took), actor)
    await refresh_card(ctx, incident, topic=True)
    await ctx.changed(incident)
    broadcast = ctx.settings.broadcast_channel
    if broadcast and not incident.is_private:
        try:
            await ctx.slack.post(broadcast, text.broadcast_resolved(incident.id, incident.title, took))
        except SlackFailure as failure:
            log.warning("broadcast failed", extra={"incident_id": incident.id, "error": failure.error})
    return incident
