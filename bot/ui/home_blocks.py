"""The App Home tab: pure Block Kit from what the viewer may see.

Slack allows 100 blocks in a Home view (https://docs.slack.dev/surfaces/app-home: "up to 100
blocks"). The open incidents are listed most severe and oldest first, at most
MAX_HOME_INCIDENTS of them; the rest are summarised by severity in one line, and a private
incident the viewer is not in counts only in a line of its own (number never shown). The
viewer's action items are capped the same way. The whole view stays under MAX_HOME_BLOCKS
whatever the numbers (tests/unit/test_home_blocks.py and bench/home_publish.py check 500).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.incident.kinds import Role
from bot.incident.model import ActionItem, Incident
from bot.incident.severity import Severity
from bot.ui import text
from bot.ui.kit import MAX_HEADER, button, mrkdwn, plain

MAX_HOME_BLOCKS = 100
MAX_HOME_INCIDENTS = 30
MAX_HOME_ACTIONS = 15
ACTION_HOME_DECLARE = "home_declare"
ACTION_HOME_DONE = "home_action_done"  # value "<incident id>#<number>"


@dataclass(frozen=True)
class HomeChart:
    file_id: str
    title: str


@dataclass
class HomeData:
    """Everything the Home shows, already filtered for the viewer."""

    viewer: str
    now: datetime
    incidents: list[Incident] = field(default_factory=list)  # open, visible to the viewer
    hidden_private: int = 0  # open private incidents the viewer is not in
    actions: list[tuple[str, ActionItem]] = field(default_factory=list)  # the viewer's open items
    stats_line: str | None = None
    charts: list[HomeChart] = field(default_factory=list)
    notice: str | None = None  # the answer to the viewer's last click on the Home


def ordered(incidents: list[Incident]) -> list[Incident]:
    """Most severe first, then the longest open."""
    return sorted(incidents, key=lambda i: (i.severity.level, i.declared_at, i.number))


def roles_of(incident: Incident, user: str) -> list[Role]:
    roles = incident.roles
    held = [
        (Role.INCIDENT_COMMANDER, roles.incident_commander == user),
        (Role.TECH_LEAD, roles.tech_lead == user),
        (Role.COMMS_LEAD, roles.comms_lead == user),
        (Role.SME, user in roles.smes),
    ]
    return [role for role, mine in held if mine]


def _roles_line(incident: Incident) -> str:
    roles = incident.roles
    parts = [(Role.INCIDENT_COMMANDER, roles.incident_commander), (Role.TECH_LEAD, roles.tech_lead),
             (Role.COMMS_LEAD, roles.comms_lead)]
    line = [text.home_role_holder(role.label, holder) for role, holder in parts if holder]
    line += [text.home_role_holder(Role.SME.label, sme) for sme in roles.smes]
    return " · ".join(line) if line else text.HOME_NO_ROLES


def incident_section(incident: Incident, now: datetime) -> dict:
    return {
        "type": "section",
        "text": mrkdwn(text.home_incident_line(
            incident.severity.emoji, incident.id, incident.severity.value, incident.status.label,
            text.format_duration(incident.duration(now)), incident.channel_id, incident.title,
        ) + "\n" + _roles_line(incident)),
    }


def _more_line(rest: list[Incident]) -> str:
    counts = Counter(i.severity for i in rest)
    by_severity = ", ".join(f"{counts[s]} {s.value}" for s in Severity if counts[s])
    return text.home_more_incidents(len(rest), by_severity)


def _action_section(incident_id: str, item: ActionItem, today: date) -> dict:
    return {
        "type": "section",
        "text": mrkdwn(text.home_action_line(incident_id, item.number, item.description, item.due.isoformat(),
                                             item.due < today)),
        "accessory": button("Done", ACTION_HOME_DONE, f"{incident_id}#{item.number}"),
    }


def home_view(data: HomeData) -> dict:
    """The Home tab for one viewer: never more than MAX_HOME_BLOCKS blocks."""
    blocks: list[dict] = [
        {"type": "header", "text": plain(text.HOME_TITLE, MAX_HEADER)},
        {"type": "actions", "elements": [button("Declare incident", ACTION_HOME_DECLARE, "home", style="danger")]},
    ]
    if data.notice:
        blocks.append({"type": "context", "elements": [mrkdwn(data.notice)]})

    # Your part: roles and action items
    mine = [(i, roles_of(i, data.viewer)) for i in ordered(data.incidents)]
    mine = [(i, r) for i, r in mine if r]
    blocks.append({"type": "header", "text": plain(text.HOME_YOURS, MAX_HEADER)})
    role_lines = [text.home_my_roles(i.id, ", ".join(r.label for r in roles), i.channel_id) for i, roles in mine]
    blocks.append({"type": "section", "text": mrkdwn("\n".join(role_lines[:20]) or text.HOME_NO_MY_ROLES)})
    actions = sorted(data.actions, key=lambda pair: (pair[1].due, pair[0], pair[1].number))
    today = data.now.date()
    for incident_id, item in actions[:MAX_HOME_ACTIONS]:
        blocks.append(_action_section(incident_id, item, today))
    if not actions:
        blocks.append({"type": "context", "elements": [mrkdwn(text.HOME_NO_ACTIONS)]})
    elif len(actions) > MAX_HOME_ACTIONS:
        blocks.append({"type": "context", "elements": [mrkdwn(text.home_more_actions(len(actions) - MAX_HOME_ACTIONS))]})

    # Open incidents
    blocks.append({"type": "divider"})
    blocks.append({"type": "header", "text": plain(text.home_open_header(len(data.incidents)), MAX_HEADER)})
    listed = ordered(data.incidents)
    for incident in listed[:MAX_HOME_INCIDENTS]:
        blocks.append(incident_section(incident, data.now))
    if not listed:
        blocks.append({"type": "context", "elements": [mrkdwn(text.HOME_NO_OPEN)]})
    if len(listed) > MAX_HOME_INCIDENTS:
        blocks.append({"type": "context", "elements": [mrkdwn(_more_line(listed[MAX_HOME_INCIDENTS:]))]})
    if data.hidden_private:
        blocks.append({"type": "context", "elements": [mrkdwn(text.home_hidden_private(data.hidden_private))]})

    # Measures and charts
    if data.stats_line or data.charts:
        blocks.append({"type": "divider"})
        blocks.append({"type": "header", "text": plain(text.HOME_MEASURES, MAX_HEADER)})
        if data.stats_line:
            blocks.append({"type": "section", "text": mrkdwn(data.stats_line)})
        for chart in data.charts:
            blocks.append({"type": "image", "slack_file": {"id": chart.file_id}, "alt_text": chart.title,
                           "title": plain(chart.title, 2000)})
    assert len(blocks) <= MAX_HOME_BLOCKS, len(blocks)  # by construction: 3+2+17+2+32+1+3+2 at most
    return {"type": "home", "blocks": blocks}
