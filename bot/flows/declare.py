"""Declare: record the incident, open its war room, post and pin the card, announce it."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.flows.context import FlowContext
from bot.incident import access
from bot.incident.channel_name import channel_name_candidates
from bot.incident.kinds import IncidentType
from bot.incident.model import EventKind, Incident, Lifecycle, TimelineEvent
from bot.incident.severity import Severity
from bot.slack.gateway import SlackFailure
from bot.ui import blocks, text
from i18n import t

log = logging.getLogger(__name__)


async def declare_incident(
    ctx: FlowContext,
    *,
    title: str,
    severity: Severity,
    declared_by: str,
    incident_type: IncidentType | None = None,
    description: str = "",
    origin_channel_id: str | None = None,
    channel_slug: str = "",
) -> Incident:
    """Run the whole declare path; returns the ready incident.

    The record is written first (lifecycle DECLARING) so that a failure half-way leaves a
    record that says so, instead of an orphan channel nobody can find.
    """
    now = ctx.clock()
    number = await ctx.store.next_number()
    incident = Incident(
        id=f"INC-{number}",
        number=number,
        title=title,
        description=description,
        severity=severity,
        incident_type=incident_type,
        declared_by=declared_by,
        declared_at=now,
        severity_set_at=now,
        origin_channel_id=origin_channel_id,
        channel_slug=channel_slug,
        is_private=incident_type is IncidentType.SECURITY_INCIDENT,
    )
    # IC is a person: an incident declared by the bot itself (alerts without ALERT_DECLARED_BY)
    # starts with nobody in command until a war-room member takes it.
    incident.roles.incident_commander = declared_by if access.may_be_commander(declared_by, ctx.bot_user_id) else None
    cadence = ctx.settings.cadence(severity)
    incident.next_update_due = now + cadence if cadence else None
    await ctx.store.create(
        incident,
        TimelineEvent(
            at=now,
            kind=EventKind.DECLARED,
            actor=declared_by,
            text=f"declared {severity.value} \"{title}\"",
            data={"severity": severity.value, "type": incident_type.value if incident_type else None},
        ),
    )
    log.info("incident declared", extra={"incident_id": incident.id, "severity": severity.value})
    try:
        return await _open_war_room(ctx, incident)
    except SlackFailure as failure:
        await _mark_failed(ctx, incident.id, str(failure))
        raise


async def _open_war_room(ctx: FlowContext, incident: Incident) -> Incident:
    """Channel, topic, invite, card, pin, ready, announcement. Each step is skipped or harmless
    when already done, so an interrupted declare can be resumed by running this again."""
    if incident.channel_id is None:
        names = channel_name_candidates(
            ctx.settings.channel_prefix, incident.declared_at.date(), incident.title, incident.number,
            short_slug=incident.channel_slug,
        )
        channel_id, channel_name = await ctx.slack.create_channel(names, incident.is_private)
        await ctx.store.index_channel(channel_id, incident.id)

        def attach_channel(record: Incident) -> None:
            record.channel_id, record.channel_name = channel_id, channel_name

        incident, _ = await ctx.store.update(incident.id, attach_channel)
    channel_id = incident.channel_id
    assert channel_id is not None
    await ctx.slack.set_topic(channel_id, blocks.topic_line(incident))
    await ctx.slack.set_purpose(channel_id, blocks.purpose_line(incident))
    await ctx.slack.invite(channel_id, incident.declared_by)
    card_ts = incident.card_ts
    if card_ts is None:
        card_ts = await ctx.slack.post(
            channel_id,
            blocks.card_fallback_text(incident),
            blocks.incident_card(incident, ctx.clock()),
        )

        def remember_card(record: Incident) -> None:
            record.card_ts = card_ts

        incident, _ = await ctx.store.update(incident.id, remember_card)
    await ctx.slack.pin(channel_id, card_ts)

    def mark_ready(record: Incident) -> None:
        record.card_ts = card_ts
        record.lifecycle = Lifecycle.READY

    incident, _ = await ctx.store.update(incident.id, mark_ready)
    await _announce(ctx, incident)
    await ctx.changed(incident)
    return incident


async def _announce(ctx: FlowContext, incident: Incident) -> None:
    broadcast = ctx.settings.broadcast_channel
    if not broadcast or incident.channel_id is None:
        return
    if incident.is_private:
        message = text.broadcast_declared_private(incident.id, incident.severity.value)
    else:
        message = text.broadcast_declared(
            incident.id, incident.severity.value, incident.title, incident.channel_id
        )
    try:
        await ctx.slack.post(broadcast, message)
    except SlackFailure as failure:
        # The war room exists and works; a missing announcement must not undo it.
        log.warning("broadcast failed", extra={"incident_id": incident.id, "error": failure.error})
        await ctx.slack.post(
            incident.channel_id,
            t("text-broadcast-failed", channel=broadcast, error=failure.error),
        )


async def recover_interrupted_declares(ctx: FlowContext, older_than: timedelta) -> list[str]:
    """Finish declares cut off by a crash (lifecycle still DECLARING after `older_than`):
    resume the war-room steps, or mark the record failed, and tell the declarer either way.
    Returns the ids handled."""
    now = ctx.clock()
    handled = []
    for incident in await ctx.store.open_incidents():
        if incident.lifecycle is not Lifecycle.DECLARING or now - incident.declared_at < older_than:
            continue
        if not await ctx.store.claim(f"recover:{incident.id}", ttl_seconds=300):
            continue  # another process is on it
        log.warning("resuming an interrupted declare", extra={"incident_id": incident.id})
        try:
            incident = await _open_war_room(ctx, incident)
            await ctx.changed(incident)
            message = text.declare_resumed(incident.id, incident.channel_id or "")
        except SlackFailure as failure:
            await _mark_failed(ctx, incident.id, str(failure))
            message = text.declare_failed(incident.id, str(failure))
        try:
            await ctx.slack.post(incident.declared_by, message)
        except SlackFailure:
            log.warning("could not tell the declarer", extra={"incident_id": incident.id})
        handled.append(incident.id)
    return handled


async def _mark_failed(ctx: FlowContext, incident_id: str, reason: str) -> None:
    def fail(record: Incident) -> None:
        record.lifecycle = Lifecycle.FAILED

    try:
        await ctx.store.update(
            incident_id,
            fail,
            lambda record, _: [
                TimelineEvent(at=ctx.clock(), kind=EventKind.NOTE, actor=None, text=f"declare failed: {reason}")
            ],
        )
    except Exception:  # the original Slack failure is what the person needs to hear
        log.exception("could not mark a failed declare", extra={"incident_id": incident_id})
