"""The Slack-agnostic agent engine: 13 incident-response steps, two backends, a DAG runner.

The bot hands over an IncidentContext and gets StepResults back:

    from agents import IncidentContext, OfflineBackend, run_steps, phase_steps
    results = await run_steps(phase_steps(1), context, OfflineBackend(), on_result=post)
"""

from agents.backend import make_backend
from agents.backend_protocol import Answer, Backend
from agents.context import AlertInfo, IncidentContext, TimelineEntry
from agents.errors import (
    AgentError,
    IncidentFileError,
    IncidentTypeError,
    RunbookError,
    StepFailedError,
    UnknownStepError,
)
from agents.incident_types import IncidentTypeProfile, IncidentTypes, load_incident_types
from agents.offline import OfflineBackend
from agents.render import render_markdown
from agents.result import StepResult, TokenUsage
from agents.runbooks import Runbook, RunbookMatch, load_runbooks, match_runbooks
from agents.runner import plan, run_step, run_steps, select_steps
from agents.settings import AgentSettings
from agents.steps import PHASES, STEP_KEYS, STEPS, StepSpec, get_step, phase_steps

__all__ = [
    "AgentError",
    "AgentSettings",
    "AlertInfo",
    "Answer",
    "Backend",
    "ClaudeBackend",
    "IncidentContext",
    "IncidentFileError",
    "IncidentTypeError",
    "IncidentTypeProfile",
    "IncidentTypes",
    "OfflineBackend",
    "PHASES",
    "Runbook",
    "RunbookError",
    "RunbookMatch",
    "STEPS",
    "STEP_KEYS",
    "StepFailedError",
    "StepResult",
    "StepSpec",
    "TimelineEntry",
    "TokenUsage",
    "UnknownStepError",
    "get_step",
    "load_incident_types",
    "load_runbooks",
    "make_backend",
    "match_runbooks",
    "phase_steps",
    "plan",
    "render_markdown",
    "run_step",
    "run_steps",
    "select_steps",
]


def __getattr__(name: str):
    # The anthropic SDK is large (thousands of modules, ~75 MiB): load it only when Claude is
    # actually used, so an offline bot starts fast and its garbage collector has less to walk.
    if name == "ClaudeBackend":
        from agents.claude import ClaudeBackend

        return ClaudeBackend
    raise AttributeError(f"module 'agents' has no attribute {name!r}")
