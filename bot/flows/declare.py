"""Declare: record the incident, open its war room, post and pin the card, announce it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
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


PACING_NOTICE_SECONDS = 2.0  # a wait for Slack's channel-creation pace worth telling the person about
Notify = Callable[[str], Awaitable[None]]


class DeclareStopped(SlackFailure):
    """Slack refused part of a declare. `sentence` tells the person exactly what exists and what
    failed; `incident` is the record (its war room may exist and be finished later)."""

    def __init__(self, failure: SlackFailure, incident: Incident, sentence: str, channel_exists: bool) -> None:
        super().__init__(failure.method, failure.error)
        self.incident = incident
        self.sentence = sentence
        self.channel_exists = channel_exists


@dataclass
class Declared:
    incident: Incident
    # Steps Slack refused that did not stop the war room being ready: (step, reason for a person).
    caveats: list[tuple[str, str]] = field(default_factory=list)

    def reply(self) -> str:
        ready = text.war_room_ready(self.incident.id, self.incident.channel_id or "")
        if not self.caveats:
            return ready
        return f"{ready}\n{text.declare_caveats(self.caveats, self.incident.channel_id or '')}"


async def declare_incident(ctx: FlowContext, **kwargs) -> Incident:
    """`declare`, for callers that need only the ready incident."""
    return (await declare(ctx, **kwargs)).incident


async def declare(
    ctx: FlowContext,
    *,
    title: str,
    severity: Severity,
    declared_by: str,
    incident_type: IncidentType | None = None,
    description: str = "",
    origin_channel_id: str | None = None,
    channel_slug: str = "",
    notify: Notify | None = None,
) -> Declared:
    """Run the whole declare path; returns the ready incident and what Slack refused on the way.

    The record is written first (lifecycle DECLARING) so that a failure half-way leaves a
    record that says so, instead of an orphan channel nobody can find. `notify` hears a
    sentence when Slack's pace holds the channel creation back (a burst of declares).
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
    if notify is not None:
        wait = ctx.slack.pacing_delay("conversations.create")
        if wait >= PACING_NOTICE_SECONDS:
            try:
                await notify(text.declare_paced(wait))
            except Exception:  # noqa: BLE001 (the notice is a courtesy; the declare goes on)
                log.info("could not tell the declarer about Slack's pace", extra={"incident_id": incident.id})
    return await _open_war_room(ctx, incident)


async def _open_war_room(ctx: FlowContext, incident: Incident) -> Declared:
    """Channel; then topic, purpose, invite and card at once (Slack allows them in parallel);
    then the pin; ready; announcement. Round trips on the path: create, the four together, pin.

    Every step is skipped or harmless when already done, so a declare Slack interrupted is
    resumed on the same channel by running this again (never a second channel). A refused
    topic, purpose, invitation or pin leaves a usable war room (the person is told what did not
    happen); a refused card leaves the record DECLARING, to be finished by the recovery sweep.
    """
    if incident.channel_id is None:
        names = channel_name_candidates(
            ctx.settings.channel_prefix, incident.declared_at.date(), incident.title, incident.number,
            short_slug=incident.channel_slug,
        )
        try:
            channel_id, channel_name = await ctx.slack.create_channel(names, incident.is_private)
        except SlackFailure as failure:
            await _mark_failed(ctx, incident.id, str(failure))
            reason = text.slack_refusal(failure.method, failure.error)
            raise DeclareStopped(failure, incident, text.declare_not_started(incident.id, reason), False) from failure
        await ctx.store.index_channel(channel_id, incident.id)

        def attach_channel(record: Incident) -> None:
            record.channel_id, record.channel_name = channel_id, channel_name

        incident, _ = await ctx.store.update(incident.id, attach_channel)
    channel_id = incident.channel_id
    assert channel_id is not None
    steps = {
        "topic": ctx.slack.set_topic(channel_id, blocks.topic_line(incident)),
        "purpose": ctx.slack.set_purpose(channel_id, blocks.purpose_line(incident)),
        "invite": ctx.slack.invite(channel_id, incident.declared_by),
        "card": _post_card(ctx, incident),
    }
    outcomes = dict(zip(steps, await asyncio.gather(*steps.values(), return_exceptions=True)))
    for outcome in outcomes.values():  # anything but Slack refusing is a bug: let it surface
        if isinstance(outcome, BaseException) and not isinstance(outcome, SlackFailure):
            raise outcome
    caveats = [(key, text.slack_refusal(o.method, o.error)) for key, o in outcomes.items()
               if isinstance(o, SlackFailure) and key != "card"]
    card = outcomes["card"]
    if isinstance(card, SlackFailure):
        done = ["channel"] + [key for key, o in outcomes.items() if not isinstance(o, BaseException)]
        failed = [(key, text.slack_refusal(o.method, o.error)) for key, o in outcomes.items()
                  if isinstance(o, SlackFailure)]
        log.warning("declare interrupted after the channel exists",
                    extra={"incident_id": incident.id, "error": card.error})
        await _note(ctx, incident.id, f"declare interrupted: {card}; to be finished on the same channel")
        raise DeclareStopped(card, incident, text.declare_incomplete(incident.id, channel_id, done, failed), True)
    incident = card
    assert incident.card_ts is not None
    try:
        await ctx.slack.pin(channel_id, incident.card_ts)
    except SlackFailure as failure:  # the card is there; a missing pin is said, not fatal
        caveats.append(("pin", text.slack_refusal(failure.method, failure.error)))

    def mark_ready(record: Incident) -> None:
        record.lifecycle = Lifecycle.READY

    incident, _ = await ctx.store.update(incident.id, mark_ready)
    for key, reason in caveats:
        log.warning("declare step refused", extra={"incident_id": incident.id, "step": key, "reason": reason})
        await _note(ctx, incident.id, f"declare: {text.DECLARE_STEP_FAILED.get(key, key)} ({reason})")
    await _announce(ctx, incident)
    await ctx.changed(incident)
    return Declared(incident, caveats)


async def _post_card(ctx: FlowContext, incident: Incident) -> Incident:
    """Post the card once (a resumed declare finds its ts on the record)."""
    if incident.card_ts is not None:
        return incident
    assert incident.channel_id is not None
    card_ts = await ctx.slack.post(
        incident.channel_id,
        blocks.card_fallback_text(incident),
        blocks.incident_card(incident, ctx.clock()),
    )

    def remember_card(record: Incident) -> None:
        record.card_ts = card_ts

    updated, _ = await ctx.store.update(incident.id, remember_card)
    return updated


async def _note(ctx: FlowContext, incident_id: str, note: str) -> None:
    try:
        await ctx.store.append_event(
            incident_id, TimelineEvent(at=ctx.clock(), kind=EventKind.NOTE, actor=None, text=note)
        )
    except Exception:  # the person is told either way; the note is for the record
        log.exception("could not note a declare step", extra={"incident_id": incident_id})


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
        await ctx.slack.post(broadcast, message,
                             None if incident.is_private else blocks.announcement_blocks(message, incident.id))
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
            declared = await _open_war_room(ctx, incident)
            incident = declared.incident
            message = text.declare_resumed(incident.id, incident.channel_id or "")
            if declared.caveats:
                message = f"{message}\n{text.declare_caveats(declared.caveats, incident.channel_id or '')}"
        except DeclareStopped as stopped:
            if stopped.channel_exists:  # tried once more on the same channel: stop, and say what exists
                await _mark_failed(ctx, incident.id, str(stopped))
            message = stopped.sentence if not stopped.channel_exists else text.declare_failed(
                incident.id, text.slack_refusal(stopped.method, stopped.error), incident.channel_id or "")
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
