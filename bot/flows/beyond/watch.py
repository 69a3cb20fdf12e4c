"""React to incident changes (a FlowContext watcher): when the war room is ready, the bridge and
the *Page on-call* button; at SEV1 (INCIDENT_AUTO_PAGE), a page; at resolve, the pages resolve
and a status-page resolve draft is offered. Vendor work runs beside the incident (`spawn`)."""

from __future__ import annotations

from bot.flows.beyond import bridge, paging, statuspage
from bot.flows.beyond.common import integrations_of, spawn
from bot.flows.changes import refresh_card
from bot.flows.context import FlowContext
from bot.incident.model import Incident, Lifecycle


async def on_change(ctx: FlowContext, incident: Incident) -> None:
    found = integrations_of(ctx)
    if not found.any or incident.lifecycle is not Lifecycle.READY:
        return
    if incident.is_open:
        if await ctx.store.claim(f"beyond-ready:{incident.id}", ttl_seconds=30 * 86400):
            spawn(_war_room_ready(ctx, incident), f"war room ready {incident.id}")
        if paging.auto_pages(ctx, incident.severity):
            spawn(paging.auto_page(ctx, incident), f"auto-page {incident.id}")
        return
    if incident.resolved_at and await ctx.store.claim(
            f"beyond-resolved:{incident.id}:{incident.resolved_at.isoformat()}", ttl_seconds=30 * 86400):
        spawn(_resolved(ctx, incident), f"resolve {incident.id}")


async def _war_room_ready(ctx: FlowContext, incident: Incident) -> None:
    link = bridge.bridge_for(ctx, incident)
    can_page = bool(integrations_of(ctx).pagers)
    if not link and not can_page:
        return

    def decorate(record: Incident) -> None:
        if link:
            record.links[bridge.BRIDGE] = link
        record.can_page = can_page

    incident, _ = await ctx.store.update(incident.id, decorate)
    await refresh_card(ctx, incident)
    if link:
        await bridge.bookmark_bridge(ctx, incident, link)


async def _resolved(ctx: FlowContext, incident: Incident) -> None:
    await paging.resolve_pages(ctx, incident)
    await statuspage.offer_resolve_draft(ctx, incident)
