"""The 13 workflow steps as one table of specs.

`needs` are exactly the earlier steps whose results a step reads, in its offline code (`Facts.prior`,
`Facts.triage`) and in its Claude prompt (`prompting.results_block` sends only these), so a run waits
for nothing it does not use (tests/agents/test_step_needs.py checks both sides). Every step after
triage reads triage (severity, type, services). Facts come from the incident, not from plans: the
impact step reads the timeline's status changes, not the deploy plan or the draft status page.
`run_steps` orders a run by them; `run_step` never requires them (a comms update at minute 15
runs with whatever is known, and the answer names what is missing).
"""

from __future__ import annotations

from dataclasses import dataclass

from agents.errors import UnknownStepError
from agents.models import (
    CommsOutput,
    DebugOutput,
    DeployOutput,
    FixOutput,
    HardeningOutput,
    ImpactOutput,
    MitigateOutput,
    MonitoringOutput,
    ObserveOutput,
    PerformanceOutput,
    PostmortemOutput,
    SecurityOutput,
    StepOutput,
    TriageOutput,
)
from agents.prompts import STEP_PROMPTS


@dataclass(frozen=True)
class StepSpec:
    """What one workflow step is: its place in the workflow, its inputs, prompt and output model."""

    key: str
    number: int
    title: str
    phase: int
    role: str
    needs: tuple[str, ...]
    output_model: type[StepOutput]
    interactive: bool = True
    """Interactive steps run while people wait in the war room: short timeout."""
    max_tokens: int = 4096

    @property
    def prompt(self) -> str:
        return STEP_PROMPTS[self.key]

    @property
    def shown_title(self) -> str:
        """The title people read, in the current locale (`title` stays English for prompts)."""
        from agents.words import step_title

        return step_title(self.key, self.title)


PHASES: dict[int, str] = {
    1: "Detection and classification",
    2: "Investigation and root cause",
    3: "Resolution and recovery",
    4: "Communication and coordination",
    5: "Postmortem and prevention",
}

_SPECS: tuple[StepSpec, ...] = (
    StepSpec("triage", 1, "Detect and classify", 1, "incident-responder", (), TriageOutput),
    StepSpec("observe", 2, "Observability scan", 1, "observability-engineer", (),
             ObserveOutput),
    StepSpec("mitigate", 3, "Initial mitigation", 1, "incident-responder", ("triage",),
             MitigateOutput),
    StepSpec("debug", 4, "Deep debugging", 2, "debugger", ("triage", "observe", "mitigate"),
             DebugOutput),
    StepSpec("security", 5, "Security assessment", 2, "security-auditor", ("triage", "debug"),
             SecurityOutput),
    StepSpec("performance", 6, "Performance analysis", 2, "performance-engineer",
             ("triage", "mitigate", "debug"), PerformanceOutput),
    StepSpec("fix", 7, "Fix implementation", 3, "backend-architect",
             ("triage", "debug", "security", "performance"), FixOutput),
    StepSpec("deploy", 8, "Deploy and verify", 3, "deployment-engineer",
             ("triage", "mitigate", "fix"), DeployOutput),
    StepSpec("comms", 9, "Stakeholder communication", 4, "content-writer",
             ("triage", "mitigate", "debug"), CommsOutput),
    StepSpec("impact", 10, "Customer impact", 4, "incident-responder", ("triage",),
             ImpactOutput),
    StepSpec("postmortem", 11, "Blameless postmortem", 5, "docs-architect",
             ("triage", "mitigate", "debug", "security", "performance", "impact"),
             PostmortemOutput, interactive=False, max_tokens=8192),
    StepSpec("monitoring", 12, "Monitoring and alerting", 5, "observability-engineer",
             ("triage", "debug", "postmortem"), MonitoringOutput, interactive=False),
    StepSpec("hardening", 13, "System hardening", 5, "backend-architect",
             ("triage", "performance", "postmortem"), HardeningOutput, interactive=False),
)

STEPS: dict[str, StepSpec] = {spec.key: spec for spec in _SPECS}
STEP_KEYS: tuple[str, ...] = tuple(STEPS)


def get_step(key: str) -> StepSpec:
    """The spec of one step; UnknownStepError (listing the valid keys) for anything else."""
    try:
        return STEPS[key]
    except KeyError:
        raise UnknownStepError(key, STEP_KEYS) from None


def phase_steps(phase: int) -> list[str]:
    """The step keys of one phase (1-5), in workflow order."""
    if phase not in PHASES:
        raise ValueError(f"phase must be one of 1-5, got {phase!r}")
    return [spec.key for spec in _SPECS if spec.phase == phase]


def ancestors(key: str) -> list[str]:
    """Every step `key` depends on, directly or not, in workflow order."""
    seen: set[str] = set()
    stack = list(get_step(key).needs)
    while stack:
        need = stack.pop()
        if need not in seen:
            seen.add(need)
            stack.extend(STEPS[need].needs)
    return [k for k in STEP_KEYS if k in seen]
