"""StepResult -> Markdown, for Slack threads and exported files.

Headings (`## `) start each section so the bot can split the text into Block Kit sections. The
layout follows the output model's field order; field labels live in `LABELS`.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from agents.result import StepResult
from agents.steps import STEPS

LABELS: dict[str, str] = {
    "slo_status": "SLO status",
    "update_cadence_minutes": "Update cadence (minutes)",
    "five_whys": "Five whys",
    "ic_coordination": "IC coordination",
    "sla_analysis": "SLA analysis",
    "next_update_in_minutes": "Next update (minutes)",
    "what_went_well": "What went well",
    "what_to_improve": "What to improve",
    "slo_adjustments": "SLI/SLO adjustments",
    "trace_analysis": "Trace analysis",
    "severity_source": "Severity source",
}
HEADLINE_FIELDS = {"severity", "incident_type", "severity_source", "confidence",
                   "security_related", "deployment_status", "root_cause_confidence",
                   "deployment_strategy", "rollback_ready", "update_cadence_minutes",
                   "next_update_in_minutes", "strategy"}


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def _scalar(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, str) and value.replace("_", "").isalnum() and "_" in value:
        return value.replace("_", " ")
    return str(value)


def _item_line(item: dict[str, Any], skip: tuple[str, ...] = ()) -> str:
    """One list item: first text field bold, second plain, the rest in parentheses."""
    texts = [(k, v) for k, v in item.items() if isinstance(v, str) and v and k not in skip]
    rest = [(k, v) for k, v in item.items()
            if (k, v) not in texts and v not in (None, [], "") and k not in skip]
    parts = []
    if texts:
        parts.append(f"**{texts[0][1]}**")
    if len(texts) > 1:
        parts.append(texts[1][1])
    extra = [f"{label(k).lower()}: {_scalar(v)}" for k, v in texts[2:]]
    for key, value in rest:
        if isinstance(value, list):
            value = "; ".join(_scalar(v) if not isinstance(v, dict) else _item_line(v)
                              for v in value)
        extra.append(f"{label(key).lower()}: {_scalar(value)}")
    line = " — ".join(parts)
    if extra:
        line += f" _({' · '.join(extra)})_"
    return line


def _section(name: str, value: Any) -> list[str]:
    if value in (None, "", []):
        return []
    lines = [f"## {label(name)}"]
    if isinstance(value, str):
        lines.append(value)
    elif isinstance(value, dict):
        for key, sub in value.items():
            if isinstance(sub, list):
                lines.append(f"**{label(key)}:**")
                lines += [f"- {_scalar(s) if not isinstance(s, dict) else _item_line(s)}"
                          for s in sub] or ["- none"]
            else:
                lines.append(f"**{label(key)}:** {_scalar(sub)}")
    elif isinstance(value, list):
        for entry in value:
            if not isinstance(entry, dict):
                lines.append(f"- {_scalar(entry)}")
                continue
            nested = tuple(k for k, v in entry.items() if isinstance(v, list) and len(v) > 1)
            lines.append(f"- {_item_line(entry, skip=nested)}")
            for key in nested:
                lines.append(f"  - {label(key)}:")
                lines += [f"    - {_scalar(v) if not isinstance(v, dict) else _item_line(v)}"
                          for v in entry[key]]
    else:
        lines.append(_scalar(value))
    return lines + [""]


def _meta(result: StepResult) -> str:
    bits = [result.backend + (f" ({result.model})" if result.model else "")]
    bits.append(f"{result.duration_ms:.0f} ms")
    if result.tokens:
        t = result.tokens
        bits.append(f"tokens in {t.input_tokens} / out {t.output_tokens}"
                    f" / cache read {t.cache_read_input_tokens}"
                    f" / cache write {t.cache_creation_input_tokens}")
    if result.fallback_reason:
        bits.append(f"fell back to offline: {result.fallback_reason}")
    if result.missing_inputs:
        bits.append("ran without: " + ", ".join(result.missing_inputs))
    return "_" + " · ".join(bits) + "_"


def render_markdown(result: StepResult) -> str:
    """Readable Markdown for one step result: header, key facts, one section per field."""
    spec = STEPS.get(result.step)
    number = f"{spec.number}. " if spec else ""
    lines = [f"# {number}{result.title}", f"**{result.summary}**", _meta(result), ""]
    output = result.output
    if spec is not None:  # use the model's field order when the output still validates
        try:
            output = spec.output_model.model_validate(result.output).model_dump(mode="json")
        except ValidationError:
            output = result.output
    facts = [f"**{label(k)}:** {_scalar(v)}" for k, v in output.items() if k in HEADLINE_FIELDS]
    if facts:
        lines += [" · ".join(facts), ""]
    for key, value in output.items():
        if key not in HEADLINE_FIELDS:
            lines += _section(key, value)
    if result.sources:
        lines += ["## Sources"] + [f"- {s}" for s in result.sources] + [""]
    return "\n".join(lines).rstrip() + "\n"
