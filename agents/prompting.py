"""How an incident is written into a Claude request.

The request has three parts, ordered for prompt caching (tools, then system, then messages):
1. system block 1: `prompts.COMMON`, identical for every step and incident;
2. system block 2: the incident itself (declaration, roles, alerts, timeline, evidence and the
   matching runbooks), marked `cache_control: ephemeral`; it does not depend on step results, so
   every step of one incident sends the same prefix;
3. the user turn: the earlier step results this step needs, then the step's instructions.
Everything passes through `redact` first.
"""

from __future__ import annotations

import json
from typing import Any

from agents.classify import classify
from agents.context import IncidentContext
from agents.prompts import COMMON
from agents.redact import redact
from agents.runbooks import Runbook, RunbookMatch, match_runbooks
from agents.steps import STEP_KEYS, StepSpec

MAX_TIMELINE = 200
MAX_EVIDENCE_CHARS = 20_000
MAX_RESULT_CHARS = 12_000


def incident_runbooks(
    context: IncidentContext, library: tuple[Runbook, ...] | None = None
) -> list[RunbookMatch]:
    """The runbooks written into the cached block: chosen from the incident, not from step
    results, so the cached prefix stays the same for every step."""
    itype = context.incident_type or classify(context).incident_type
    return match_runbooks(context, library, incident_type=itype, limit=2)


def _dump(value: Any, limit: int) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str, indent=1)
    return text if len(text) <= limit else text[:limit] + f"\n... [truncated, {len(text)} chars]"


def incident_block(context: IncidentContext, runbooks: list[RunbookMatch]) -> str:
    lines = [
        f"# Incident {context.incident_id}: {context.title}",
        f"Declared at: {context.declared_at.isoformat()}",
        f"Status: {context.status}",
        f"Declared severity: {context.severity or 'not set'}",
        f"Declared type: {context.incident_type or 'not set'}",
    ]
    if context.resolved_at:
        lines.append(f"Resolved at: {context.resolved_at.isoformat()}")
    if context.description:
        lines += ["", "## Description", context.description]
    lines += ["", "## Roles"]
    lines += [f"- {role}: {', '.join(names) or 'unassigned'}"
              for role, names in context.roles.items()] or ["- none assigned"]
    lines += ["", "## Services named", ", ".join(context.services) or "none named"]
    lines += ["", "## Alerts"]
    for alert in context.alerts:
        lines.append(f"- [{alert.status}] {alert.source}/{alert.name} since "
                     f"{alert.starts_at.isoformat() if alert.starts_at else 'unknown'} "
                     f"labels={json.dumps(alert.labels, ensure_ascii=False)} "
                     f"annotations={json.dumps(alert.annotations, ensure_ascii=False)}")
    if not context.alerts:
        lines.append("- no alerts attached")
    lines += ["", "## Stakeholder updates"]
    every = context.updates.every_minutes
    lines.append(f"- updates.every_minutes: {every:g}" if every else
                 "- updates.every_minutes: null (no update cadence at this severity)")
    lines += [f"- late: due {u.due_at.isoformat()}, "
              + (f"posted {u.posted_at.isoformat()}" if u.posted_at else "still missing")
              + f" ({u.late_by_minutes:g} min late)" for u in context.updates.late]
    lines += ["", "## Timeline"]
    entries = sorted(context.timeline, key=lambda e: e.at)[-MAX_TIMELINE:]
    lines += [f"- {e.at.isoformat()} [{e.kind}] {e.actor or '-'}: {e.text}" for e in entries]
    if not entries:
        lines.append("- no entries yet")
    lines += ["", "## Evidence"]
    gathered = context.evidence.model_dump(mode="json", exclude_defaults=True)
    lines.append(_dump(gathered, MAX_EVIDENCE_CHARS) if gathered
                 else "No evidence gathered (no metrics, logs or traces source connected).")
    lines += ["", "## Runbooks that match this incident"]
    for match in runbooks:
        lines += [f"### {match.path} (matched on {match.reason})", match.runbook.body.strip()]
        if match.runbook.mitigations:
            lines.append("Mitigations: " + " | ".join(
                f"{m.action} [kind {m.kind}; risk: {m.risk}]" for m in match.runbook.mitigations))
        if match.runbook.checks:
            lines.append("Checks: " + " | ".join(match.runbook.checks))
    if not runbooks:
        lines.append("No runbook matched.")
    return "\n".join(lines)


def results_block(spec: StepSpec, context: IncidentContext) -> str:
    keys = list(spec.needs)  # exactly what the step waits for in a run (agents/steps.py)
    if not keys:
        return "No earlier step results are needed for this step."
    parts = ["# Earlier step results"]
    for key in keys:
        result = context.step_results.get(key)
        if result is None:
            parts.append(f"## {key}: not run yet (say what is missing because of it)")
            continue
        parts.append(f"## {key} ({result.title}; {result.backend}): {result.summary}")
        parts.append(_dump(result.output, MAX_RESULT_CHARS))
    return "\n".join(parts)


def build_request(
    spec: StepSpec,
    context: IncidentContext,
    runbooks: list[RunbookMatch],
    *,
    secrets: tuple[str, ...] = (),
    cache_ttl: str | None = None,
) -> dict[str, Any]:
    """`system` and `messages` for `messages.parse`, redacted, with the cache breakpoint set."""
    cache: dict[str, str] = {"type": "ephemeral"}
    if cache_ttl:
        cache["ttl"] = cache_ttl
    system = [
        {"type": "text", "text": COMMON},
        {"type": "text", "text": redact(incident_block(context, runbooks), secrets),
         "cache_control": cache},
    ]
    task = (f"Step {spec.number} of {len(STEP_KEYS)}: {spec.title} (agent role: {spec.role}).\n\n"
            f"{spec.prompt}")
    messages = [{
        "role": "user",
        "content": [
            {"type": "text", "text": redact(results_block(spec, context), secrets)},
            {"type": "text", "text": task},
        ],
    }]
    return {"system": system, "messages": messages}
