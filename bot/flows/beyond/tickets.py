"""Tickets for action items: confirming the items opens a ticket each (owner matched by email,
due date set; idempotent); *Done* in Slack closes the ticket, and a ticket closed in the tracker
closes the item: at once through the tracker's webhook (`ticket_changed`), and by a poll every
TICKET_POLL_SECONDS as the fallback for a missed delivery. Either way an item closes once."""

from __future__ import annotations

from bot.flows import guard
from bot.flows.beyond.common import integrations_of, spawn, succeeded, tell_failure
from bot.flows.context import FlowContext
from bot.incident import access
from bot.incident.model import ActionItem, EventKind, TimelineEvent
from bot.integrations.http import IntegrationFailed
from bot.integrations.tickets.base import TicketRequest
from bot.ui import text
from i18n import t
from bot.ui.integration_blocks import link, open_tickets_prompt

_SYSTEMS = {"jira": "Jira", "linear": "Linear"}


async def after_confirm(ctx: FlowContext, incident_id: str) -> None:
    """Items were confirmed: open their tickets, in the background. A private incident's items
    leave the war room only on the commander's explicit click (*Open tickets*)."""
    tracker = integrations_of(ctx).tracker
    if tracker is None:
        return
    incident = await ctx.store.require(incident_id)
    if incident.is_private:
        if incident.channel_id:
            line = text.tickets_held_private(incident.id, _SYSTEMS.get(tracker.name, tracker.name))
            await ctx.slack.post(incident.channel_id, line, open_tickets_prompt(incident.id, line))
        return
    spawn(open_tickets(ctx, incident_id), f"tickets for {incident_id}")


async def open_tickets_on_click(ctx: FlowContext, incident_id: str, actor: str) -> int:
    """*Open tickets* on a private incident: the commander (or an admin) sends its items."""
    incident = await ctx.store.require(incident_id)
    await guard.require(ctx, incident, actor, access.publishing(incident) if incident.is_private
                        else access.Action.CONFIRM_ACTIONS)
    return await open_tickets(ctx, incident_id, sent_by=actor)


async def open_tickets(ctx: FlowContext, incident_id: str, *, sent_by: str | None = None) -> int:
    """A ticket for every open confirmed item that has none; returns how many were opened.
    A private incident's only with `sent_by`, someone the guard let send them."""
    tracker = integrations_of(ctx).tracker
    if tracker is None:
        return 0
    incident = await ctx.store.require(incident_id)
    if incident.is_private and sent_by is None:
        return 0
    system = _SYSTEMS.get(tracker.name, tracker.name)
    lines: list[str] = []
    for item in await ctx.followups.actions(incident_id):
        if item.ticket_ref or not item.is_open:
            continue
        request = TicketRequest(
            incident_id=incident.id, number=item.number, title=f"[{incident.id}] {item.description}"[:255],
            description=t("text-ticket-description", number=str(item.number), type=item.type.value,
                          incident=incident.id, title=incident.title) + "\n" + t("text-ticket-owner", owner=item.owner),
            due=item.due, owner_email=await ctx.slack.user_email(item.owner))
        try:
            ticket = await tracker.open_ticket(request)
        except IntegrationFailed as failure:
            await tell_failure(ctx, incident, failure, t("text-doing-opening-ticket", number=str(item.number)))
            continue
        await succeeded(ctx, incident, system)
        item.ticket_ref, item.ticket_key, item.ticket_url = ticket.ref, ticket.key, ticket.url
        await ctx.followups.save_action(incident_id, item)
        unassigned = "" if ticket.assigned else t("text-ticket-unassigned", owner=item.owner, system=system)
        lines.append(f"{item.number}. {link(ticket.url, ticket.key)}{unassigned}")
        await ctx.store.append_event(incident_id, TimelineEvent(
            at=ctx.clock(), kind=EventKind.NOTE, actor=None,
            text=f"action item {item.number} is ticket {ticket.key}",
            data={"integration": tracker.name, "ticket": ticket.key, "url": ticket.url}))
    if lines and incident.channel_id:
        await ctx.slack.post(incident.channel_id, text.tickets_opened(lines))
    return len(lines)


async def close_ticket(ctx: FlowContext, incident_id: str, item: ActionItem) -> None:
    """Done in Slack: close the ticket too."""
    tracker = integrations_of(ctx).tracker
    if tracker is None or not item.ticket_ref:
        return
    try:
        await tracker.close_ticket(item.ticket_ref)
    except IntegrationFailed as failure:
        await tell_failure(ctx, await ctx.store.require(incident_id), failure,
                           t("text-doing-closing-ticket", ticket=item.ticket_key or "", number=str(item.number)))


async def sync_tickets(ctx: FlowContext) -> int:
    """Close the open items whose ticket was closed in the tracker. At most once per
    TICKET_POLL_SECONDS across every process (a claim)."""
    tracker = integrations_of(ctx).tracker
    if tracker is None:
        return 0
    if not await ctx.store.claim("ticket-sync", ttl_seconds=max(1, int(ctx.settings.ticket_poll_seconds))):
        return 0
    system = _SYSTEMS.get(tracker.name, tracker.name)
    closed = 0
    for incident_id, number in await ctx.followups.open_action_refs():
        item = next((a for a in await ctx.followups.actions(incident_id) if a.number == number), None)
        if item is None or not item.is_open or not item.ticket_ref:
            continue
        try:
            done = await tracker.is_done(item.ticket_ref)
        except IntegrationFailed as failure:
            await tell_failure(ctx, await ctx.store.require(incident_id), failure, t("text-doing-checking-tickets"))
            continue
        if not done:
            continue
        if await _close_item(ctx, incident_id, number, tracker.name, system):
            closed += 1
    return closed


async def _close_item(ctx: FlowContext, incident_id: str, number: int, tracker_name: str, system: str) -> bool:
    """The ticket was closed in the tracker: close the item (once, whether the webhook or the
    poll saw it first); False when it was closed already."""
    if not await ctx.store.claim(f"ticket-closed:{incident_id}:{number}", ttl_seconds=30 * 86400):
        return False
    item = next((a for a in await ctx.followups.actions(incident_id) if a.number == number), None)
    if item is None or not item.is_open:
        return False
    item.done_at, item.done_by = ctx.clock(), None
    await ctx.followups.save_action(incident_id, item)
    await ctx.store.append_event(incident_id, TimelineEvent(
        at=ctx.clock(), kind=EventKind.NOTE, actor=None,
        text=f"action item {number} done: {item.ticket_key} closed in {system}",
        data={"integration": tracker_name, "ticket": item.ticket_key}))
    incident = await ctx.store.require(incident_id)
    if incident.channel_id:
        await ctx.slack.post(incident.channel_id, text.ticket_closed_elsewhere(number, item.ticket_key or "", system))
    return True


async def ticket_changed(ctx: FlowContext, tracker_name: str, ref: str, done: bool) -> dict[str, str | int]:
    """A tracker's webhook said ticket `ref` changed (Jira: its key; Linear: its id). When it is
    done and an open action item holds it, the item closes. Answers what it led to (JSON)."""
    tracker = integrations_of(ctx).tracker
    system = _SYSTEMS.get(tracker_name, tracker_name)
    if tracker is None or tracker.name != tracker_name:
        return {"action": "ignored", "reason": f"{system} is not the configured ticket tracker"}
    if not done:
        return {"action": "ignored", "reason": f"ticket {ref} is not done"}
    for incident_id, number in await ctx.followups.open_action_refs():
        item = next((a for a in await ctx.followups.actions(incident_id) if a.number == number), None)
        if item is None or item.ticket_ref != ref:
            continue
        if await _close_item(ctx, incident_id, number, tracker_name, system):
            return {"action": "closed", "incident_id": incident_id, "item": number}
        return {"action": "duplicate", "reason": f"action item {number} of {incident_id} is closed already"}
    return {"action": "ignored", "reason": f"no open action item has ticket {ref}"}
