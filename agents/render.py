"""StepResult -> Markdown, for Slack threads and exported files.

Headings (`## `) start each section so the bot can split the text into Block Kit sections. The
layout follows the output model's field order; field labels live in `LABELS`.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from agents.result import StepResult
from agents.steps import STEPS
from agents.words import enum_word, field_label, value_shown
from i18n import t

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
    return field_label(name)  # the catalogue holds these (agents-words.ftl), in every locale


def _scalar(value: Any) -> str:
    if value is None:
        return t("agents-render-none")
    if isinstance(value, bool):
        return t("agents-render-yes") if value else t("agents-render-no")
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, str) and (word := enum_word(value)) is not None:
        return word
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
        parts.append(f"**{value_shown(texts[0][1])}**")
    if len(texts) > 1:
        parts.append(value_shown(texts[1][1]))
    extra = [t("agents-render-pair", label=label(k).lower(), value=_scalar(v)) for k, v in texts[2:]]
    for key, value in rest:
        if isinstance(value, list):
            value = t("agents-render-meta-separator").join(_scalar(v) if not isinstance(v, dict) else _item_line(v)
                              for v in value)
        extra.append(t("agents-render-pair", label=label(key).lower(), value=_scalar(value)))
    line = " — ".join(parts)
    if extra:
        line += f" _({' · '.join(extra)})_"
    return line


def _section(name: str, value: Any) -> list[str]:
    if value in (None, "", []):
        return []
    lines = ["## " + label(name)]
    if isinstance(value, str):
        lines.append(value)
    elif isinstance(value, dict):
        for key, sub in value.items():
            if isinstance(sub, list):
                lines.append(t("agents-render-bold-label", label=label(key)))
                lines += [f"- {_scalar(s) if not isinstance(s, dict) else _item_line(s)}"
                          for s in sub] or ["- " + t("agents-render-none")]
            else:
                lines.append(t("agents-render-bold-pair", label=label(key), value=_scalar(sub)))
    elif isinstance(value, list):
        for entry in value:
            if not isinstance(entry, dict):
                lines.append(f"- {_scalar(entry)}")
                continue
            nested = tuple(k for k, v in entry.items() if isinstance(v, list) and len(v) > 1)
            lines.append(f"- {_item_line(entry, skip=nested)}")
            for key in nested:
                lines.append("  - " + t("agents-render-label", label=label(key)))
                lines += [f"    - {_scalar(v) if not isinstance(v, dict) else _item_line(v)}"
                          for v in entry[key]]
    else:
        lines.append(_scalar(value))
    return lines + [""]


def _meta(result: StepResult) -> str:
    """Where the answer came from, in words (no phases, roles or `offline · 2 ms` jargon)."""
    if result.fallback_reason:
        bits = [t("agents-render-meta-fallback", reason=result.fallback_reason)]
    elif result.backend == "claude":
        bits = [t("agents-render-meta-claude-model", model=result.model) if result.model
                else t("agents-render-meta-claude")]
    else:
        bits = [t("agents-render-meta-offline")]
    seconds = result.duration_ms / 1000
    bits[0] += t("agents-render-meta-seconds", seconds=f"{seconds:.1f}") if seconds >= 1 else t("agents-render-meta-fast")
    if result.tokens:
        used = result.tokens
        bits.append(t("agents-render-meta-tokens",
                      read=f"{used.input_tokens + used.cache_read_input_tokens + used.cache_creation_input_tokens:,}",
                      cached=f"{used.cache_read_input_tokens:,}", cache_written=f"{used.cache_creation_input_tokens:,}",
                      written=f"{used.output_tokens:,}"))
    if result.missing_inputs:
        bits.append(t("agents-render-meta-missing", steps=t("agents-render-list-separator").join(
            STEPS[k].shown_title.lower() if k in STEPS else k for k in result.missing_inputs)))
    if result.unfounded_claims:
        bits.append(t("agents-render-meta-unfounded", claims=t("agents-render-list-separator").join(
            label(k).lower() for k in result.unfounded_claims)))
    return "_" + t("agents-render-meta-separator").join(bits) + "_"


def render_markdown(result: StepResult) -> str:
    """Readable Markdown for one step result: header, key facts, one section per field."""
    spec = STEPS.get(result.step)
    number = f"{spec.number}. " if spec else ""
    title = spec.shown_title if spec else result.title
    lines = [f"# {number}{title}", f"**{result.summary}**", _meta(result), ""]
    output = result.output
    if spec is not None:  # use the model's field order when the output still validates
        try:
            output = spec.output_model.model_validate(result.output).model_dump(mode="json")
        except ValidationError:
            output = result.output
    facts = [t("agents-render-bold-pair", label=label(k), value=_scalar(v)) for k, v in output.items() if k in HEADLINE_FIELDS]
    if facts:
        lines += [" · ".join(facts), ""]
    for key, value in output.items():
        if key not in HEADLINE_FIELDS:
            lines += _section(key, value)
    if result.sources:
        lines += ["## " + t("agents-render-sources")] + [f"- {s}" for s in result.sources] + [""]
    return "\n".join(lines).rstrip() + "\n"


# --- for people: a headline and the essentials (short answers, details on demand) -------------

HEADLINE_MAX = 150
ESSENTIALS_MAX = 1200
ROLE_NAMES = {"incident_commander": "incident commander", "tech_lead": "tech lead",
              "comms_lead": "communications lead", "sme": "subject-matter expert"}


def _enum_words() -> dict[str, str]:
    """Every snake_case value the step models allow (types, roles, kinds), in words: these are
    the internal names a person must never read raw."""
    from typing import Literal, get_args, get_origin

    from pydantic import BaseModel

    found: dict[str, str] = {}

    def walk(annotation: Any, seen: set[type]) -> None:
        if get_origin(annotation) is Literal:
            for value in get_args(annotation):
                if isinstance(value, str) and "_" in value:
                    found[value] = ROLE_NAMES.get(value, value.replace("_", " "))
            return
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.add(annotation)
            for field in annotation.model_fields.values():
                walk(field.annotation, seen)
            return
        for arg in get_args(annotation):
            walk(arg, seen)

    seen: set[type] = set()
    for spec in STEPS.values():
        walk(spec.output_model, seen)
    return found


_WORDS = _enum_words()
_WORD_RE = re.compile(r"\*?\b(" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True)) + r")\b\*?")


def humanise(text: str) -> str:
    """Internal names in words: snake_case enum values get spaces, "*incident_commander*"
    -> "incident commander", "1 optimisations" -> "1 optimisation"."""
    text = _WORD_RE.sub(lambda m: enum_word(m.group(1)) or _WORDS[m.group(1)], text)
    return re.sub(r"\b1 (\w+?)s\b", r"1 \1", text)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:·-")
    return cut + "…"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _get(output: dict[str, Any], *path: str, default: Any = None) -> Any:
    value: Any = output
    for key in path:
        if not isinstance(value, dict):
            return default
        value = value.get(key)
    return default if value in (None, "", []) else value


def _word(value: Any, default: str = "?") -> str:
    """An enum value in words of the current locale; other values as they are."""
    if value in (None, ""):
        return default
    return (enum_word(value) if isinstance(value, str) else None) or str(value)


def _triage(o: dict[str, Any]) -> str:
    services = ", ".join(s.get("name", "") for s in o.get("affected_services", [])[:3]) or t("agents-headline-services-unknown")
    return t("agents-headline-triage", severity=_word(o.get("severity")),
             type=_word(o.get("incident_type"), t("agents-headline-type-unknown")),
             services=services, confidence=_word(o.get("confidence")))


def _observe(o: dict[str, Any]) -> str:
    anomalies = o.get("anomalies") or []
    if anomalies:
        top = anomalies[0]
        return t("agents-headline-observe", count=len(anomalies), service=str(top.get("service")),
                 metric=str(top.get("metric")), direction=_word(top.get("direction"), "")).strip()
    return t("agents-headline-observe-none", missing=len(o.get("missing_data") or []),
             findings=len(o.get("findings") or []))


def _mitigate(o: dict[str, Any]) -> str:
    decision = {"rollback": t("agents-headline-decision-rollback"),
                "no_rollback": t("agents-headline-decision-no-rollback"),
                "undecided": t("agents-headline-decision-undecided")}.get(_get(o, "rollback_decision", "decision", default=""), "")
    actions = o.get("actions") or []
    first = actions[0].get("action", "") if actions else t("agents-headline-no-mitigation")
    return t("agents-headline-mitigate", decision=decision, action=first) if decision else first


def _debug(o: dict[str, Any]) -> str:
    return t("agents-headline-debug", confidence=_word(o.get("root_cause_confidence")),
             root_cause=_word(o.get("root_cause"), _word("unknown")))


def _security(o: dict[str, Any]) -> str:
    related = {"yes": t("agents-headline-security-yes"), "no": t("agents-headline-security-no"),
               "possible": t("agents-headline-security-possible")}.get(
        o.get("security_related", ""), t("agents-headline-security-unclear"))
    issues = len(o.get("vulnerabilities") or [])
    if issues:
        return t("agents-headline-security-issues", related=related, count=issues)
    first = re.split(r"(?<=[.;])\s|(?<=[。；])", o.get("assessment", ""), maxsplit=1)[0]
    return t("agents-headline-security-first", related=related, first=f"{first[:1].lower()}{first[1:]}") if first else related


def _performance(o: dict[str, Any]) -> str:
    bottlenecks = o.get("bottlenecks") or []
    top = (t("agents-headline-bottleneck", component=str(bottlenecks[0].get("component"))) if bottlenecks
           else t("agents-headline-no-bottleneck"))
    return t("agents-headline-performance", top=top, count=len(o.get("optimizations") or []))


def _fix(o: dict[str, Any]) -> str:
    return t("agents-headline-fix", summary=o.get("fix_summary") or t("agents-headline-no-fix"),
             strategy=_word(o.get("deployment_strategy")), risk=_word(_get(o, "risk", "level")))


def _deploy(o: dict[str, Any]) -> str:
    ready = t("agents-headline-rollback-ready") if o.get("rollback_ready") else t("agents-headline-rollback-not-ready")
    return t("agents-headline-deploy", status=_word(o.get("deployment_status"), _word("unknown")), ready=ready)


def _comms(o: dict[str, Any]) -> str:
    cadence = o.get("next_update_in_minutes")
    return (t("agents-headline-comms", status=_word(_get(o, "status_page", "status")),
              title=_get(o, "status_page", "title", default=""))
            + (t("agents-headline-comms-next", minutes=str(cadence)) if cadence else ""))


def _impact(o: dict[str, Any]) -> str:
    segments = ", ".join((o.get("affected_segments") or [])[:2]) or t("agents-headline-segments-unknown")
    duration = clip(t("agents-headline-duration", duration=_word(o.get("duration"), _word("unknown"))), 60)
    return t("agents-headline-impact", segments=segments, duration=duration)


def _postmortem(o: dict[str, Any]) -> str:
    return t("agents-headline-postmortem", count=len(o.get("action_items") or []),
             root_cause=_word(o.get("root_cause"), _word("unknown")))


def _monitoring(o: dict[str, Any]) -> str:
    alerts = o.get("new_alerts") or []
    first = t("agents-headline-first", name=str(alerts[0].get("name"))) if alerts else ""
    return t("agents-headline-monitoring", count=len(alerts), first=first)


def _hardening(o: dict[str, Any]) -> str:
    items = o.get("improvements") or []
    first = t("agents-headline-first", name=str(items[0].get("title"))) if items else ""
    return t("agents-headline-hardening", count=len(items), first=first)


_HEADLINES = {"triage": _triage, "observe": _observe, "mitigate": _mitigate, "debug": _debug,
              "security": _security, "performance": _performance, "fix": _fix, "deploy": _deploy,
              "comms": _comms, "impact": _impact, "postmortem": _postmortem,
              "monitoring": _monitoring, "hardening": _hardening}

# What a responder reads first in each step's answer; everything else is in the details.
ESSENTIAL_FIELDS: dict[str, tuple[str, ...]] = {
    "triage": ("user_impact", "next_actions", "missing_information"),
    "observe": ("findings", "service_health", "missing_data"),
    "mitigate": ("actions", "rollback_decision", "verify_with"),
    "debug": ("root_cause", "contributing_factors", "next_investigations"),
    "security": ("assessment", "recommended_actions"),
    "performance": ("bottlenecks", "mitigation_state", "resource_recommendations"),
    "fix": ("fix_summary", "changes", "validation_plan"),
    "deploy": ("verification_results", "rollback_notes"),
    "comms": ("status_page", "internal_update"),
    "impact": ("affected_segments", "failed_transactions", "revenue_impact", "missing_data"),
    "postmortem": ("summary", "action_items"),
    "monitoring": ("new_alerts",),
    "hardening": ("improvements",),
}
ITEMS_SHOWN = 3
ITEM_MAX = 220


def headline(result: StepResult) -> str:
    """One line a person can act on, at most HEADLINE_MAX characters, in words."""
    return output_headline(result.step, result.output, result.summary)


def output_headline(step: str, output: dict[str, Any], fallback: str) -> str:
    """The headline of one step's output (`fallback` when the step has no builder)."""
    build = _HEADLINES.get(step)
    try:
        line = build(output) if build else fallback
    except (AttributeError, TypeError, IndexError):  # a malformed output still gets a line
        line = fallback
    return clip(humanise(line), HEADLINE_MAX)


def _essential_value(value: Any) -> tuple[list[str], int]:
    """Lines for one field (lists cut to ITEMS_SHOWN) and how many items were left out."""
    if isinstance(value, list):
        lines = [f"- {clip(_item_line(v) if isinstance(v, dict) else _scalar(v), ITEM_MAX)}"
                 for v in value[:ITEMS_SHOWN]]
        return lines, max(0, len(value) - ITEMS_SHOWN)
    if isinstance(value, dict):
        texts = [t("agents-render-pair", label=label(k), value=_scalar(v)) for k, v in value.items() if isinstance(v, (str, int, float, bool))]
        return [clip(t("agents-render-meta-separator").join(texts), ITEM_MAX * 2)], 0
    return [clip(_scalar(value), ITEM_MAX * 2)], 0


def essentials(result: StepResult) -> str:
    """The headline and what a responder needs first (Markdown, at most ESSENTIALS_MAX
    characters); says what more the details hold."""
    lines = [f"**{headline(result)}**"]
    left_out = 0
    for name in ESSENTIAL_FIELDS.get(result.step, ()):
        value = result.output.get(name)
        if value in (None, "", []):
            continue
        body, more = _essential_value(value)
        left_out += more
        block = [f"**{label(name)}**"] + body + (["- _" + t("agents-render-and-more", count=more) + "_"] if more else [])
        candidate = "\n".join(lines + block)
        if len(humanise(candidate)) > ESSENTIALS_MAX - 60:
            left_out += 1
            break
        lines += block
    if result.fallback_reason:
        lines.append("_" + t("agents-render-fallback-note", reason=clip(result.fallback_reason, 80)) + "_")
    text = humanise("\n".join(lines))
    return text[:ESSENTIALS_MAX]
