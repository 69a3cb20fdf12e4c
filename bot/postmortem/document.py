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
from i18n import t
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
        t("ui-doc-decision-because", what=story.named(e.text, names), why=story.named(e.reason, names),
          at=clock_time(e.at), who=story.who(e.actor, names, roles))
        if e.reason else
        t("ui-doc-decision", what=story.named(e.text, names), at=clock_time(e.at), who=story.who(e.actor, names, roles))
        for e in events
        if e.kind is EventKind.DECISION
    ]
    sources = sorted({s for r in step_results.values() for s in r.sources})
    source = (
        t("ui-doc-source-step", backend=f"{analysis.backend}{' (' + analysis.model + ')' if analysis.model else ''}")
        + (t("ui-doc-source-fell-back", reason=analysis.fallback_reason) if analysis.fallback_reason else "")
        if analysis
        else t("ui-doc-source-none")
    )
    proposed = [
        t("ui-doc-proposed-item", type=_action_type(str(a.get("type", ""))), title=str(a.get("title", "")),
          owner=str(a.get("owner", "")), due=str(a.get("due", "")))
        for a in (output.get("action_items") or [])
        if isinstance(a, dict)
    ]
    zone = zone_label(in_zone(now))
    return _env.get_template("postmortem.md.j2").render(
        w=_words(incident, zone, shown_time(now)),
        action_type=_action_type,
        detail=lambda said: t("ui-doc-detail", detail=said),
        incident=incident,
        written_at=shown_time(now),
        declared_at=shown_time(incident.declared_at),
        resolved_at=shown_time(incident.resolved_at) if incident.resolved_at else "",
        duration=format_duration(incident.duration(now)),
        analysis=output,
        error_budget=t("ui-doc-error-budget", budget=str(error_budget)) if error_budget else "",
        timeline=story.timeline(sorted(events, key=lambda e: e.at), names, roles),
        impact=impact,
        queries=queries,
        trigger=story.trigger(events, names, roles),
        detection=story.detection(incident, events, names),
        resolution=story.resolution(incident, events, names),
        lucky=story.got_lucky(incident, events),
        owner=lambda user: names.get(user, t("ui-doc-a-responder")),
        decisions=decisions,
        confirmed=actions,
        proposed=proposed,
        scorecard=scorecard,
        source=t("ui-doc-analysis", source=source),
        sources=sources,
    )


_ACTION_TYPES = {"prevent": "ui-pm-action-type-prevent", "detect": "ui-pm-action-type-detect",
                 "mitigate": "ui-pm-action-type-mitigate", "process": "ui-pm-action-type-process"}


def _action_type(kind: str) -> str:
    return t(_ACTION_TYPES[kind]) if kind in _ACTION_TYPES else kind


def _words(incident: Incident, zone: str, written: str) -> dict[str, str]:
    """Every fixed word of the template, in the current locale (INCIDENT_LOCALE: the document is shared)."""
    return {
        "title": t("ui-doc-title", id=incident.id, title=incident.title),
        "final": t("ui-doc-final"),
        "draft": t("ui-doc-draft"),
        "blameless": t("ui-doc-blameless", written=written),
        "summary": t("ui-doc-summary"),
        "not_written": t("ui-doc-not-written"),
        "severity": t("ui-card-severity"),
        "type": t("ui-card-type"),
        "not_classified": t("ui-doc-not-classified"),
        "declared": t("ui-card-declared"),
        "resolved": t("ui-doc-resolved"),
        "not_yet": t("ui-doc-not-yet"),
        "duration": t("ui-doc-duration"),
        "impact": t("ui-doc-impact"),
        "impact_not_assessed": t("ui-doc-impact-not-assessed"),
        "trigger": t("ui-doc-trigger"),
        "detection": t("ui-doc-detection"),
        "resolution": t("ui-doc-resolution"),
        "lucky": t("ui-doc-lucky"),
        "nothing_recorded": t("ui-doc-nothing-recorded"),
        "timeline": t("ui-doc-timeline", zone=zone),
        "decisions": t("ui-doc-decisions"),
        "no_decisions": t("ui-doc-no-decisions"),
        "root_cause": t("ui-doc-root-cause"),
        "root_cause_unknown": t("ui-doc-root-cause-unknown"),
        "went_well": t("ui-doc-went-well"),
        "to_improve": t("ui-doc-to-improve"),
        "action_items": t("ui-doc-action-items"),
        "actions_header": t("ui-doc-actions-header"),
        "done": t("ui-doc-done"),
        "open": t("ui-doc-open"),
        "proposed": t("ui-doc-proposed"),
        "none_proposed": t("ui-doc-none-proposed"),
        "lessons": t("ui-doc-lessons"),
        "scorecard": t("ui-doc-scorecard"),
        "scorecard_header": t("ui-doc-scorecard-header"),
        "yes": t("ui-doc-yes"),
        "no": t("ui-doc-no"),
        "not_applicable": t("ui-doc-not-applicable"),
        "queries": t("ui-doc-queries"),
        "sources": t("ui-doc-sources"),
    }
