"""The weekly report to INCIDENT_REPORT_CHANNEL: the last 7 days' measures and the 90-day charts,
at the time INCIDENT_REPORT_SCHEDULE names (UTC).

Checked on every sweep of the scheduler; a report is due once its moment has passed (within a
day: a bot down all Monday does not post Monday's report on Friday). Exactly once across
processes like the nudges: the first process to claim `weekly-report:<moment>` in Redis sends
it; a Slack failure releases the claim so the next sweep tries again.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.flows.context import FlowContext
from bot.flows.history import history_store
from bot.flows.home import CHART_TITLES, render_charts
from bot.flows.stats import measure_line
from bot.incident.measures import compute_stats
from bot.reports.schedule import last_due, parse_weekly
from bot.slack.gateway import SlackFailure
from bot.ui import text

log = logging.getLogger(__name__)

LATE_BY_AT_MOST = timedelta(days=1)
CLAIM_SECONDS = 8 * 86400


def report_due(ctx: FlowContext) -> datetime | None:
    schedule = parse_weekly(ctx.settings.report_schedule)
    if schedule is None or not ctx.settings.report_channel:
        return None
    now = ctx.clock()
    due = last_due(schedule, now)
    return due if now - due <= LATE_BY_AT_MOST else None


async def send_weekly_report(ctx: FlowContext, due: datetime) -> bool:
    """Post the report for the moment `due` unless another process did; True if this one did."""
    channel = ctx.settings.report_channel
    assert channel
    claim = f"weekly-report:{due.isoformat()}"
    if not await ctx.store.claim(claim, ttl_seconds=CLAIM_SECONDS):
        return False
    try:
        now = ctx.clock()
        week = compute_stats(await history_store(ctx).resolved_between(now - timedelta(days=7), now), now, 7)
        lines = [measure_line("*Last 7 days*", week.overall)]
        lines += [measure_line(severity.value, m) for severity, m in week.by_severity.items()]
        message = text.weekly_report_text(f"{(now - timedelta(days=7)):%d %b}", f"{now:%d %b}", "\n".join(lines))
        ts = await ctx.slack.post(channel, message)
        _, pngs = await render_charts(ctx)
        for name, png in pngs.items():
            await ctx.slack.upload_image(f"{name}-{now:%Y%m%d}.png", png, CHART_TITLES[name], channel=channel)
        log.info("weekly report posted", extra={"channel": channel, "ts": ts})
        return True
    except SlackFailure as failure:
        await ctx.store.release(claim)
        log.warning("weekly report not posted; retried at the next sweep", extra={"error": failure.error})
        return False


async def maybe_send_weekly_report(ctx: FlowContext) -> bool:
    due = report_due(ctx)
    return await send_weekly_report(ctx, due) if due is not None else False
