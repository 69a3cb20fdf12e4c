"""Triage's answer flows back into the incident (issue 10 §2): the type goes on the card when no
person chose one, and a severity that differs from the declared one becomes a suggestion the
incident commander accepts or keeps. Every outcome lands on the timeline."""

from __future__ import annotations

import logging

from agents import IncidentContext, StepResult
from agents.classify import classify
from bot.flows import changes, guard
from bot.flows.context import FlowContext
from bot.incident.access import Action
from bot.incident.kinds import IncidentType
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.severity import Severity
from bot.ui import text, triage_blocks
from i18n import t

log = logging.getLogger(__name__)


def suggested_severity(result: StepResult, context: IncidentContext, declared: Severity) -> tuple[Severity, str] | None:
    """The severity triage reads from the incident when it is not the declared one, with why.
    Triage keeps a declared severity in its answer; its own verdict (the classifier's, before
    the declared one is applied) is what the commander is asked about."""
    answered = result.output.get("severity")
    if answered and answered != declared.value:
        return Severity(answered), str(result.output.get("reason", ""))
    verdict = classify(context.model_copy(update={"severity": None}))
    if verdict.rule_severity != declared.value:
        return Severity(verdict.rule_severity), verdict.reason
    return None


async def apply(ctx: FlowContext, incident_id: str, result: StepResult, context: IncidentContext) -> None:
    """After triage: set the type if nobody did, and ask the IC about a different severity."""
    incident = await ctx.store.require(incident_id)
    answered_type = result.output.get("incident_type")
    if incident.incident_type is None and answered_type in {t.value for t in IncidentType}:
        incident = await _set_type(ctx, incident, IncidentType(answered_type))
    if not incident.is_open or not incident.channel_id:
        return  # a severity suggestion on a resolved incident helps nobody
    suggestion = suggested_severity(result, context, incident.severity)
    if suggestion is None:
        return
    severity, why = suggestion
    await ctx.store.append_event(incident_id, TimelineEvent(
        at=ctx.clock(), kind=EventKind.NOTE, actor=None,
        text=t("text3-note-triage-suggested", suggested=severity.value, declared=incident.severity.value),
        data={"suggested_severity": severity.value, "declared": incident.severity.value},
    ))
    await ctx.slack.post(
        incident.channel_id,
        text.severity_suggested(incident.roles.incident_commander, severity.value, incident.severity.value),
        triage_blocks.severity_suggestion(incident, severity, why),
    )


async def _set_type(ctx: FlowContext, incident: Incident, incident_type: IncidentType) -> Incident:
    now = ctx.clock()

    def change(record: Incident) -> bool:
        if record.incident_type is not None:  # a person chose one meanwhile: theirs stands
            return False
        record.incident_type = incident_type
        return True

    def event(record: Incident, changed: bool) -> list[TimelineEvent]:
        if not changed:
            return []
        return [TimelineEvent(at=now, kind=EventKind.NOTE, actor=None,
                              text=t("text3-note-triage-classified", type=incident_type.label.lower()),
                              data={"incident_type": incident_type.value, "set_by": "triage"})]

    updated, changed = await ctx.store.update(incident.id, change, event)
    if changed:
        await changes.refresh_card(ctx, updated)
    return updated


async def accept(ctx: FlowContext, incident_id: str, severity: Severity, actor: str) -> Incident:
    """The IC takes triage's severity: an ordinary severity change, with its reason."""
    return await changes.set_severity(ctx, incident_id, severity, actor, reason=text.TRIAGE_SUGGESTION_REASON)


async def keep(ctx: FlowContext, incident_id: str, suggested: Severity, actor: str) -> Incident:
    """The IC keeps the declared severity: recorded as a decision on the timeline."""
    incident = await ctx.store.require(incident_id)
    await guard.require(ctx, incident, actor, Action.SEVERITY)
    await ctx.store.append_event(incident_id, TimelineEvent(
        at=ctx.clock(), kind=EventKind.DECISION, actor=actor,
        text=t("text3-decision-severity-kept", kept=incident.severity.value, suggested=suggested.value),
        data={"kept": incident.severity.value, "suggested": suggested.value},
    ))
    return incident
