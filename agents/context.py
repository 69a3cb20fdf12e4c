"""What the bot hands to a step: everything known about the incident so far."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from agents.result import StepResult


class AlertInfo(BaseModel):
    """One alert as the paging or monitoring system sent it."""

    source: str
    name: str
    status: str = "firing"
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict)
    starts_at: datetime | None = None


class TimelineEntry(BaseModel):
    """One timestamped event of the incident (declared, role assigned, decision, deploy, ...)."""

    at: datetime
    kind: str
    actor: str | None = None
    text: str


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
    step_results: dict[str, StepResult] = Field(default_factory=dict)
    evidence: dict[str, Any] = Field(default_factory=dict)

    def with_results(self, results: dict[str, StepResult]) -> IncidentContext:
        """A copy of this context with `results` added to (or replacing) its step results."""
        return self.model_copy(update={"step_results": {**self.step_results, **results}})

    def output_of(self, step: str) -> dict[str, Any] | None:
        """The structured output of an earlier step, or None when it has not run."""
        result = self.step_results.get(step)
        return result.output if result is not None else None
