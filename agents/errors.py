"""Errors the agent engine raises, each with a message a user can act on."""

from __future__ import annotations

from collections.abc import Iterable


class AgentError(Exception):
    """Base class for agent engine errors."""


class UnknownStepError(AgentError, KeyError):
    """A step key that is not one of the 13 workflow steps."""

    def __init__(self, step: str, valid: Iterable[str]) -> None:
        self.step = step
        self.valid = list(valid)
        super().__init__(step)

    def __str__(self) -> str:
        return f"unknown step {self.step!r}; valid steps: {', '.join(self.valid)}"


class RunbookError(AgentError):
    """A runbook file that cannot be read (bad front matter, missing fields)."""


class IncidentTypeError(AgentError):
    """An incident type data file that is missing or invalid (the message names file and field)."""


class StepFailedError(AgentError):
    """A step raised while running inside run_steps; the other steps were cancelled."""

    def __init__(self, step: str, cause: BaseException) -> None:
        self.step = step
        self.cause = cause
        super().__init__(f"step {step!r} failed: {type(cause).__name__}: {cause}")


class IncidentFileError(AgentError):
    """An exported incident file that is missing or does not hold an IncidentContext."""
