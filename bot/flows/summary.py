"""`/incident summary`: catch someone up privately; they may share it in the war room."""

from __future__ import annotations

from agents.summary import catch_up, catch_up_lines
from bot.flows.agent_steps import incident_context
from bot.flows import guard
from bot.flows.context import FlowContext
from bot.incident.access import Action
from bot.incident.model import Incident
from bot.ui import summary_blocks, text
from i18n import t
from bot.ui.reply import Reply


async def _lines(ctx: FlowContext, incident: Incident) -> tuple[list[str], str]:
    summary, source = await catch_up(await incident_context(ctx, incident), ctx.backend, ctx.clock())
    return catch_up_lines(summary), source


async def catch_me_up(ctx: FlowContext, incident: Incident, actor: str) -> Reply:
    """The catch-up, for the asker only (the command's answer is ephemeral)."""
    await guard.require(ctx, incident, actor, Action.SUMMARY)
    lines, source = await _lines(ctx, incident)
    return Reply(text=t("text-catch-up-fallback", incident=incident.id, title=incident.title),
                 blocks=summary_blocks.catch_up(incident, lines, source, shareable=True))


async def share(ctx: FlowContext, incident_id: str, actor: str) -> None:
    """Post the catch-up in the war room for everyone, saying who shared it."""
    incident = await ctx.store.require(incident_id)
    await guard.require(ctx, incident, actor, Action.SUMMARY)
    lines, source = await _lines(ctx, incident)
    if incident.channel_id:
        await ctx.slack.post(incident.channel_id, t("text-catch-up-fallback", incident=incident.id, title=incident.title),
                             summary_blocks.catch_up(incident, lines, source, shareable=False,
                                                     shared_by=text.summary_shared(actor)))
