"""Agent steps on an incident: queue a run, then (in a worker) run the DAG and post each
result in a thread of the war room as it lands.

A step that is queued or running is not started again; a job re-run after a worker died
skips the steps it already finished and reuses their thread headers.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime, timedelta

from agents import (
    Backend,
    IncidentContext,
    StepFailedError,
    StepResult,
    TimelineEntry,
    get_step,
    plan,
    run_steps,
)
from agents.context import TimelineKind, UpdateCadence
from agents.render import headline
from bot.flows import triage_feedback
from bot.flows.agent_evidence import evidence_config, incident_alerts, incident_evidence
from bot.flows import guard, limits
from bot.flows.context import FlowContext, Refused
from bot.incident.access import Action
from bot.incident.kinds import Role
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.scorecard import late_updates
from bot.slack.gateway import SlackFailure
from bot.flows.beyond import statuspage as beyond_statuspage
from bot.ui import step_blocks, text
from i18n import t
from bot.ui.reply import Reply

log = logging.getLogger(__name__)


async def request_steps(ctx: FlowContext, incident: Incident, label: str, steps: list[str], actor: str) -> Reply:
    """Queue `steps` for `incident`; refuses clearly when any of them is already queued or running."""
    if not incident.channel_id:
        raise Refused(text.NOT_IN_WAR_ROOM)
    await guard.require(ctx, incident, actor, Action.RUN_STEPS)
    job_id = f"agents-{incident.id}-{uuid.uuid4().hex[:10]}"
    await limits.start_step_cooldown(ctx, incident.id, label, steps)
    busy = await ctx.steps.claim_steps(incident.id, steps, job_id, ctx.settings.agent_job_timeout_s + 60)
    if busy:
        await limits.end_step_cooldown(ctx, incident.id, steps)
        raise Refused(text.steps_busy(busy))
    try:
        await ctx.jobs.enqueue_steps(job_id, incident.id, steps, actor)
    except Exception:
        await limits.end_step_cooldown(ctx, incident.id, steps)
        for step in steps:
            await ctx.steps.release_step(incident.id, step, job_id)
        raise
    log.info("agent steps queued", extra={"incident_id": incident.id, "job_id": job_id, "steps": steps})
    return Reply(text=text.steps_queued(label, len(steps)))


# The bot's event kinds in the agents' vocabulary (agents.context.TimelineKind): the one place
# they meet. A test checks every EventKind is here.
AGENT_KINDS: dict[EventKind, TimelineKind] = {
    EventKind.DECLARED: "declared",
    EventKind.ROLE_ASSIGNED: "role_assigned",
    EventKind.STATUS_CHANGED: "status_changed",
    EventKind.SEVERITY_CHANGED: "severity_changed",
    EventKind.RESOLVED: "resolved",
    EventKind.REOPENED: "reopened",
    EventKind.STATUS_UPDATE: "status_update",
    EventKind.UPDATE_NUDGE: "update_overdue",
    EventKind.UPDATE_ESCALATION: "update_overdue",
    EventKind.STEP_COMPLETED: "agent_step",
    EventKind.DECISION: "decision",
    EventKind.CAPTURED: "message",
    EventKind.POSTMORTEM: "postmortem",
    EventKind.NOTE: "note",
    EventKind.ALERT_FIRING: "alert_firing",
    EventKind.ALERT_RESOLVED: "alert_resolved",
    EventKind.DEPLOY: "deploy",
}


def timeline_entry(event: TimelineEvent) -> TimelineEntry:
    """One bot timeline event as the agents read it."""
    to = event.data.get("to") if event.kind in (EventKind.STATUS_CHANGED, EventKind.SEVERITY_CHANGED) else None
    return TimelineEntry(
        at=event.at,
        kind=AGENT_KINDS[event.kind],
        actor=f"<@{event.actor}>" if event.actor else None,
        text=event.text + (f" (why: {event.reason})" if event.reason else "")
        + _update_parts(event),
        to=str(to) if to else None,
    )


def _update_parts(event: TimelineEvent) -> str:
    """A status update's impact and next steps, which the agents read in its text."""
    if event.kind is not EventKind.STATUS_UPDATE:
        return ""
    impact, plan = event.data.get("impact"), event.data.get("next_steps")
    return (f" Impact: {impact}" if impact else "") + (f" Next: {plan}" if plan else "")


def update_cadence(
    every: timedelta | None, incident: Incident, events: list[TimelineEvent], now: datetime
) -> UpdateCadence:
    """The incident's update cadence (from the settings) and its late updates as the scorecard
    counts them: the agents never work out either on their own."""
    return UpdateCadence(
        every_minutes=every.total_seconds() / 60 if every else None,
        late=late_updates(incident, events, now),
    )


async def incident_context(ctx: FlowContext, incident: Incident) -> IncidentContext:
    """Everything known so far, as the agents read it: the record, its timeline, earlier
    results, its alerts, and evidence from the configured sources (Prometheus, Alertmanager,
    recorded deploys; an unavailable source is named, never fatal)."""
    events = await ctx.store.timeline(incident.id)
    roles = {
        role.value: [f"<@{user}>" for user in incident.roles.holders(role)]
        for role in Role
        if incident.roles.holders(role)
    }
    return IncidentContext(
        incident_id=incident.id,
        title=incident.title,
        description=incident.description,
        severity=incident.severity.value,
        incident_type=incident.incident_type.value if incident.incident_type else None,
        status=incident.status.value,
        declared_at=incident.declared_at,
        resolved_at=incident.resolved_at,
        roles=roles,
        timeline=[timeline_entry(e) for e in events],
        updates=update_cadence(ctx.settings.cadence(incident.severity), incident, events, ctx.clock()),
        step_results=await ctx.steps.results(incident.id),
        alerts=await incident_alerts(ctx, incident.id),
        evidence=await incident_evidence(ctx, incident.id, config=evidence_config(ctx.settings), now=ctx.clock()),
        locale=ctx.settings.locale,
    )


async def run_agent_steps(
    ctx: FlowContext, backend: Backend, job_id: str, incident_id: str, steps: list[str], actor: str
) -> None:
    """The job: run `steps` as a DAG. One message per run, edited in place as steps finish:
    one line per step (a single step: its essentials); the full answers on demand (*Details*)."""
    incident = await ctx.store.require(incident_id)
    channel = incident.channel_id
    assert channel is not None
    progress = await ctx.steps.job_progress(job_id)
    ordered = [s for level in plan(steps) for s in level]
    todo = [s for s in ordered if f"done:{s}" not in progress]
    stored = await ctx.steps.results(incident_id)
    board = RunBoard(incident_id, ordered, {s: stored[s] for s in ordered if s not in todo and s in stored})
    ts = progress.get("header:run")
    if ts is None:
        ts = await ctx.slack.post(channel, board.text(), board.blocks())
        await ctx.steps.note_job(job_id, "header:run", ts)
    lock = asyncio.Lock()
    stale = False

    async def show() -> None:
        """Edit the run's message to the latest state; edits that queued up behind one in
        flight collapse into one (steps land faster than Slack answers)."""
        nonlocal stale
        stale = True
        async with lock:
            if not stale:  # an edit made while we waited already showed this state
                return
            stale = False
            await ctx.slack.update(channel, ts, board.text(), board.blocks())

    async def on_result(result: StepResult) -> None:
        await ctx.steps.save_result(incident_id, result)
        await ctx.store.append_event(
            incident_id,
            TimelineEvent(
                at=ctx.clock(),
                kind=EventKind.STEP_COMPLETED,
                actor=None,
                text=t("text3-event-step-done", title=get_step(result.step).shown_title, headline=headline(result)),
                data={"step": result.step, "backend": result.backend, "duration_ms": result.duration_ms,
                      "fallback_reason": result.fallback_reason},
            ),
        )
        await ctx.steps.note_job(job_id, f"done:{result.step}", "1")
        await ctx.steps.release_step(incident_id, result.step, job_id)
        if result.step == "triage":  # before the answer shows, so what it changed is there too
            await triage_feedback.apply(ctx, incident_id, result, context)
        board.results[result.step] = result
        try:
            await show()
            if result.step == "comms":  # its status-page text becomes a draft to publish on a click
                await beyond_statuspage.offer_comms_draft(ctx, incident_id, result.output, ts)
        except SlackFailure as failure:  # the result is stored; say so rather than lose the step
            log.warning("could not post a step result", extra={"incident_id": incident_id, "error": failure.error})
            await ctx.slack.post(channel, text.step_post_failed(result.title, failure.error))

    context = await incident_context(ctx, incident)
    try:
        await run_steps(todo, context, backend, on_result=on_result)
    except StepFailedError as failure:
        log.error("agent step failed", exc_info=failure, extra={"incident_id": incident_id, "step": failure.step})
        board.failed = failure.step
        await show()
        await ctx.slack.post(channel, text.step_failed(failure.step), thread_ts=ts)
    finally:
        for step in todo:
            await ctx.steps.release_step(incident_id, step, job_id)


class RunBoard:
    """What one run's message shows: each step waiting, running, done (its headline) or failed."""

    def __init__(self, incident_id: str, steps: list[str], results: dict[str, StepResult]) -> None:
        self.incident_id = incident_id
        self.steps = steps
        self.results = dict(results)
        self.failed: str | None = None

    def _state(self, step: str) -> tuple[str, str]:
        if step in self.results:
            return "done", headline(self.results[step])
        if step == self.failed:
            return "failed", t("text-step-state-failed")
        waiting = [n for n in get_step(step).needs if n in self.steps and n not in self.results]
        if self.failed:
            return "waiting", t("text-step-state-not-run")
        if waiting:
            return "waiting", t("text-step-state-waits-for", steps=t("text-list-separator").join(get_step(n).title.lower() for n in waiting))
        return "running", t("text-step-state-running")

    def text(self) -> str:
        if len(self.steps) == 1:
            [step] = self.steps
            return f"{get_step(step).title}: {self._state(step)[1]}"
        return text.run_progress(len(self.results), len(self.steps))

    def blocks(self) -> list[dict]:
        if len(self.steps) == 1:
            [step] = self.steps
            state, _ = self._state(step)
            return step_blocks.step_answer(self.incident_id, get_step(step), self.results.get(step), state)
        rows = [(get_step(s), *self._state(s)) for s in self.steps]
        return step_blocks.run_progress(self.incident_id, text.RUN_TITLE, rows)


async def post_result(ctx: FlowContext, channel: str, ts: str, incident_id: str, result: StepResult) -> None:
    """Show one step's answer (headline and essentials, details on demand) in the message `ts`."""
    board = RunBoard(incident_id, [result.step], {result.step: result})
    await ctx.slack.update(channel, ts, board.text(), board.blocks())


async def step_details(ctx: FlowContext, incident_id: str, step: str, actor: str) -> dict:
    """The modal with a step's whole latest answer (the button's incident is checked, never trusted)."""
    await guard.require(ctx, await ctx.store.require(incident_id), actor, Action.SUMMARY)
    result = (await ctx.steps.results(incident_id)).get(step)
    if result is None:
        raise Refused(text.no_step_result(get_step(step).title))
    return step_blocks.details_modal(get_step(step), result)
