"""How an incident is written into a Claude request, laid out so prompt caching pays.

Anthropic caches a prompt prefix in the order tools -> system -> messages, up to a
`cache_control` breakpoint (at most 4 per request; a prefix under the model's minimum cacheable
length is not cached). A different `output_config.format` invalidates the cache (structured-outputs
docs), so one schema per step would give every step its own prefix and nothing would be read
across steps. Instead every request carries the same tools, one strict tool per step (its input
schema is the step's output model), and `tool_choice` forces the step's tool; a `tool_choice`
change invalidates only message blocks (prompt-caching docs, "What invalidates the cache"), so:

1. `tools`: every step's tool, in workflow order, identical for every step and incident;
2. system block 1: `prompts.COMMON` - breakpoint 1 (tools + instructions, shared by every incident);
3. system block 2: the incident itself (declaration, roles, alerts, timeline, evidence and the
   matching runbooks; no step results) - breakpoint 2 (shared by every step of one incident);
4. the user turn, after the breakpoints: the earlier step results this step needs, then the
   step's instructions.
Everything passes through `redact` first.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from anthropic.lib._parse._transform import transform_schema
from pydantic import TypeAdapter

from agents.classify import classify
from agents.context import IncidentContext
from agents.prompts import COMMON
from agents.redact import redact
from agents.runbooks import Runbook, RunbookMatch, match_runbooks
from agents.steps import STEP_KEYS, STEPS, StepSpec

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


# Only the human-readable text changes language: enum values, ids, keys and numbers are what the
# bot parses, so they stay exactly as the schema says. In the user turn, after the cache
# breakpoints, so the cached prefix stays one for every language.
LANGUAGE_INSTRUCTIONS: dict[str, str] = {
    "zh-TW": (
        "Write every human-readable field (summaries, sentences, titles, explanations, drafts) in "
        "Traditional Chinese as used in Taiwan (zh-TW), with full-width punctuation and the terms "
        "Taiwanese SRE teams use (事件, 嚴重度, 戰情室, 緩解, 根本原因, 回滾, 部署, 事後檢討, 行動項目). "
        "Keep enum values, ids, field names, service names, metric names, commands, URLs and "
        "numbers exactly as they are (machine-readable, in English)."
    ),
}


def language_instruction(locale: str) -> str:
    """The sentence that tells Claude which language people read ("" for English)."""
    text = LANGUAGE_INSTRUCTIONS.get(locale)
    return f"\n\n{text}" if text else ""


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


def tool_name(spec: StepSpec) -> str:
    return f"answer_{spec.key}"


def _all_required(node: Any) -> Any:
    """Every object property required (a defaulted field is not optional for Claude): strict
    tools allow 24 optional parameters across all tools of a request, and 13 step models have
    79 defaulted fields. `X | None` stays a union, which strict tools allow 16 of."""
    if isinstance(node, dict):
        node = {key: _all_required(value) for key, value in node.items()}
        if node.get("type") == "object" and "properties" in node:
            node["required"] = list(node["properties"])
        return node
    if isinstance(node, list):
        return [_all_required(item) for item in node]
    return node


@cache
def _tool(spec: StepSpec) -> dict[str, Any]:
    schema = _all_required(transform_schema(TypeAdapter(spec.output_model).json_schema()))
    return {"name": tool_name(spec), "strict": True, "input_schema": schema,
            "description": f"Record the answer of step {spec.number}: {spec.title}."}


def step_tools(spec: StepSpec) -> list[dict[str, Any]]:
    """The same tools for every workflow step (one per step, workflow order); a step outside
    the workflow (the catch-up) is added after them, so it alone misses the shared prefix."""
    tools = [_tool(STEPS[key]) for key in STEP_KEYS]
    if spec.key not in STEPS:
        tools.append(_tool(spec))
    return [dict(tool) for tool in tools]


def build_request(
    spec: StepSpec,
    context: IncidentContext,
    runbooks: list[RunbookMatch],
    *,
    secrets: tuple[str, ...] = (),
    cache_ttl: str | None = None,
) -> dict[str, Any]:
    """`tools`, `tool_choice`, `system` and `messages` for `messages.create`, redacted, with two
    cache breakpoints (after the instructions, after the incident)."""
    cache: dict[str, str] = {"type": "ephemeral"}
    if cache_ttl:
        cache["ttl"] = cache_ttl
    system = [
        {"type": "text", "text": COMMON, "cache_control": dict(cache)},
        {"type": "text", "text": redact(incident_block(context, runbooks), secrets),
         "cache_control": dict(cache)},
    ]
    task = (f"Step {spec.number} of {len(STEP_KEYS)}: {spec.title} (agent role: {spec.role}).\n"
            f"Answer by calling the tool {tool_name(spec)}.\n\n{spec.prompt}"
            + language_instruction(context.locale))
    messages = [{
        "role": "user",
        "content": [
            {"type": "text", "text": redact(results_block(spec, context), secrets)},
            {"type": "text", "text": task},
        ],
    }]
    return {"tools": step_tools(spec), "tool_choice": {"type": "tool", "name": tool_name(spec)},
            "system": system, "messages": messages}
