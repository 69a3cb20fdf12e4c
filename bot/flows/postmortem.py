"""Follow-through: decisions and captured messages on the timeline, the blameless postmortem,
and its action items (confirmed with owner and deadline, reminded, closed)."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta, timezone

from agents import run_step
from bot.flows.agent_steps import incident_context
from bot.flows.context import FlowContext, Refused
from bot.incident.model import ActionItem, ActionType, EventKind, Incident, TimelineEvent
from bot.incident.scorecard import Scorecard, score
from bot.postmortem.document import render_postmortem
from bot.postmortem.export import PostmortemDocument, make_exporters, publish_all
from bot.slack.gateway import SlackFailure
from bot.ui import postmortem_blocks, text
from bot.ui.reply import Reply

log = logging.getLogger(__name__)

POSTMORTEM_REMINDER_AFTER = timedelta(hours=36)


async def _event(ctx: FlowContext, incident: Incident, event: TimelineEvent, say: str) -> None:
    await ctx.store.append_event(incident.id, event)
    if incident.channel_id:
        await ctx.slack.post(incident.channel_id, say)


async def record_decision(ctx: FlowContext, incident: Incident, what: str, why: str, actor: str) -> None:
    event = TimelineEvent(at=ctx.clock(), kind=EventKind.DECISION, actor=actor, text=what, reason=why)
    await _event(ctx, incident, event, text.decision_recorded(actor, what, why))


async def add_note(ctx: FlowContext, incident: Incident, note: str, actor: str) -> None:
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
    body = (message.get("text") or "").strip() or "(a message without text)"
    posted_at = datetime.fromtimestamp(float(ts), timezone.utc)
    await ctx.store.append_event(
        incident.id,
        TimelineEvent(
            at=ctx.clock(), kind=EventKind.CAPTURED, actor=author, text=body[:2900],
            data={"ts": ts, "posted_at": posted_at.isoformat(), "captured_by": by, "via": via},
        ),
    )
    return True


async def _scorecard(ctx: FlowContext, incident: Incident, events: list[TimelineEvent]) -> Scorecard:
    actions = await ctx.followups.actions(incident.id)
    return score(incident, events, actions, ctx.settings.cadence, ctx.clock())


async def write_postmortem(ctx: FlowContext, incident_id: str, actor: str) -> Reply:
    """Run the postmortem step on everything recorded, render the document, post its summary
    (updated in place on a second run), attach the file and export it."""
    incident = await ctx.store.require(incident_id)
    if not incident.channel_id:
        raise Refused(text.NOT_IN_WAR_ROOM)
    assert ctx.backend is not None
    context = await incident_context(ctx, incident)
    analysis = await run_step("postmortem", context, ctx.backend)
    await ctx.steps.save_result(incident.id, analysis)
    now = ctx.clock()
    first = incident.postmortem_at is None

    def mark(record: Incident) -> None:
        record.postmortem_at = record.postmortem_at or now

    incident, _ = await ctx.store.update(
        incident.id,
        mark,
        lambda record, _: [TimelineEvent(at=now, kind=EventKind.POSTMORTEM, actor=actor,
                                         text="postmortem written" if first else "postmortem updated")],
    )
    events = await ctx.store.timeline(incident.id)
    card = await _scorecard(ctx, incident, events)
    actions = await ctx.followups.actions(incident.id)
    markdown = render_postmortem(incident, events, analysis, {**context.step_results, "postmortem": analysis}, actions, card, now)
    await ctx.followups.save_postmortem(incident.id, markdown)

    summary = postmortem_blocks.summary(incident, analysis, card, actions, proposed=len(analysis.output.get("action_items", [])))
    fallback = f"Postmortem for {incident.id}"
    if incident.postmortem_ts:
        await ctx.slack.update(incident.channel_id, incident.postmortem_ts, fallback, summary)
        summary_ts = incident.postmortem_ts
    else:
        summary_ts = await ctx.slack.post(incident.channel_id, fallback, summary)

        def remember(record: Incident) -> None:
            record.postmortem_ts = summary_ts

        await ctx.store.update(incident.id, remember)
    version = "" if first else " (updated)"
    await ctx.slack.upload_text(
        incident.channel_id, summary_ts, f"{incident.id}-postmortem.md", markdown, title=f"{incident.id} postmortem{version}"
    )
    exported = await _export(ctx, incident, markdown)
    return Reply(text=text.postmortem_ready(incident.id, first, exported))


async def _export(ctx: FlowContext, incident: Incident, markdown: str) -> list[str]:
    """Publish through every configured exporter at once; a failing one is reported, not fatal."""
    document = PostmortemDocument(
        incident_id=incident.id, title=f"{incident.id} postmortem: {incident.title}", markdown=markdown
    )
    published, failed = await publish_all(make_exporters(ctx.settings), document)
    for failure in failed:
        log.warning("postmortem export failed", extra={"incident_id": incident.id, "exporter": failure.exporter})
    return [result.location for result in published] + [str(failure) for failure in failed]


def proposed_actions(analysis_output: dict, today: date) -> list[dict]:
    """The postmortem step's proposals as starting values for the review form."""
    proposals = []
    for item in analysis_output.get("action_items", [])[:10]:
        try:
            due = date.fromisoformat(str(item.get("due", "")))
        except ValueError:
            due = today + timedelta(days=14)
        proposals.append({"description": str(item.get("title", ""))[:300], "due": due,
                          "type": item.get("type") if item.get("type") in {t.value for t in ActionType} else "prevent"})
    return proposals


async def confirm_actions(ctx: FlowContext, incident_id: str, items: list[ActionItem], actor: str) -> None:
    incident = await ctx.store.require(incident_id)
    await ctx.followups.save_actions(incident_id, items)
    await ctx.store.append_event(
        incident_id,
        TimelineEvent(at=ctx.clock(), kind=EventKind.NOTE, actor=actor,
                      text=f"{len(items)} action items confirmed with owners and deadlines"),
    )
    if incident.channel_id:
        await ctx.slack.post(incident.channel_id, text.actions_confirmed(len(items)),
                             postmortem_blocks.action_list(incident.id, items))


async def complete_action(ctx: FlowContext, incident_id: str, number: int, actor: str) -> ActionItem:
    items = {a.number: a for a in await ctx.followups.actions(incident_id)}
    item = items.get(number)
    if item is None:
        raise Refused(text.no_such_action(incident_id, number))
    if not item.is_open:
        raise Refused(text.already("done"))
    item.done_at, item.done_by = ctx.clock(), actor
    await ctx.followups.save_action(incident_id, item)
    await ctx.store.append_event(
        incident_id,
        TimelineEvent(at=ctx.clock(), kind=EventKind.NOTE, actor=actor, text=f"action item {number} done: {item.description}"),
    )
    return item


async def send_followups(ctx: FlowContext) -> int:
    """Reminders that are due now: action items (the day before and on the due date) and
    postmortems still missing 36 h after resolve. Each goes out once."""
    now = ctx.clock()
    sent = 0
    for incident_id, number in await ctx.followups.open_action_refs():
        items = {a.number: a for a in await ctx.followups.actions(incident_id)}
        item = items.get(number)
        if item is None or not item.is_open:
            continue
        stage = "due" if now.date() >= item.due else ("before" if now.date() >= item.due - timedelta(days=1) else None)
        if stage is None or stage in item.reminded:
            continue
        if not await ctx.store.claim(f"action-reminder:{incident_id}:{number}:{stage}", ttl_seconds=7 * 86400):
            continue
        await ctx.slack.post(item.owner, text.action_reminder(incident_id, item, stage),
                             postmortem_blocks.action_reminder(incident_id, item, stage))
        item.reminded.append(stage)
        await ctx.followups.save_action(incident_id, item)
        sent += 1
    for incident in await ctx.store.recently_resolved():
        if incident.postmortem_at or incident.postmortem_reminded or not incident.resolved_at:
            continue
        if now - incident.resolved_at < POSTMORTEM_REMINDER_AFTER:
            continue
        if not await ctx.store.claim(f"postmortem-reminder:{incident.id}", ttl_seconds=30 * 86400):
            continue
        commander = incident.roles.incident_commander or incident.declared_by
        await ctx.slack.post(commander, text.postmortem_reminder(incident.id, incident.channel_id))

        def reminded(record: Incident) -> None:
            record.postmortem_reminded = True

        await ctx.store.update(incident.id, reminded)
        sent += 1
    return sent
