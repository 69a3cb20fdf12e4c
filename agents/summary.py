"""`/incident summary` (catch me up): at most 8 lines for someone who joins late.

The offline answer reads only the context (record, timeline, earlier step results); with Claude
the same context goes through the backend abstraction as one extra, non-workflow step whose
answer is this module's `CatchUp`. Any trouble with Claude falls back to the offline answer.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from pydantic import Field

from agents.backend_protocol import Backend
from agents.context import IncidentContext, TimelineEntry
from agents.models import StepOutput
from agents.render import ROLE_NAMES, clip, humanise
from agents.steps import StepSpec
from agents.words import enum_word
from i18n import t

log = logging.getLogger(__name__)

LINE_MAX = 240
MAX_LINES = 8


class CatchUp(StepOutput):
    """What someone joining late needs, one short line each."""

    happening: str = Field(description="What is happening, in one sentence.")
    impact: str = Field(description="Who is affected and how much, or 'not reported yet'.")
    status: str = Field(description="Status and severity, e.g. 'Identified · SEV1'.")
    roles: str = Field(description="Who holds each role, e.g. 'incident commander <@U1>'.")
    last_update: str = Field(description="The last stakeholder update and when it was posted.")
    being_tried: str = Field(description="What is being tried now, or 'nothing recorded yet'.")
    open_questions: list[str] = Field(default_factory=list, description="At most 2 open questions.")

    def headline(self) -> str:
        return self.happening


_PROMPT = (
    "Write a catch-me-up for a responder who joins this incident late. One short line per field, "
    "from the incident record, timeline and earlier step results only; say 'not reported yet' "
    "for anything the context does not show. Keep Slack mentions (<@U…>) as they are. At most two "
    "open questions: what the responders do not know yet and need to."
)


@dataclass(frozen=True)
class _SummarySpec(StepSpec):
    @property
    def prompt(self) -> str:
        return _PROMPT


SUMMARY_SPEC = _SummarySpec(key="summary", number=0, title="Catch me up", phase=0,
                            role="incident-responder", needs=(), output_model=CatchUp, max_tokens=1024)


def _span(then: datetime, now: datetime) -> str:
    minutes = int((now - then).total_seconds() // 60)
    if minutes < 1:
        return t("agents-summary-under-a-minute")
    return (t("agents-summary-minutes", minutes=str(minutes)) if minutes < 60
            else t("agents-summary-hours", hours=str(minutes // 60), minutes=str(minutes % 60)))


def _ago(then: datetime, now: datetime) -> str:
    span = _span(then, now)
    return t("agents-summary-just-now") if span == t("agents-summary-under-a-minute") else t("agents-summary-ago", span=span)


def _last(context: IncidentContext, *kinds: str) -> TimelineEntry | None:
    found = [e for e in context.timeline if e.kind in kinds]
    return found[-1] if found else None


_MARKS = (" Impact: ", " Next: ")


def _part(text: str, mark: str | None) -> str:
    """One part of a status update's timeline text: what it said, its impact or its next steps."""
    if mark is not None:
        text = text.split(mark, 1)[1]
    for other in _MARKS:
        text = text.split(other, 1)[0]
    return text.strip()


def offline_catch_up(context: IncidentContext, now: datetime) -> CatchUp:
    """The catch-up from what the context records; nothing inferred."""
    kind = ((enum_word(context.incident_type) or context.incident_type.replace("_", " "))
            if context.incident_type else t("agents-summary-type-unknown"))
    state = enum_word(context.status) or context.status
    status = (f"{state[:1].upper()}{state[1:]} · {context.severity or t('agents-summary-severity-unset')} · "
              + (t("agents-summary-resolved-ago", ago=_ago(context.resolved_at, now)) if context.resolved_at
                 else t("agents-summary-open-for", span=_span(context.declared_at, now))))
    roles = " · ".join(f"{enum_word(role) or ROLE_NAMES.get(role, role.replace('_', ' '))} {', '.join(people)}"
                       for role, people in context.roles.items() if people) or t("agents-summary-no-roles")
    updates = [e for e in context.timeline if e.kind == "status_update"]
    if updates:
        update = updates[-1]
        said = _part(re.split(r": |：", update.text, maxsplit=1)[-1], None)  # after "status update: " / "狀態更新："
        last_update = t("agents-summary-last-update", said=said, actor=update.actor or t("agents-summary-the-bot"),
                        at=f"{update.at:%H:%M}", ago=_ago(update.at, now))
    else:
        last_update = t("agents-summary-no-update")
    impacts = [_part(e.text, " Impact: ") for e in updates if " Impact: " in e.text]
    triage = context.output_of("triage") or {}
    impact = impacts[-1] if impacts else triage.get("user_impact") or t("agents-summary-not-reported")
    plans = [_part(e.text, " Next: ") for e in updates if " Next: " in e.text]
    decisions = [e for e in context.timeline if e.kind == "decision" and not e.text.startswith(("severity ", "嚴重度"))]
    mitigate = context.output_of("mitigate") or {}
    if decisions and (not updates or decisions[-1].at >= updates[-1].at or not plans):
        being_tried = t("agents-summary-decided", decision=decisions[-1].text)
    elif plans:
        being_tried = plans[-1]
    elif mitigate.get("actions"):
        being_tried = t("agents-summary-suggested", action=mitigate["actions"][0].get("action", ""))
    else:
        being_tried = t("agents-summary-nothing-yet")
    questions: list[str] = []
    for step, field in (("debug", "open_questions"), ("triage", "missing_information")):
        questions += (context.output_of(step) or {}).get(field) or []
    return CatchUp(happening=t("agents-summary-happening", title=context.title, kind=kind), impact=impact, status=status, roles=roles,
                   last_update=last_update, being_tried=being_tried, open_questions=questions[:2])


async def catch_up(context: IncidentContext, backend: Backend | None, now: datetime) -> tuple[CatchUp, str]:
    """The catch-up and where it came from ("claude" or "offline")."""
    if backend is not None and backend.name == "claude":
        try:
            answer = await backend.answer(SUMMARY_SPEC, context)
            if answer.fallback_reason is None and isinstance(answer.output, CatchUp):
                return answer.output, "claude"
        except Exception:  # the fallback engine has no summary step; ours is right here
            log.warning("claude catch-up failed; using the offline one", exc_info=True)
    return offline_catch_up(context, now), "offline"


def catch_up_lines(summary: CatchUp) -> list[str]:
    """At most 8 Markdown lines, each clipped, internal names in words."""
    lines = [
        t("agents-summary-line-happening", text=summary.happening),
        t("agents-summary-line-impact", text=summary.impact),
        t("agents-summary-line-status", text=summary.status),
        t("agents-summary-line-roles", text=summary.roles),
        t("agents-summary-line-last-update", text=summary.last_update),
        t("agents-summary-line-being-tried", text=summary.being_tried),
    ]
    if summary.open_questions:
        lines.append(t("agents-summary-line-questions", text=t("agents-render-meta-separator").join(summary.open_questions[:2])))
    return [clip(humanise(line), LINE_MAX) for line in lines][:MAX_LINES]
