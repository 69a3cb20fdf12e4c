"""What the bot hands to a step: everything known about the incident so far."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field

from agents.evidence.models import IncidentEvidence
from agents.result import StepResult


class AlertInfo(BaseModel):
    """One alert as the paging or monitoring system sent it."""

    source: str
    name: str
    status: str = "firing"
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict)
    starts_at: datetime | None = None


# The longest incident title, wherever it comes from (a command, the form, an alert, the CLI):
# Block Kit's header limit, so the card shows a title whole.
MAX_TITLE = 150

# The kinds of timeline event the agents understand: the one vocabulary between the bot and the
# engine. The bot maps each of its own event kinds onto one of these (bot/flows/agent_steps.py),
# and the offline engine looks only for these.
TimelineKind = Literal[
    "declared",
    "role_assigned",
    "severity_changed",
    "status_changed",  # `to` holds the new status; "monitoring" means mitigated
    "resolved",
    "reopened",
    "status_update",  # a stakeholder update was posted
    "update_overdue",  # a reminder or escalation for a missing update
    "agent_step",  # an agent step finished
    "decision",
    "message",  # a war-room message the team captured (pinned or marked)
    "note",
    "postmortem",
    "alert_firing",
    "alert_resolved",
    "deploy",
]
TIMELINE_KINDS: tuple[str, ...] = get_args(TimelineKind)


class TimelineEntry(BaseModel):
    """One timestamped event of the incident (declared, role assigned, decision, deploy, ...)."""

    at: datetime
    kind: TimelineKind
    actor: str | None = None
    text: str
    to: str | None = Field(
        None, description="For status_changed / severity_changed: the new status or severity."
    )


class LateUpdate(BaseModel):
    """A stakeholder update that came after it was due, or is still missing."""

    due_at: datetime
    posted_at: datetime | None = Field(None, description="None: still missing")
    late_by_minutes: float


class UpdateCadence(BaseModel):
    """How often stakeholders were owed an update and which updates were late, as the bot
    tracked them: the one source of truth for "late" (the engine never recomputes it)."""

    every_minutes: float | None = Field(None, description="None: no cadence at this severity")
    late: list[LateUpdate] = Field(default_factory=list)


class IncidentContext(BaseModel):
    """The incident as known now, including every earlier step's result (by step key)."""

    incident_id: str
    title: str
    description: str = ""
    severity: str | None = None
    incident_type: str | None = None
    status: str = "investigating"
    declared_at: datetime
    resolved_at: datetime | None = None
    roles: dict[str, list[str]] = Field(default_factory=dict)
    services: list[str] = Field(default_factory=list)
    alerts: list[AlertInfo] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    updates: UpdateCadence = Field(
        default_factory=UpdateCadence,
        description="The update cadence at this severity and the late updates; from the bot.",
    )
    step_results: dict[str, StepResult] = Field(default_factory=dict)
    evidence: IncidentEvidence = Field(default_factory=IncidentEvidence)
    locale: str = Field("en", description="The language people read the answers in (INCIDENT_LOCALE).")

    def with_results(self, results: dict[str, StepResult]) -> IncidentContext:
        """A copy of this context with `results` added to (or replacing) its step results."""
        return self.model_copy(update={"step_results": {**self.step_results, **results}})

    def output_of(self, step: str) -> dict[str, Any] | None:
        """The structured output of an earlier step, or None when it has not run."""
        result = self.step_results.get(step)
        return result.output if result is not None else None
