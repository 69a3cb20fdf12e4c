"""Agent steps on an incident: queue a run, then (in a worker) run the DAG and post each
result in a thread of the war room as it lands.

A step that is queued or running is not started again; a job re-run after a worker died
skips the steps it already finished and reuses their thread headers.
"""

from __future__ import annotations

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
    render_markdown,
    run_steps,
)
from agents.context import TimelineKind, UpdateCadence
from bot.flows.agent_evidence import evidence_config, incident_alerts, incident_evidence
from bot.flows.context import FlowContext, Refused
from bot.incident.kinds import Role
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.scorecard import late_updates
from bot.slack.gateway import SlackFailure
from bot.flows.beyond import statuspage as beyond_statuspage
from bot.ui import step_blocks, text
from bot.ui.reply import Reply

log = logging.getLogger(__name__)


async def request_steps(ctx: FlowContext, incident: Incident, label: str, steps: list[str], actor: str) -> Reply:
    """Queue `steps` for `incident`; refuses clearly when any of them is already queued or running."""
    if not incident.channel_id:
        raise Refused(text.NOT_IN_WAR_ROOM)
    job_id = f"agents-{incident.id}-{uuid.uuid4().hex[:10]}"
    busy = await ctx.steps.claim_steps(incident.id, steps, job_id, ctx.settings.agent_job_timeout_s + 60)
    if busy:
        raise Refused(text.steps_busy(busy))
    try:
        await ctx.jobs.enqueue_steps(job_id, incident.id, steps, actor)
    except Exception:
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
        text=event.text + (f" (why: {event.reason})" if event.reason else ""),
        to=str(to) if to else None,
    )


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
    )


async def run_agent_steps(
    ctx: FlowContext, backend: Backend, job_id: str, incident_id: str, steps: list[str], actor: str
) -> None:
    """The job: run `steps` as a DAG, posting each result in its own thread as it lands."""
    incident = await ctx.store.require(incident_id)
    channel = incident.channel_id
    assert channel is not None
    progress = await ctx.steps.job_progress(job_id)
    todo = [s for level in plan(steps) for s in level if f"done:{s}" not in progress]
    headers: dict[str, str] = {}
    for step in todo:
        spec = get_step(step)
        waits_for = [n for n in spec.needs if n in todo]
        state = f"running (after {', '.join(waits_for)})" if waits_for else "running"
        ts = progress.get(f"header:{step}")
        if ts is None:
            ts = await ctx.slack.post(channel, text.step_running(spec.title), step_blocks.step_header(spec, state))
            await ctx.steps.note_job(job_id, f"header:{step}", ts)
        headers[step] = ts

    async def on_result(result: StepResult) -> None:
        await ctx.steps.save_result(incident_id, result)
        await ctx.store.append_event(
            incident_id,
            TimelineEvent(
                at=ctx.clock(),
                kind=EventKind.STEP_COMPLETED,
                actor=None,
                text=f"{result.title}: {result.summary}",
                data={"step": result.step, "backend": result.backend, "duration_ms": result.duration_ms,
                      "fallback_reason": result.fallback_reason},
            ),
        )
        await ctx.steps.note_job(job_id, f"done:{result.step}", "1")
        await ctx.steps.release_step(incident_id, result.step, job_id)
        try:
            await post_result(ctx, channel, headers[result.step], result)
            if result.step == "comms":  # its status-page text becomes a draft to publish on a click
                await beyond_statuspage.offer_comms_draft(ctx, incident_id, result.output, headers[result.step])
        except SlackFailure as failure:  # the result is stored; say so rather than lose the step
            log.warning("could not post a step result", extra={"incident_id": incident_id, "error": failure.error})
            await ctx.slack.post(channel, text.step_post_failed(result.title, failure.error))

    context = await incident_context(ctx, incident)
    try:
        await run_steps(todo, context, backend, on_result=on_result)
    except StepFailedError as failure:
        log.error("agent step failed", exc_info=failure, extra={"incident_id": incident_id, "step": failure.step})
        await ctx.slack.post(channel, text.step_failed(failure.step), thread_ts=headers.get(failure.step))
    finally:
        for step in todo:
            await ctx.steps.release_step(incident_id, step, job_id)


async def post_result(ctx: FlowContext, channel: str, header_ts: str, result: StepResult) -> None:
    spec = get_step(result.step)
    markdown = render_markdown(result)
    messages, needs_file = step_blocks.result_messages(markdown)
    for blocks in messages:
        await ctx.slack.post(channel, result.summary, blocks, thread_ts=header_ts)
    if needs_file:
        await ctx.slack.upload_text(
            channel, header_ts, f"{result.step}.md", markdown, title=f"{spec.number}. {spec.title} (full output)"
        )
    await ctx.slack.update(channel, header_ts, f"{spec.title}: {result.summary}", step_blocks.step_header(spec, "done", result))
