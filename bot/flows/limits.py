"""Limits on abuse: how fast one person may declare, how soon the same agent steps may run
again on an incident. Each refusal is one clear sentence. (The cap on open alert-declared
incidents per routing rule lives with the alert flow: bot/flows/alerts.py.)"""

from __future__ import annotations

from bot.flows.context import FlowContext, Refused
from bot.ui import text
from bot.flows.reader_locale import reader_locale
from i18n import reading_in

DECLARE_WINDOW_SECONDS = 60


async def check_declare_rate(ctx: FlowContext, user_id: str) -> None:
    """At most `declare_rate_per_minute` declares per person per clock minute."""
    limit = ctx.settings.declare_rate_per_minute
    if not limit:
        return
    window = int(ctx.clock().timestamp()) // DECLARE_WINDOW_SECONDS
    hits = await ctx.store.count_hit(f"declare:{user_id}:{window}", DECLARE_WINDOW_SECONDS * 2)
    if hits > limit:
        with reading_in(await reader_locale(ctx, user_id)):  # a refusal only the asker reads
            raise Refused(text.declare_rate_limited(limit))


def _cooldown_key(incident_id: str, steps: list[str]) -> str:
    return f"steps-cooldown:{incident_id}:{'+'.join(sorted(steps))}"


async def start_step_cooldown(ctx: FlowContext, incident_id: str, label: str, steps: list[str]) -> None:
    """Refuse the same steps again within `agent_rerun_cooldown_seconds` of the last request."""
    seconds = ctx.settings.agent_rerun_cooldown_seconds
    if not seconds:
        return
    held = await ctx.store.claim_until(_cooldown_key(incident_id, steps), ctx.clock().timestamp(), seconds)
    if held:
        raise Refused(text.steps_cooling_down(label, incident_id, int(held) or 1))


async def end_step_cooldown(ctx: FlowContext, incident_id: str, steps: list[str]) -> None:
    """The request was refused for another reason (or failed to queue): it does not count."""
    if ctx.settings.agent_rerun_cooldown_seconds:
        await ctx.store.release(_cooldown_key(incident_id, steps))
