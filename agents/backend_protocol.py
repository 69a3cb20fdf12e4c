"""The one interface both backends implement: answer one step for one incident context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from agents.context import IncidentContext
from agents.models import StepOutput
from agents.result import TokenUsage
from agents.steps import StepSpec


@dataclass
class Answer:
    """A backend's answer to one step, before the runner wraps it into a StepResult."""

    output: StepOutput
    backend: Literal["claude", "offline"]
    model: str | None = None
    tokens: TokenUsage | None = None
    sources: list[str] = field(default_factory=list)
    fallback_reason: str | None = None
    attempts: int = 1


@runtime_checkable
class Backend(Protocol):
    """Anything that can answer a step: the offline engine, Claude, or a test fake."""

    name: str

    async def answer(self, spec: StepSpec, context: IncidentContext) -> Answer:
        """Produce `spec.output_model` for `context`; must not raise for API trouble."""
        ...
