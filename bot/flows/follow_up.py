"""After the postmortem: its action items (proposed, confirmed with owner and deadline,
reminded, closed) and the reminder for a postmortem still missing."""

from __future__ import annotations

from datetime import date, timedelta

import logging

from bot.flows import guard
from bot.flows.beyond import tickets
from bot.flows.beyond.common import spawn
from bot.flows.context import FlowContext, Refused
from bot.incident.access import Action
from bot.slack.gateway import SlackFailure
from bot.incident.model import ActionItem, ActionType, EventKind, Incident, TimelineEvent
from bot.ui import postmortem_blocks, text
from i18n import t

POSTMORTEM_REMINDER_AFTER = timedelta(hours=36)
REMINDER_ATTEMPT_LOCK_SECONDS = 300  # one process at a time tries a reminder; released on failure
REPORT_AFTER_FAILURES = 3  # sweeps in a row Slack refused a reminder before the IC hears of it

log = logging.getLogger(__name__)


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


async def review_rows(ctx: FlowContext, incident_id: str, today: date, actor: str) -> tuple[Incident, list[dict]]:
    """The rows the action-item form opens with: the confirmed items when there are some,
    else the postmortem step's proposals."""
    incident = await ctx.store.require(incident_id)
    await guard.require(ctx, incident, actor, Action.CONFIRM_ACTIONS)
    confirmed = await ctx.followups.actions(incident.id)
    if confirmed:
        rows = [{"description": a.description, "due": a.due, "type": a.type.value, "owner": a.owner} for a in confirmed]
    else:
        analysis = (await ctx.steps.results(incident.id)).get("postmortem")
        rows = proposed_actions(analysis.output if analysis else {}, today)
    return incident, rows


async def confirm_actions(ctx: FlowContext, incident_id: str, items: list[ActionItem], actor: str) -> None:
    incident = await ctx.store.require(incident_id)
    await guard.require(ctx, incident, actor, Action.CONFIRM_ACTIONS)
    items = _keep_done(await ctx.followups.actions(incident_id), items)
    await ctx.followups.save_actions(incident_id, items)
    await ctx.store.append_event(
        incident_id,
        TimelineEvent(at=ctx.clock(), kind=EventKind.NOTE, actor=actor,
                      text=t("text3-note-actions-confirmed", count=str(len(items)))),
    )
    if incident.channel_id:
        await ctx.slack.post(incident.channel_id, text.actions_confirmed(len(items)),
                             postmortem_blocks.action_list(incident.id, items))
    await tickets.after_confirm(ctx, incident_id)  # off until configured


def _keep_done(before: list[ActionItem], after: list[ActionItem]) -> list[ActionItem]:
    """Re-confirming the list must not reopen an item already done: the same description
    keeps its done mark (and its sent reminders)."""
    done = {a.description: a for a in before if not a.is_open}
    kept = []
    for item in after:
        old = done.get(item.description)
        if old is not None and item.is_open:
            item = item.model_copy(update={"done_at": old.done_at, "done_by": old.done_by, "reminded": old.reminded})
        kept.append(item)
    return kept


async def complete_action(ctx: FlowContext, incident_id: str, number: int, actor: str) -> ActionItem:
    incident = await ctx.store.get(incident_id)
    items = {a.number: a for a in await ctx.followups.actions(incident_id)}
    item = items.get(number)
    if incident is None or item is None:
        raise Refused(text.no_such_action(incident_id, number))
    await guard.require(ctx, incident, actor, Action.ACTION_DONE, owns_item=item.owner == actor)
    if not item.is_open:
        raise Refused(text.already_done())
    item.done_at, item.done_by = ctx.clock(), actor
    await ctx.followups.save_action(incident_id, item)
    await ctx.store.append_event(
        incident_id,
        TimelineEvent(at=ctx.clock(), kind=EventKind.NOTE, actor=actor, text=t("text3-note-action-done", number=str(number), description=item.description)),
    )
    if item.ticket_ref:
        spawn(tickets.close_ticket(ctx, incident_id, item), f"close {item.ticket_key}")
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
        claim = f"action-reminder:{incident_id}:{number}:{stage}"
        if not await ctx.store.claim(claim, ttl_seconds=REMINDER_ATTEMPT_LOCK_SECONDS):
            continue
        try:
            await ctx.slack.post(item.owner, text.action_reminder(incident_id, item, stage),
                                 postmortem_blocks.action_reminder(incident_id, item, stage))
        except SlackFailure as failure:
            # Not sent: nothing is marked, the next sweep tries again; the IC hears after a few.
            await ctx.store.release(claim)
            item.reminder_failures += 1
            await ctx.followups.save_action(incident_id, item)
            log.warning("action-item reminder refused", extra={"incident_id": incident_id, "error": failure.error})
            if item.reminder_failures >= REPORT_AFTER_FAILURES and not item.reminder_reported:
                if await _report_undelivered(ctx, incident_id, text.reminder_undelivered(
                        incident_id, item.number, item.owner, failure.error, item.reminder_failures)):
                    item.reminder_reported = True
                    await ctx.followups.save_action(incident_id, item)
            continue
        item.reminded.append(stage)
        item.reminder_failures, item.reminder_reported = 0, False
        await ctx.followups.save_action(incident_id, item)
        sent += 1
    for incident in await ctx.store.recently_resolved():
        if incident.postmortem_at or incident.postmortem_reminded or not incident.resolved_at:
            continue
        if now - incident.resolved_at < POSTMORTEM_REMINDER_AFTER:
            continue
        claim = f"postmortem-reminder:{incident.id}"
        if not await ctx.store.claim(claim, ttl_seconds=REMINDER_ATTEMPT_LOCK_SECONDS):
            continue
        commander = incident.roles.incident_commander or incident.declared_by
        try:
            await ctx.slack.post(commander, text.postmortem_reminder(incident.id, incident.channel_id))
        except SlackFailure as failure:
            await ctx.store.release(claim)
            failures = incident.postmortem_reminder_failures + 1
            reported = failures >= REPORT_AFTER_FAILURES and await _report_undelivered(
                ctx, incident.id, text.postmortem_reminder_undelivered(incident.id, commander, failure.error))

            def failed(record: Incident) -> None:
                record.postmortem_reminder_failures = failures
                record.postmortem_reminded = reported  # reported in the war room: that is the reminder

            await ctx.store.update(incident.id, failed)
            continue

        def reminded(record: Incident) -> None:
            record.postmortem_reminded = True

        await ctx.store.update(incident.id, reminded)
        sent += 1
    return sent


async def _report_undelivered(ctx: FlowContext, incident_id: str, message: str) -> bool:
    """Tell the IC in the war room that a reminder could not be delivered; True if Slack took it."""
    incident = await ctx.store.get(incident_id)
    if incident is None or not incident.channel_id:
        return False
    try:
        await ctx.slack.post(incident.channel_id, message)
    except SlackFailure as failure:
        log.warning("could not report an undelivered reminder", extra={"incident_id": incident_id, "error": failure.error})
        return False
    return True
