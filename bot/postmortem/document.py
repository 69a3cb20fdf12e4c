"""Render the blameless postmortem from the incident's record, timeline, agent analysis and
scorecard. People appear by the name Slack shows for them, with their role in prose."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from agents import StepResult
from agents.render import humanise
from bot.incident.model import ActionItem, EventKind, Incident, TimelineEvent
from bot.incident.scorecard import Scorecard
from bot.postmortem import story
from i18n.times import clock_time, in_zone, shown_time, zone_label
from bot.ui.text import format_duration

_env = Environment(
    loader=PackageLoader("bot", "templates"), undefined=StrictUndefined, keep_trailing_newline=True,
    trim_blocks=False, autoescape=False,
)


class _Analysis(dict):
    """The postmortem step's output with empty defaults, readable as attributes in the template."""

    def __getattr__(self, name: str) -> Any:
        value = self.get(name)
        if value is None:
            return [] if name in ("contributing_factors", "what_went_well", "what_to_improve", "lessons") else ""
        return value


def _named_all(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):  # names for Slack ids, words for internal names (service_outage)
        return humanise(story.named(value, names))
    if isinstance(value, list):
        return [_named_all(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _named_all(v, names) for k, v in value.items()}
    return value


def render_postmortem(
    incident: Incident,
    events: list[TimelineEvent],
    analysis: StepResult | None,
    step_results: dict[str, StepResult],
    actions: list[ActionItem],
    scorecard: Scorecard,
    now: datetime,
    names: dict[str, str] | None = None,
) -> str:
    """The document. `names` maps Slack user ids to people's names (users.info); anyone
    missing reads "a responder"."""
    names = names or {}
    roles = story.role_of(incident)
    output = _Analysis(_named_all(dict(analysis.output) if analysis else {}, names))
    impact, queries = story.without_queries(output.impact or "")
    triage = step_results.get("triage")
    slo = (triage.output.get("slo_status") or {}) if triage else {}
    error_budget = slo.get("error_budget") if isinstance(slo, dict) else None
    decisions = [
        {"what": story.named(e.text, names), "why": story.named(e.reason, names), "at": clock_time(e.at),
         "who": story.who(e.actor, names, roles)}
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
        timeline=story.timeline(sorted(events, key=lambda e: e.at), names, roles),
        impact=impact,
        queries=queries,
        trigger=story.trigger(events, names, roles),
        detection=story.detection(incident, events, names),
        resolution=story.resolution(incident, events, names),
        lucky=story.got_lucky(incident, events),
        owner=lambda user: names.get(user, "a responder"),
        decisions=decisions,
        confirmed=actions,
        proposed=output.get("action_items") or [],
        scorecard=scorecard,
        source=source,
        sources=sources,
    )
