"""Keep a resolved incident in history (its moments and update record), so the measures never
re-read timelines; a reopened incident leaves history until it resolves again."""

from __future__ import annotations

import logging

from bot.flows.context import FlowContext
from bot.incident.history import ResolvedIncident, history_record
from bot.incident.model import Incident
from bot.platform.history_store import HistoryStore

log = logging.getLogger(__name__)


def history_store(ctx: FlowContext) -> HistoryStore:
    return HistoryStore(ctx.store.redis)


async def record_resolved(ctx: FlowContext, incident: Incident) -> ResolvedIncident:
    events = await ctx.store.timeline(incident.id)
    alerts = await ctx.alerts.alerts(incident.id)
    starts = [a.starts_at or a.received_at for a in alerts]
    services = [a.service for a in alerts if a.service]
    triage = (await ctx.steps.results(incident.id)).get("triage")
    if triage is not None:
        services += [s.get("name") for s in triage.output.get("affected_services", []) if isinstance(s, dict) and s.get("name")]
    record = history_record(
        incident, events, bot_user=ctx.bot_user_id, cadence=ctx.settings.cadence(incident.severity),
        first_alert=min(starts) if starts else None, services=services,
    )
    await history_store(ctx).save(record)
    return record


async def keep_history(ctx: FlowContext, incident: Incident) -> None:
    """After a resolve or a reopen; a failure here is logged, never undoes the change."""
    try:
        if incident.resolved_at is not None:
            await record_resolved(ctx, incident)
        else:
            await history_store(ctx).remove(incident.id)
    except Exception:
        log.exception("history not recorded", extra={"incident_id": incident.id})
