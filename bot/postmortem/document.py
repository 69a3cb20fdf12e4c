"""Render the blameless postmortem from the incident's record, timeline, agent analysis and
scorecard. People appear only as owners of action items; elsewhere they are their role."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from agents import StepResult
from bot.incident.model import ActionItem, EventKind, Incident, TimelineEvent
from bot.incident.scorecard import Scorecard
from i18n.times import clock_time, in_zone, shown_time, zone_label
from bot.ui.text import format_duration

_env = Environment(
    loader=PackageLoader("bot", "templates"), undefined=StrictUndefined, keep_trailing_newline=True,
    trim_blocks=False, autoescape=False,
)
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


class _Analysis(dict):
    """The postmortem step's output with empty defaults, readable as attributes in the template."""

    def __getattr__(self, name: str) -> Any:
        value = self.get(name)
        if value is None:
            return [] if name in ("contributing_factors", "what_went_well", "what_to_improve", "lessons") else ""
        return value


def _role_of(incident: Incident) -> dict[str, str]:
    roles = incident.roles
    names: dict[str, str] = {}
    for user in roles.smes:
        names[user] = "a subject matter expert"
    for user, label in ((roles.comms_lead, "the communications lead"), (roles.tech_lead, "the tech lead"),
                        (roles.incident_commander, "the incident commander")):
        if user:
            names[user] = label
    return names


def _blameless(text: str, roles: dict[str, str]) -> str:
    return _MENTION.sub(lambda m: roles.get(m.group(1), "a responder"), text)


def _blameless_all(value: Any, roles: dict[str, str]) -> Any:
    if isinstance(value, str):
        return _blameless(value, roles)
    if isinstance(value, list):
        return [_blameless_all(v, roles) for v in value]
    if isinstance(value, dict):
        return {k: _blameless_all(v, roles) for k, v in value.items()}
    return value


def _line(event: TimelineEvent, roles: dict[str, str]) -> str:
    who = roles.get(event.actor, "a responder") if event.actor else "the bot"
    if event.kind is EventKind.ROLE_ASSIGNED:
        what = f"{event.data.get('role', 'role').replace('_', ' ')} assigned"
    else:
        what = _blameless(event.text, roles)
    why = f" (why: {_blameless(event.reason, roles)})" if event.reason else ""
    return f"{clock_time(event.at)} · {what}{why} · {who}"


def render_postmortem(
    incident: Incident,
    events: list[TimelineEvent],
    analysis: StepResult | None,
    step_results: dict[str, StepResult],
    actions: list[ActionItem],
    scorecard: Scorecard,
    now: datetime,
) -> str:
    roles = _role_of(incident)
    raw = dict(analysis.output) if analysis else {}
    proposals = raw.pop("action_items", [])  # owners are the one place names stay
    output = _Analysis(_blameless_all(raw, roles), action_items=proposals)
    triage = step_results.get("triage")
    slo = (triage.output.get("slo_status") or {}) if triage else {}
    error_budget = slo.get("error_budget") if isinstance(slo, dict) else None
    decisions = [
        {"what": _blameless(e.text, roles), "why": _blameless(e.reason, roles), "at": clock_time(e.at),
         "who": roles.get(e.actor or "", "a responder")}
        for e in events
        if e.kind is EventKind.DECISION
    ]
    sources = sorted({s for r in step_results.values() for s in r.sources})
    source = (
        f"{analysis.backend}{' (' + analysis.model + ')' if analysis.model else ''} postmortem step"
        + (f"; fell back: {analysis.fallback_reason}" if analysis.fallback_reason else "")
        if analysis
        else "none"
    )
    return _env.get_template("postmortem.md.j2").render(
        incident=incident,
        written_at=shown_time(now),
        declared_at=shown_time(incident.declared_at),
        resolved_at=shown_time(incident.resolved_at) if incident.resolved_at else "",
        zone=zone_label(in_zone(now)),
        duration=format_duration(incident.duration(now)),
        analysis=output,
        error_budget=error_budget,
        timeline=[_line(e, roles) for e in events],
        decisions=decisions,
        confirmed=actions,
        proposed=output.get("action_items") or [],
        scorecard=scorecard,
        source=source,
        sources=sources,
    )
