"""Block Kit for the systems around the incident: status-page drafts, paging, acknowledgements,
the card's links. Pure functions; vendor text is escaped here before it meets Slack markup."""

from __future__ import annotations

import json

from bot.ui.kit import button, escape, link, modal_title, mrkdwn, plain
from i18n import current_locale, t

ACTION_PUBLISH_STATUS = "statuspage_publish"
ACTION_EDIT_STATUS = "statuspage_edit"
ACTION_PAGE_ONCALL = "page_oncall"
ACTION_MAKE_ROLE = "make_role_holder"  # + ":<role>", value "<incident id>|<user id>"
ACTION_OPEN_TICKETS = "open_tickets"  # value: the incident id (a private incident's items)
VIEW_STATUS_DRAFT = "statuspage_draft"
BLOCK_SP_TITLE, BLOCK_SP_STATUS, BLOCK_SP_BODY = "sp_title", "sp_status", "sp_body"
PUBLIC_STATUSES = ("investigating", "identified", "monitoring", "resolved")
_PUBLIC_STATUS_LABELS = {
    "investigating": "ui-status-investigating",
    "identified": "ui-status-identified",
    "monitoring": "ui-status-monitoring",
    "resolved": "ui-status-resolved",
}
_DRAFT_STATUS_WORDS = {  # the draft's status as the status page names it
    "investigating": "ui-statuspage-status-investigating",
    "identified": "ui-statuspage-status-identified",
    "monitoring": "ui-statuspage-status-monitoring",
    "resolved": "ui-statuspage-status-resolved",
}


# A link's label is stored as a name ("Bridge", "Status page"); people read it in their language.
_LINK_LABEL_KEYS = {"Bridge": "ui-link-bridge", "Status page": "ui-link-status-page"}


def _link_label(label: str) -> str:
    key = _LINK_LABEL_KEYS.get(label)
    return t(key) if key else label


def card_links(links: dict[str, str]) -> dict:
    return {"type": "context", "block_id": "links",
            "elements": [mrkdwn(" · ".join(f":link: {link(url, _link_label(label))}" for label, url in links.items()))]}


def page_button(incident_id: str) -> dict:
    element = button(t("ui-page-oncall"), ACTION_PAGE_ONCALL, incident_id)
    element["confirm"] = {
        "title": plain(t("ui-page-confirm-title"), 100),
        "text": plain(t("ui-page-confirm-text", id=incident_id), 300),
        "confirm": plain(t("ui-page-confirm"), 30),
        "deny": plain(t("ui-page-deny"), 30),
    }
    return element


def status_draft(incident_id: str, title: str, status: str, body: str, live_url: str | None) -> list[dict]:
    """A status-page draft with Publish and Edit: nothing goes public without a person's click."""
    where = t("ui-statuspage-updates", incident=link(live_url, t("ui-statuspage-the-public-incident"))) if live_url else t("ui-statuspage-creates")
    return [
        {"type": "section", "text": mrkdwn(
            f":mega: *{t('ui-statuspage-draft')}* · _{t(_DRAFT_STATUS_WORDS[status]) if status in _DRAFT_STATUS_WORDS else escape(status)}_\n*{escape(title)}*\n{escape(body)}")},
        {"type": "context", "elements": [mrkdwn(t("ui-statuspage-publishing", where=where))]},
        {"type": "actions", "block_id": "statuspage", "elements": [
            button(t("ui-statuspage-publish-button"), ACTION_PUBLISH_STATUS, incident_id, style="primary"),
            button(t("ui-statuspage-edit"), ACTION_EDIT_STATUS, incident_id),
        ]},
    ]


def status_draft_modal(incident_id: str, title: str, status: str, body: str) -> dict:
    options = [{"text": plain(t(_PUBLIC_STATUS_LABELS[s])), "value": s} for s in PUBLIC_STATUSES]
    initial = next((o for o in options if o["value"] == status), options[0])
    return {
        "type": "modal",
        "callback_id": VIEW_STATUS_DRAFT,
        "private_metadata": json.dumps({"incident_id": incident_id, "locale": current_locale()}),
        "title": modal_title(t("ui-statuspage-modal-title")),
        "submit": plain(t("ui-statuspage-publish"), 24),
        "close": plain(t("ui-cancel"), 24),
        "blocks": [
            {"type": "input", "block_id": BLOCK_SP_TITLE, "label": plain(t("ui-statuspage-public-title")),
             "element": {"type": "plain_text_input", "action_id": "value", "initial_value": title[:200],
                         "max_length": 200}},
            {"type": "input", "block_id": BLOCK_SP_STATUS, "label": plain(t("ui-card-status")),
             "element": {"type": "static_select", "action_id": "value", "options": options,
                         "initial_option": initial}},
            {"type": "input", "block_id": BLOCK_SP_BODY, "label": plain(t("ui-statuspage-message")),
             "element": {"type": "plain_text_input", "action_id": "value", "multiline": True,
                         "initial_value": body[:2900], "max_length": 2900}},
        ],
    }


def acknowledged(incident_id: str, who: str, system: str, slack_user: str | None) -> list[dict]:
    """Who acknowledged the page, with one click to make them a role holder (when we know their
    Slack account; else a button that opens the role form)."""
    line = t("ui-page-acknowledged", who=escape(who), system=escape(system))
    if slack_user:
        elements = [
            button(t("ui-page-make-tech-lead", who=who[:40]), f"{ACTION_MAKE_ROLE}:tech_lead", f"{incident_id}|{slack_user}"),
            button(t("ui-page-add-sme", who=who[:40]), f"{ACTION_MAKE_ROLE}:sme", f"{incident_id}|{slack_user}"),
        ]
    else:
        elements = [button(t("ui-page-choose-tech-lead"), "open_role_modal:tech_lead", incident_id)]
    return [{"type": "section", "text": mrkdwn(line)},
            {"type": "actions", "block_id": "acknowledged", "elements": elements}]


def open_tickets_prompt(incident_id: str, line: str) -> list[dict]:
    """A private incident's items stay in the war room until the IC sends them to the tracker."""
    return [{"type": "section", "block_id": "tickets", "text": mrkdwn(line),
             "accessory": button("Open tickets", ACTION_OPEN_TICKETS, incident_id)}]
