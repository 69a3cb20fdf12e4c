"""`/incident stats [30d|90d] [service]`: the measures over the history, as a short answer."""

from __future__ import annotations

from datetime import timedelta

from bot.flows.context import FlowContext
from bot.flows.history import history_store
from bot.incident import access
from bot.incident.cadence import format_duration
from bot.incident.measures import Measure, compute_stats
from bot.ui import text
from bot.ui.reply import Reply
from i18n import t


def _span(seconds: float | None) -> str:
    return format_duration(timedelta(seconds=seconds)) if seconds is not None else t("text-stats-none")


def measure_line(label: str, m: Measure) -> str:
    compliance = f"{m.update_compliance:.0%}" if m.update_compliance is not None else t("text-stats-none")
    return t("text-stats-line", label=label, count=str(m.incidents), mtta=_span(m.mtta_seconds),
             mtti=_span(m.mtti_seconds), mttr=_span(m.mttr_seconds), compliance=compliance)


async def show_stats(ctx: FlowContext, days: int, service: str | None, actor: str) -> Reply:
    now = ctx.clock()
    records = await history_store(ctx).resolved_between(now - timedelta(days=days), now)
    asker = access.Asker(actor, ctx.settings.admin_ids)
    counted = [r for r in records if access.counts_in_stats(r.is_private, asker)]
    left_out, records = len(records) - len(counted), counted
    report = compute_stats(records, now, days, service)
    scope = t("text-stats-scope", service=service) if service else ""
    lines = [measure_line(t("text-stats-heading", days=str(days), scope=scope), report.overall)]
    lines += [measure_line(severity.value, m) for severity, m in report.by_severity.items()]
    lines += [measure_line(f"type {name}", m) for name, m in _busiest(report.by_type)]
    if service is None:
        lines += [measure_line(f"service {name}", m) for name, m in _busiest(report.by_service)]
    weeks = [f"{week:%d %b} {m.incidents}" for week, m in report.by_week.items()]
    if weeks:
        lines.append("per week (resolved): " + " · ".join(weeks))
    if left_out and service is None:  # with a service named, even the count would betray one
        lines.append(text.stats_private_left_out(left_out))
    return Reply(text="\n".join(lines))


def _busiest(groups: dict[str, Measure], keep: int = 5) -> list[tuple[str, Measure]]:
    """The groups with the most incidents (a short answer, not a table)."""
    return sorted(groups.items(), key=lambda kv: (-kv[1].incidents, kv[0]))[:keep]
