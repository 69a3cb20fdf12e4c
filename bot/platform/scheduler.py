"""The bot's timed work, on one APScheduler:

- each open incident's next status-update nudge, derived from its record;
- a periodic resync that re-derives those nudges from the store;
- a periodic recovery-and-reminders sweep: declares a crash cut off are finished, then due
  action-item and postmortem reminders go out.

The record is the truth; nudge jobs are rebuilt from it at start and on every resync, so a
restart loses no nudge, a nudge that fell due while the bot was down goes out at once, and
incidents changed by another process are picked up.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from bot.platform.clock import utc_now
from bot.flows.context import FlowContext
from bot.flows.nudges import fire_nudge, plan
from bot.flows.declare import recover_interrupted_declares
from bot.flows.beyond import watch as beyond_watch
from bot.flows.beyond.tickets import sync_tickets
from bot.flows.follow_up import send_followups
from bot.flows.home import HomeRefresher
from bot.flows.weekly_report import maybe_send_weekly_report
from bot.incident.model import Incident
from bot.platform.redis_keys import StoreUnavailable

log = logging.getLogger(__name__)

RESYNC_JOB = "nudge-resync"
RECOVERY_AND_REMINDERS_JOB = "recover-and-remind"


class IncidentScheduler:
    """Nudges per incident, their resync, and the recovery-and-reminders sweep."""

    def __init__(self, ctx: FlowContext) -> None:
        self.ctx = ctx
        self.scheduler = AsyncIOScheduler(
            timezone="UTC",
            # A firing job re-arms its successor under the same id while still running, so more
            # than one instance must be allowed; the Redis lock keeps delivery to one.
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 4},
        )
        ctx.watchers.append(self.replan)
        ctx.watchers.append(functools.partial(beyond_watch.on_change, ctx))
        self.home = HomeRefresher(ctx)  # Home tabs republished once changes settle
        ctx.watchers.append(self.home.on_change)
        self._running: set[asyncio.Task] = set()

    async def start(self) -> None:
        self.scheduler.start()
        await self.recover_and_remind()  # declares a crash cut off are finished before anything else
        await self.resync()
        self.scheduler.add_job(
            self._tracked(self.resync), "interval", seconds=self.ctx.settings.nudge_resync_seconds, id=RESYNC_JOB
        )
        # Action-item and postmortem reminders are day-scale: the same interval is plenty.
        self.scheduler.add_job(
            self._tracked(self.recover_and_remind), "interval", seconds=self.ctx.settings.nudge_resync_seconds,
            id=RECOVERY_AND_REMINDERS_JOB,
        )

    async def stop(self) -> None:
        """Stop firing, and let jobs already running finish before the store closes.

        (APScheduler's asyncio executor cancels running jobs on shutdown, so wait first.)
        """
        self.scheduler.pause()
        await self.home.stop()
        if self._running:
            await asyncio.gather(*self._running, return_exceptions=True)
        self.scheduler.shutdown(wait=False)

    def _tracked(self, job: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
        async def run(*args) -> None:
            task = asyncio.current_task()
            assert task is not None
            self._running.add(task)
            try:
                await job(*args)
            finally:
                self._running.discard(task)

        return run

    def _run_date(self, at: datetime) -> datetime:
        # Plans are in the bot's clock (injectable); APScheduler runs on the wall clock.
        return utc_now() + max(at - self.ctx.clock(), timedelta(0))

    async def replan(self, incident: Incident) -> None:
        """Arm (or disarm) this incident's next nudge from its record."""
        next_one = plan(self.ctx, incident)
        if next_one is None:
            try:
                self.scheduler.remove_job(incident.id)
            except JobLookupError:
                pass
            return
        args = [incident.id, next_one.due, next_one.stage]
        job = self.scheduler.get_job(incident.id)
        if job is not None and list(job.args) == args and next_one.at > self.ctx.clock():
            return  # already armed for exactly this nudge
        self.scheduler.add_job(
            self._tracked(self._fire),
            DateTrigger(run_date=self._run_date(next_one.at)),
            id=incident.id,
            args=args,
            replace_existing=True,
        )

    async def resync(self) -> None:
        """Re-derive every job from the open incidents in the store."""
        try:
            incidents = await self.ctx.store.open_incidents()
        except StoreUnavailable:
            log.warning("nudge resync skipped: store unavailable")
            return
        open_ids = {incident.id for incident in incidents}
        for job in self.scheduler.get_jobs():
            if job.id not in (RESYNC_JOB, RECOVERY_AND_REMINDERS_JOB) and job.id not in open_ids:
                job.remove()
        for incident in incidents:
            await self.replan(incident)

    async def recover_and_remind(self) -> None:
        """Finish the declares a crash cut off, then send the reminders due now."""
        try:
            await recover_interrupted_declares(
                self.ctx, timedelta(seconds=self.ctx.settings.declare_recovery_seconds)
            )
            await send_followups(self.ctx)
            await sync_tickets(self.ctx)  # at most once per TICKET_POLL_SECONDS
            await maybe_send_weekly_report(self.ctx)  # once per scheduled moment across processes
        except Exception:  # retried on the next interval; never kill the scheduler
            log.exception("recovery and reminders failed")

    async def _fire(self, incident_id: str, due: datetime, stage: int) -> None:
        try:
            incident = await fire_nudge(self.ctx, incident_id, due, stage)
        except Exception:  # a failed nudge is retried by the next resync; never kill the scheduler
            log.exception("nudge failed", extra={"incident_id": incident_id, "stage": stage})
            return
        if incident is not None:
            await self.replan(incident)
