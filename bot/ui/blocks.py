"""Pure Block Kit builders: domain objects in, Slack blocks (plain dicts) out.

Every builder keeps to Slack's limits (header 150, section text 3000, 50 blocks per message,
modal title 24, private_metadata 3000); tests check each against the stand-in's validator.
"""

from __future__ import annotations

import json
from datetime import datetime

from agents import STEPS
from bot.incident.kinds import IncidentType, Role, Status
from bot.incident.model import Incident, TimelineEvent
from bot.incident.severity import Severity
from i18n import current_locale, t, times
from bot.ui import integration_blocks, text
from bot.ui.kit import (
    MAX_HEADER,
    MAX_MESSAGE_BLOCKS,
    Mrkdwn,
    button,
    chunk_lines,
    escape,
    escape_keeping_mentions,
    link,
    modal_title,
    mrkdwn,
    safe_url as kit_safe_url,
    person,
    plain,
)
from bot.ui.step_blocks import run_steps_select


# action_ids and callback_ids: the listeners match on these.
ACTION_OPEN_ROLE = "open_role_modal"  # + ":<role>"
ACTION_SET_STATUS = "set_status"  # + ":<status>"
ACTION_RESOLVE = "resolve_incident"
ACTION_OPEN_UPDATE = "open_update_modal"
ACTION_FOLLOW = "follow_incident"  # on the card and the broadcast announcement
VIEW_DECLARE = "declare_incident"
VIEW_ASSIGN_ROLE = "assign_role"
VIEW_POST_UPDATE = "post_update"
BLOCK_WHAT, BLOCK_IMPACT, BLOCK_NEXT, BLOCK_ETA = "what", "impact", "next_steps", "eta"
ETA_CHOICES = ("15m", "30m", "1h", "2h", "4h")

BLOCK_TITLE, BLOCK_SEVERITY, BLOCK_TYPE, BLOCK_DESCRIPTION = "title", "severity", "type", "description"
BLOCK_SLUG = "slug"
MAX_SLUG = 40
BLOCK_ASSIGNEE, BLOCK_NOTE = "assignee", "note"


def announcement_blocks(message: str, incident_id: str) -> list[dict]:
    """The broadcast announcement of a public incident, with *Follow*."""
    return [
        {"type": "section", "text": mrkdwn(message)},
        {"type": "actions", "block_id": "follow", "elements": [button("Follow", ACTION_FOLLOW, incident_id)]},
    ]


def card_fallback_text(incident: Incident) -> str:
    return (
        f"{incident.id} [{incident.severity.value}] {escape(incident.title)}: "
        f"{incident.status.label}"
    )


def incident_card(incident: Incident, now: datetime) -> list[dict]:
    """The pinned card in the war room: the incident at a glance, with its controls."""
    type_label = incident.incident_type.label if incident.incident_type else t("ui-card-not-classified")
    roles = incident.roles
    fields = [
        mrkdwn(f"*{t('ui-card-severity')}*\n{incident.severity.emoji} {incident.severity.label}"),
        mrkdwn(f"*{t('ui-card-status')}*\n{incident.status.emoji} {incident.status.label}"),
        mrkdwn(f"*{t('ui-card-type')}*\n{type_label}"),
        mrkdwn(f"*{t('ui-card-declared')}*\n" + t("ui-card-declared-by", at=text.slack_time(incident.declared_at), user=incident.declared_by)),
        mrkdwn(f"*{Role.INCIDENT_COMMANDER.label}*\n{person(roles.incident_commander)}"),
        mrkdwn(f"*{Role.TECH_LEAD.label}*\n{person(roles.tech_lead)}"),
        mrkdwn(f"*{Role.COMMS_LEAD.label}*\n{person(roles.comms_lead)}"),
        mrkdwn(
            f"*{t('ui-card-smes')}*\n"
            + (", ".join(f"<@{u}>" for u in roles.smes) if roles.smes else t("ui-card-none-yet"))
        ),
    ]
    blocks: list[dict] = [
        {"type": "header", "text": plain(f"{incident.id} · {incident.title}", MAX_HEADER)},
    ]
    if incident.description:
        blocks.append({"type": "section", "text": mrkdwn(escape(incident.description))})
    blocks.append({"type": "section", "fields": fields})
    blocks.append({"type": "context", "elements": [mrkdwn(success_clock(incident, now))]})
    if incident.links:
        blocks.append(integration_blocks.card_links(incident.links))
    blocks.append(
        {
            "type": "actions",
            "block_id": "roles",
            "elements": [
                button(t("ui-card-assign-ic"), f"{ACTION_OPEN_ROLE}:{Role.INCIDENT_COMMANDER.value}", incident.id),
                button(t("ui-card-tech-lead"), f"{ACTION_OPEN_ROLE}:{Role.TECH_LEAD.value}", incident.id),
                button(t("ui-card-comms-lead"), f"{ACTION_OPEN_ROLE}:{Role.COMMS_LEAD.value}", incident.id),
                button(t("ui-card-add-sme"), f"{ACTION_OPEN_ROLE}:{Role.SME.value}", incident.id),
                button(t("ui-card-follow"), ACTION_FOLLOW, incident.id),
            ],
        }
    )
    if incident.is_open:
        status_buttons = [
            button(status.label, f"{ACTION_SET_STATUS}:{status.value}", incident.id)
            for status in (Status.INVESTIGATING, Status.IDENTIFIED, Status.MONITORING)
            if status is not incident.status
        ]
        status_buttons.append(button(t("ui-post-update"), ACTION_OPEN_UPDATE, incident.id))
        if incident.can_page:
            status_buttons.append(integration_blocks.page_button(incident.id))
        resolve = button(t("ui-card-resolve"), ACTION_RESOLVE, incident.id, style="primary")
        resolve["confirm"] = {
            "title": plain(t("ui-card-resolve-confirm-title"), 100),
            "text": plain(t("ui-card-resolve-confirm-text", id=incident.id), 300),
            "confirm": plain(t("ui-card-resolve"), 30),
            "deny": plain(t("ui-card-not-yet"), 30),
        }
        blocks.append({"type": "actions", "block_id": "status", "elements": [*status_buttons, resolve]})
        blocks.append(run_steps_select(list(STEPS.values())))
    else:
        blocks.append(
            {
                "type": "actions",
                "block_id": "status",
                "elements": [
                    button(t("ui-card-reopen"), f"{ACTION_SET_STATUS}:{Status.INVESTIGATING.value}", incident.id)
                ],
            }
        )
    return blocks


def success_clock(incident: Incident, now: datetime) -> str:
    """The workflow's success criteria at a glance: age, classification time, update cadence."""
    classified = incident.severity_set_at or incident.declared_at
    parts = []
    if incident.resolved_at:
        parts.append(
            t("ui-clock-resolved", at=text.slack_time(incident.resolved_at),
              duration=text.format_duration(incident.duration(now)))
        )
    else:
        parts.append(t("ui-clock-open-for", duration=text.format_duration(incident.duration(now))))
    parts.append(t("ui-clock-severity-set", duration=text.format_duration(classified - incident.declared_at)))
    if incident.last_update_at:
        parts.append(t("ui-clock-last-update", at=text.slack_time(incident.last_update_at)))
    elif incident.is_open:
        parts.append(t("ui-clock-no-update-yet"))
    if incident.next_update_due:
        due = text.slack_time(incident.next_update_due)
        parts.append(t("ui-clock-next-due-overdue", at=due) if incident.next_update_due <= now else t("ui-clock-next-due", at=due))
    return " · ".join(parts)


def topic_line(incident: Incident) -> str:
    ic = incident.roles.incident_commander
    commander = f" · IC <@{ic}>" if ic else ""
    return f"{incident.severity.value} · {incident.status.label}{commander} · {escape(incident.title)}"


def purpose_line(incident: Incident) -> str:
    return f"{incident.id}: {escape(incident.title)}"


def _severity_option(severity: Severity) -> dict:
    return {"text": plain(t("ui-declare-severity-option", label=severity.label, meaning=severity.meaning), 75), "value": severity.value}


def _type_option(kind: IncidentType) -> dict:
    return {"text": plain(kind.label, 75), "value": kind.value}


def declare_modal(
    origin_channel: str | None,
    title: str | None = None,
    severity: Severity | None = None,
    response_url: str | None = None,
) -> dict:
    """The declare form: title, severity, type and description."""
    title_input: dict = {"type": "plain_text_input", "action_id": "value", "max_length": MAX_HEADER}
    if title:
        title_input["initial_value"] = title[:MAX_HEADER]
    severity_select: dict = {
        "type": "static_select",
        "action_id": "value",
        "placeholder": plain(t("ui-declare-severity-placeholder")),
        "options": [_severity_option(s) for s in Severity],
    }
    if severity:
        severity_select["initial_option"] = _severity_option(severity)
    return {
        "type": "modal",
        "callback_id": VIEW_DECLARE,
        "title": modal_title(t("ui-declare-title")),
        "submit": plain(t("ui-declare-submit"), 24),
        "close": plain(t("ui-cancel"), 24),
        "private_metadata": json.dumps(
            {"origin_channel": origin_channel, "locale": current_locale(),
             **({"response_url": response_url} if response_url else {})}
        ),
        "blocks": [
            {"type": "input", "block_id": BLOCK_TITLE, "label": plain(t("ui-declare-title-label")), "element": title_input},
            {
                "type": "input",
                "block_id": BLOCK_SLUG,
                "optional": True,
                "label": plain(t("ui-declare-slug-label")),
                "hint": plain(t("ui-declare-slug-hint")),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "max_length": MAX_SLUG,
                    "placeholder": plain("checkout-500s"),
                },
            },
            {"type": "input", "block_id": BLOCK_SEVERITY, "label": plain(t("ui-declare-severity-label")), "element": severity_select},
            {
                "type": "input",
                "block_id": BLOCK_TYPE,
                "optional": True,
                "label": plain(t("ui-declare-type-label")),
                "element": {
                    "type": "static_select",
                    "action_id": "value",
                    "placeholder": plain(t("ui-declare-type-placeholder")),
                    "options": [_type_option(k) for k in IncidentType],
                },
            },
            {
                "type": "input",
                "block_id": BLOCK_DESCRIPTION,
                "optional": True,
                "label": plain(t("ui-declare-description-label")),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": True,
                    "max_length": 2900,
                },
            },
        ],
    }


_SHORT_ROLE_LABELS = {
    Role.INCIDENT_COMMANDER: "ui-role-modal-short-incident-commander",
    Role.TECH_LEAD: "ui-role-modal-short-tech-lead",
    Role.COMMS_LEAD: "ui-role-modal-short-comms-lead",
    Role.SME: "ui-role-modal-short-sme",
}


def _with_response_url(metadata: dict, response_url: str | None) -> str:
    """private_metadata; the response_url of the click or command that opened the form lets the
    answer reach the person even where the bot cannot post."""
    return json.dumps({**metadata, "locale": current_locale(), **({"response_url": response_url} if response_url else {})})


def role_modal(incident: Incident, role: Role, response_url: str | None = None) -> dict:
    """Assign or hand over one role; the current holder is named so the hand-over is explicit."""
    current = incident.roles.holders(role)
    holders = ", ".join(f"<@{u}>" for u in current) if current else t("ui-role-modal-nobody")
    verb = t("ui-role-modal-add") if role is Role.SME else t("ui-role-modal-assign")
    return {
        "type": "modal",
        "callback_id": VIEW_ASSIGN_ROLE,
        "title": modal_title(t("ui-role-modal-title", verb=verb, role=role.label), t("ui-role-modal-title", verb=verb, role=t(_SHORT_ROLE_LABELS[role]))),
        "submit": plain(verb, 24),
        "close": plain(t("ui-cancel"), 24),
        "private_metadata": _with_response_url({"incident_id": incident.id, "role": role.value}, response_url),
        "blocks": [
            {
                "type": "section",
                "text": mrkdwn(
                    f"*{incident.id}* · {escape(incident.title)}\n"
                    + t("ui-role-modal-duty", role=role.label, duty=role.duty, holders=holders)
                ),
            },
            {
                "type": "input",
                "block_id": BLOCK_ASSIGNEE,
                "label": plain(role.label),
                "element": {"type": "users_select", "action_id": "value", "placeholder": plain(t("ui-role-modal-pick-person"))},
            },
            {
                "type": "input",
                "block_id": BLOCK_NOTE,
                "optional": True,
                "label": plain(t("ui-role-modal-note")),
                "element": {"type": "plain_text_input", "action_id": "value", "max_length": 500},
            },
        ],
    }


def status_blocks(incident: Incident, now: datetime) -> list[dict]:
    """The answer to `/incident status`: the card without its buttons (and why the war room is
    silent, when Slack refused it)."""
    shown = [b for b in incident_card(incident, now) if b["type"] != "actions"]
    if incident.war_room_lost:
        shown.append({"type": "context", "elements": [mrkdwn(text.war_room_lost(incident.id, incident.war_room_lost))]})
    return shown


def _event_line(event: TimelineEvent) -> str:
    who = f"<@{event.actor}>" if event.actor else t("ui-timeline-bot")
    reason = t("ui-timeline-reason", reason=escape(event.reason)) if event.reason else ""
    return t("ui-timeline-line", time=text.clock_time(event.at), who=who, said=escape_keeping_mentions(event.text), reason=reason)


def timeline_blocks(incident: Incident, events: list[TimelineEvent]) -> list[dict]:
    day = times.clock_time(events[0].at, pattern="%Y-%m-%d") if events else ""
    header = {"type": "header", "text": plain(t("ui-timeline-header", id=incident.id, zone=times.zone_label(), day=day), MAX_HEADER)}
    sections = [{"type": "section", "text": mrkdwn(c)} for c in chunk_lines([_event_line(e) for e in events])]
    room = MAX_MESSAGE_BLOCKS - 2
    if len(sections) > room:
        dropped = len(sections) - room
        sections = sections[-room:]
        sections.insert(0, {"type": "context", "elements": [mrkdwn(t("ui-timeline-earlier-not-shown", count=str(dropped)))]})
    return [header, *sections]


def open_incidents_blocks(incidents: list[Incident], now: datetime, hidden: frozenset[str] = frozenset()) -> list[dict]:
    """`hidden`: ids of private incidents the reader may not see: only number and severity."""
    lines = [
        text.private_incident_line(i.id, i.severity.value) if i.id in hidden else
        f"{i.severity.emoji} *{i.id}* {i.severity.value} · {i.status.label} · "
        f"{f'<#{i.channel_id}>' if i.channel_id else t('ui-list-war-room-pending')} · {escape(i.title)} "
        f"({text.format_duration(i.duration(now))})"
        for i in incidents
    ]
    header = {"type": "header", "text": plain(t("ui-list-header", count=str(len(incidents))), MAX_HEADER)}
    sections = [{"type": "section", "text": mrkdwn(c)} for c in chunk_lines(lines)]
    return [header, *sections[: MAX_MESSAGE_BLOCKS - 1]]



def _eta_option(choice: str) -> dict:
    return {"text": plain(t("ui-update-eta-within", eta=choice)), "value": choice}


def update_modal(incident: Incident, cadence_label: str, response_url: str | None = None) -> dict:
    """A proper status update: what happened, current impact, next steps, next update ETA."""
    multiline = {"type": "plain_text_input", "action_id": "value", "multiline": True, "max_length": 2000}
    return {
        "type": "modal",
        "callback_id": VIEW_POST_UPDATE,
        "title": modal_title(t("ui-update-title")),
        "submit": plain(t("ui-post-update"), 24),
        "close": plain(t("ui-cancel"), 24),
        "private_metadata": _with_response_url({"incident_id": incident.id}, response_url),
        "blocks": [
            {
                "type": "section",
                "text": mrkdwn(
                    f"*{incident.id}* · {escape(incident.title)}\n{incident.severity.label} · {incident.status.label} · "
                    + (t("ui-update-cadence", cadence=cadence_label) if cadence_label != "off" else t("ui-update-no-cadence"))
                ),
            },
            {"type": "input", "block_id": BLOCK_WHAT, "label": plain(t("ui-update-what")), "element": multiline},
            {"type": "input", "block_id": BLOCK_IMPACT, "optional": True, "label": plain(t("ui-update-impact")), "element": multiline},
            {"type": "input", "block_id": BLOCK_NEXT, "optional": True, "label": plain(t("ui-update-next-steps")), "element": multiline},
            {
                "type": "input",
                "block_id": BLOCK_ETA,
                "optional": True,
                "label": plain(t("ui-update-next-update")),
                "element": {
                    "type": "static_select",
                    "action_id": "value",
                    "placeholder": plain(t("ui-update-on-cadence", cadence=cadence_label) if cadence_label != "off" else t("ui-update-eta-none")),
                    "options": [_eta_option(c) for c in ETA_CHOICES],
                },
            },
        ],
    }


def status_update_message(incident: Incident, what: str, impact: str, next_steps: str, author: str) -> list[dict]:
    fields = [
        mrkdwn(f"*{t('ui-card-status')}*\n{incident.status.emoji} {incident.status.label}"),
        mrkdwn(f"*{t('ui-card-severity')}*\n{incident.severity.emoji} {incident.severity.label}"),
    ]
    if impact:
        fields.append(mrkdwn(f"*{t('ui-update-impact')}*\n{escape(impact[:1900])}"))
    if next_steps:
        fields.append(mrkdwn(f"*{t('ui-update-next-steps')}*\n{escape(next_steps[:1900])}"))
    due = (
        " · " + t("ui-update-message-next-due", at=text.slack_time(incident.next_update_due)) if incident.next_update_due else ""
    )
    return [
        {"type": "header", "text": plain(t("ui-update-message-header", id=incident.id, title=incident.title), MAX_HEADER)},
        {"type": "section", "text": mrkdwn(escape(what))},
        {"type": "section", "fields": fields},
        {"type": "context", "elements": [mrkdwn(t("ui-update-message-posted-by", user=author, due=due))]},
    ]


def nudge_message(incident: Incident, stage: int, overdue, cadence) -> list[dict]:
    from bot.incident.cadence import format_cadence

    roles = incident.roles
    if stage > 1:
        people = [u for u in (roles.incident_commander, roles.comms_lead) if u]
        who = Mrkdwn(" ".join(f"<@{u}>" for u in dict.fromkeys(people)) or t("ui-nudge-incident-commander"))
        message = text.escalation(
            incident.id, who, text.format_duration(overdue), text.slack_time(incident.next_update_due or incident.declared_at)
        )
    else:
        target = roles.comms_lead or roles.incident_commander
        message = text.nudge(incident.id, Mrkdwn(f"<@{target}>" if target else t("ui-nudge-incident-commander")), format_cadence(cadence))
    return [
        {"type": "section", "text": mrkdwn(message)},
        {
            "type": "actions",
            "block_id": "nudge",
            "elements": [button(t("ui-post-update"), ACTION_OPEN_UPDATE, incident.id, style="primary")],
        },
    ]


# --- alert intake (issue 4) ----------------------------------------------------------------

ACTION_DECLARE_FROM_ALERT = "declare_from_alert"
MAX_ALERTS_SHOWN = 10


def _alert_section(alert) -> dict:
    """One alert (a `bot.intake.models.Alert`): name, state, summary, labels, link."""
    state = t("ui-alert-firing") if alert.status == "firing" else t("ui-alert-resolved")
    labels = " ".join(f"`{escape(k)}={escape(v)}`" for k, v in sorted(alert.labels.items()) if k != "alertname")
    lines = [f"*{escape(alert.name)}* · {state} · {escape(alert.source)}", escape(alert.summary)]
    description = alert.annotations.get("description")
    if description and description != alert.summary:
        lines.append(escape(description))
    if labels:
        lines.append(labels)
    if kit_safe_url(alert.url):
        lines.append(link(alert.url, t("ui-alert-source")))
    return {"type": "section", "text": mrkdwn("\n".join(lines))}


def _more_alerts(alerts: list, omitted: int) -> list[dict]:
    """"and 3,412 more": alerts not shown, including those the bot or Alertmanager left out."""
    more = max(len(alerts) - MAX_ALERTS_SHOWN, 0) + omitted
    if not more:
        return []
    return [{"type": "context", "elements": [mrkdwn(text.more_alerts(more))]}]


def alert_blocks(alerts: list, intro: str, omitted: int = 0) -> list[dict]:
    """An intro line, then up to 10 alerts; the rest (and any `omitted`) are counted."""
    shown = [_alert_section(a) for a in alerts[:MAX_ALERTS_SHOWN]]
    return [{"type": "section", "text": mrkdwn(intro)}, *shown, *_more_alerts(alerts, omitted)]


def triage_message(triage_id: str, alerts: list, reason: str, severity: Severity, omitted: int = 0) -> list[dict]:
    """A triage-channel message: the alerts and a *Declare incident* button."""
    first = alerts[0]
    header = {"type": "header", "text": plain(t("ui-triage-header", name=first.name), MAX_HEADER)}
    shown = [_alert_section(a) for a in alerts[:MAX_ALERTS_SHOWN]]
    context = {"type": "context", "elements": [mrkdwn(text.triage_reason(reason, severity.label))]}
    actions = {
        "type": "actions",
        "block_id": "triage",
        "elements": [button(t("ui-triage-declare"), ACTION_DECLARE_FROM_ALERT, triage_id, style="primary")],
    }
    return [header, *shown, *_more_alerts(alerts, omitted), context, actions]


def triage_declared_message(alerts: list, incident_id: str, channel_id: str | None, user_id: str) -> list[dict]:
    """The triage message once declared: its button replaced by who declared what."""
    first = alerts[0]
    header = {"type": "header", "text": plain(t("ui-triage-declared-header", name=first.name), MAX_HEADER)}
    shown = [_alert_section(a) for a in alerts[:MAX_ALERTS_SHOWN]]
    done = {"type": "context", "elements": [mrkdwn(text.triage_declared(incident_id, channel_id, user_id))]}
    return [header, *shown, done]
