"""What every integration flow shares: the configured integrations, background work that never
holds up the incident, and telling the war room about a failing vendor once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from bot.flows.context import FlowContext
from bot.incident.model import Incident
from bot.integrations.http import IntegrationFailed
from bot.integrations.setup import Integrations, make_integrations
from bot.slack.gateway import SlackFailure
from bot.ui import text

log = logging.getLogger("bot.flows.beyond")
TELL_AGAIN_AFTER_S = 3600
_background: set[asyncio.Task] = set()


def integrations_of(ctx: FlowContext) -> Integrations:
    """Built from the settings once per FlowContext (each bot process has its own)."""
    if ctx.integrations is None:
        ctx.integrations = make_integrations(ctx.settings)
    return ctx.integrations


def spawn(work: Coroutine[Any, Any, None], what: str) -> asyncio.Task:
    """Run vendor work beside the incident: a slow or failing vendor never delays a Slack answer."""
    async def guarded() -> None:
        try:
            await work
        except Exception:  # a bug here must not vanish silently, nor kill anything else
            log.exception("integration work failed", extra={"work": what})

    task = asyncio.get_running_loop().create_task(guarded())
    _background.add(task)
    task.add_done_callback(_background.discard)
    return task


async def tell_failure(ctx: FlowContext, incident: Incident, failure: IntegrationFailed, doing: str) -> None:
    """Log it, and tell the war room once (per system, per incident, per hour)."""
    log.warning("integration failed", extra={"incident_id": incident.id, "system": failure.system,
                                             "doing": doing, "error": failure.reason})
    if not incident.channel_id:
        return
    if not await ctx.store.claim(f"vendor-failed:{incident.id}:{failure.system}", TELL_AGAIN_AFTER_S):
        return
    try:
        await ctx.slack.post(incident.channel_id, text.vendor_failed(failure.system, doing, failure.reason))
    except SlackFailure as slack_failure:
        log.warning("could not tell the war room", extra={"incident_id": incident.id, "error": slack_failure.error})


async def succeeded(ctx: FlowContext, incident: Incident, system: str) -> None:
    """The system works again: its next failure is worth telling."""
    await ctx.store.release(f"vendor-failed:{incident.id}:{system}")


async def drain(timeout: float = 5.0) -> None:
    """At shutdown: let vendor work in flight finish (bounded), then cancel what is left, so
    nothing runs against a closed store."""
    pending = [t for t in _background if not t.done()]
    if not pending:
        return
    _, late = await asyncio.wait(pending, timeout=timeout)
    for task in late:
        task.cancel()
    if late:
        await asyncio.gather(*late, return_exceptions=True)
        log.warning("integration work cancelled at shutdown", extra={"tasks": len(late)})
