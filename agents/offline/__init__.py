"""The offline engine: rules, runbooks, evidence and templates; no network, deterministic.

One function per step, grouped by phase (`detect`, `investigate`, `resolve`, `communicate`,
`learn`); each reads the incident through `Facts` and names what it does not know.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from agents.backend_protocol import Answer
from i18n import reading_in
from agents.context import IncidentContext
from agents.incident_types import load_incident_types
from agents.models import StepOutput
from agents.offline import communicate, detect, investigate, learn, resolve
from agents.offline.facts import Facts
from agents.redact import redact, redact_data
from agents.runbooks import Runbook, load_runbooks
from agents.steps import StepSpec

STEP_FUNCTIONS: dict[str, Callable[[Facts], StepOutput]] = {
    "triage": detect.triage,
    "observe": detect.observe,
    "mitigate": detect.mitigate,
    "debug": investigate.debug,
    "security": investigate.security,
    "performance": investigate.performance,
    "fix": resolve.fix,
    "deploy": resolve.deploy,
    "comms": communicate.comms,
    "impact": communicate.impact,
    "postmortem": learn.postmortem,
    "monitoring": learn.monitoring,
    "hardening": learn.hardening,
}


class OfflineBackend:
    """Answers every step without an LLM. `runbooks` or `runbook_dir` override the shipped set;
    `types_dir` the incident type data files (default `$INCIDENT_TYPES_DIR` or runbooks/types/)."""

    name = "offline"

    def __init__(
        self,
        runbooks: tuple[Runbook, ...] | None = None,
        runbook_dir: Path | str | None = None,
        types_dir: Path | str | None = None,
    ) -> None:
        self._runbooks = runbooks if runbooks is not None else load_runbooks(runbook_dir)
        self._types = load_incident_types(types_dir)

    def answer_now(self, spec: StepSpec, context: IncidentContext) -> Answer:
        """The synchronous core of `answer` (pure CPU, a few milliseconds)."""
        facts = Facts(context=context, runbook_library=self._runbooks, types=self._types,
                      needs=spec.needs)
        with reading_in(context.locale):  # every sentence the engine writes, in the incident's language
            output = STEP_FUNCTIONS[spec.key](facts)
        clean = spec.output_model.model_validate(redact_data(output.model_dump(mode="json")))
        return Answer(output=clean, backend="offline", sources=[redact(s) for s in facts.cited])

    async def answer(self, spec: StepSpec, context: IncidentContext) -> Answer:
        return self.answer_now(spec, context)


__all__ = ["OfflineBackend", "STEP_FUNCTIONS"]
