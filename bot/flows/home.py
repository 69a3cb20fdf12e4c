"""The App Home: what one viewer may see, published with views.publish, and kept fresh.

- `publish_home(ctx, viewer)`: the viewer's open incidents (a private one only when they may see
  it: bot/flows/guard.py), their roles and open action items, the 90-day measures and two charts.
- The charts are rendered once per history version and day, uploaded as Slack files (private to
  the bot) and shown in image blocks by file id; the ids are cached in Redis with the stats line.
- `HomeRefresher` watches changes: each marks the Home tabs stale, and after
  HOME_REFRESH_SECONDS of quiet the process that takes the flag republishes the Home of everyone
  who opened it in the last HOME_VIEWER_DAYS. Every views.publish goes through Slack's pace
  (bot/slack/outbound.py, Tier 4).
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta

from bot.flows import guard
from bot.flows.context import FlowContext
from bot.flows.history import history_store
from bot.incident.cadence import format_duration
from bot.incident.measures import compute_stats
from bot.incident.model import ActionItem, Incident
from bot.platform.redis_keys import StoreUnavailable
from bot.slack.gateway import SlackFailure
from bot.ui import text
from bot.ui.home_blocks import HomeChart, HomeData, home_view

log = logging.getLogger(__name__)

HOME_DAYS = 90
CHART_TITLES = {
    "response": "MTTR and MTTA by severity, per week",
    "per_week": "Incidents resolved per week, by severity",
}


def _span(seconds: float | None) -> str:
    return format_duration(timedelta(seconds=seconds)) if seconds is not None else "n/a"


def stats_line(report) -> str:
    m = report.overall
    on_time = f"{m.update_compliance:.0%}" if m.update_compliance is not None else "n/a"
    return text.home_stats_line(HOME_DAYS, m.incidents, _span(m.mtta_seconds), _span(m.mtti_seconds),
                                _span(m.mttr_seconds), on_time)


async def render_charts(ctx: FlowContext, days: int = HOME_DAYS):
    """(report, {name: png}) over the last `days`; drawing runs in a thread (tens of ms)."""
    now = ctx.clock()
    records = await history_store(ctx).resolved_between(now - timedelta(days=days), now)
    report = compute_stats(records, now, days)

    def draw() -> dict[str, bytes]:
        from bot.reports import charts  # matplotlib loads on first drawing, not at every start-up

        return {"response": charts.response_times_png(report), "per_week": charts.incidents_per_week_png(report)}

    return report, await asyncio.to_thread(draw)


async def home_measures(ctx: FlowContext) -> tuple[str, list[HomeChart]]:
    """The stats line and the uploaded charts, re-made only when history (or the day) changed."""
    store = history_store(ctx)
    version = f"{await store.version()}@{ctx.clock().date().isoformat()}"
    cached = await store.home_measures()
    if cached:
        data = json.loads(cached)
        if data.get("version") == version:
            return data["stats_line"], [HomeChart(**c) for c in data["charts"]]
    report, pngs = await render_charts(ctx)
    line = stats_line(report)
    uploaded = []
    for name, png in pngs.items():
        file_id = await ctx.slack.upload_image(f"{name}-{ctx.clock():%Y%m%d}.png", png, CHART_TITLES[name])
        uploaded.append(HomeChart(file_id=file_id, title=CHART_TITLES[name]))
    await store.save_home_measures(json.dumps(
        {"version": version, "stats_line": line, "charts": [c.__dict__ for c in uploaded]}))
    return line, uploaded


async def _my_actions(ctx: FlowContext, viewer: str, visible: dict[str, Incident]) -> list[tuple[str, ActionItem]]:
    mine: list[tuple[str, ActionItem]] = []
    incident_ids = sorted({incident_id for incident_id, _ in await ctx.followups.open_action_refs()})
    for incident_id in incident_ids:
        items = [a for a in await ctx.followups.actions(incident_id) if a.is_open and a.owner == viewer]
        if not items:
            continue
        incident = visible.get(incident_id) or await ctx.store.get(incident_id)
        if incident is None or not await guard.may_see(ctx, incident, viewer):
            continue
        mine += [(incident_id, item) for item in items]
    return mine


async def home_data(ctx: FlowContext, viewer: str, notice: str | None = None) -> HomeData:
    incidents = await ctx.store.open_incidents()
    visible: list[Incident] = []
    hidden = 0
    for incident in incidents:
        if not incident.is_private or await guard.may_see(ctx, incident, viewer):
            visible.append(incident)
        else:
            hidden += 1
    data = HomeData(viewer=viewer, now=ctx.clock(), incidents=visible, hidden_private=hidden, notice=notice)
    data.actions = await _my_actions(ctx, viewer, {i.id: i for i in visible})
    try:
        data.stats_line, data.charts = await home_measures(ctx)
    except SlackFailure as failure:  # the Home still shows incidents without its charts
        log.warning("home charts not uploaded", extra={"error": failure.error})
    return data


async def publish_home(ctx: FlowContext, viewer: str, notice: str | None = None) -> dict:
    """Build and publish `viewer`'s Home tab; remember they look at it. Returns the view."""
    view = home_view(await home_data(ctx, viewer, notice))
    await ctx.slack.publish_home(viewer, view)
    await history_store(ctx).saw_home(viewer, ctx.clock())
    return view


class HomeRefresher:
    """A FlowContext watcher: republish the Home tabs once changes have settled."""

    def __init__(self, ctx: FlowContext) -> None:
        self.ctx = ctx
        self._task: asyncio.Task | None = None
        self._dirty = False
        self.published = 0  # views.publish calls made by refreshes, for tests and benches

    async def on_change(self, incident: Incident) -> None:
        store = history_store(self.ctx)
        try:
            if not await store.home_viewers(self._viewers_since()):
                return  # nobody looks at a Home tab: nothing to keep fresh, nothing written
            await store.mark_homes_stale()
        except StoreUnavailable:
            return
        self._dirty = True
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._settle())

    async def _settle(self) -> None:
        while True:
            await asyncio.sleep(self.ctx.settings.home_refresh_seconds)
            self._dirty = False
            try:
                await self.refresh_now()
            except Exception:  # the next change tries again; never kill the loop
                log.exception("home refresh failed")
            if not self._dirty:
                return

    def _viewers_since(self):
        return self.ctx.clock() - timedelta(days=self.ctx.settings.home_viewer_days)

    async def refresh_now(self) -> int:
        """Republish every recent viewer's Home if the tabs are stale and no other process has
        taken the job; the number published."""
        store = history_store(self.ctx)
        if not await store.take_homes_stale():
            return 0
        count = 0
        for viewer in await store.home_viewers(self._viewers_since()):
            try:
                await publish_home(self.ctx, viewer)
                count += 1
            except SlackFailure as failure:
                log.warning("home not published", extra={"user": viewer, "error": failure.error})
        self.published += count
        return count

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
