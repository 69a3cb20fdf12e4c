"""Block Kit for triage's severity suggestion: Accept SEVn / Keep, then who chose what."""

from __future__ import annotations

from agents.render import clip, humanise
from bot.incident.model import Incident
from bot.incident.severity import Severity
from bot.ui import text
from bot.ui.kit import button, mrkdwn
from i18n import t

ACTION_ACCEPT_SEVERITY = "accept_suggested_severity"  # value "<incident id>|<SEVn>"
ACTION_KEEP_SEVERITY = "keep_declared_severity"  # value "<incident id>|<SEVn suggested>"
REASON_MAX = 300


def severity_suggestion(incident: Incident, suggested: Severity, why: str) -> list[dict]:
    value = f"{incident.id}|{suggested.value}"
    return [
        {"type": "section", "text": mrkdwn(text.severity_suggested(
            incident.roles.incident_commander, suggested.value, incident.severity.value))},
        {"type": "context", "elements": [mrkdwn(clip(humanise(why), REASON_MAX) or t("ui-triage-no-reason"))]},
        {"type": "actions", "block_id": "severity_suggestion", "elements": [
            button(t("ui-triage-accept", severity=suggested.value), ACTION_ACCEPT_SEVERITY, value, style="primary"),
            button(t("ui-triage-keep", severity=incident.severity.value), ACTION_KEEP_SEVERITY, value),
        ]},
    ]


def suggestion_answered(line: str) -> list[dict]:
    """The suggestion once the IC chose: the buttons go, the choice stays."""
    return [{"type": "section", "text": mrkdwn(line)}]
