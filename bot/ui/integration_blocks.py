"""Block Kit for the systems around the incident: status-page drafts, paging, acknowledgements,
the card's links. Pure functions; vendor text is escaped here before it meets Slack markup."""

from __future__ import annotations

from bot.ui.kit import button, escape, link, mrkdwn, plain

ACTION_PUBLISH_STATUS = "statuspage_publish"
ACTION_EDIT_STATUS = "statuspage_edit"
ACTION_PAGE_ONCALL = "page_oncall"
ACTION_MAKE_ROLE = "make_role_holder"  # + ":<role>", value "<incident id>|<user id>"
ACTION_OPEN_TICKETS = "open_tickets"  # value: the incident id (a private incident's items)
VIEW_STATUS_DRAFT = "statuspage_draft"
BLOCK_SP_TITLE, BLOCK_SP_STATUS, BLOCK_SP_BODY = "sp_title", "sp_status", "sp_body"
PUBLIC_STATUSES = ("investigating", "identified", "monitoring", "resolved")


def card_links(links: dict[str, str]) -> dict:
    return {"type": "context", "block_id": "links",
            "elements": [mrkdwn(" · ".join(f":link: {link(url, label)}" for label, url in links.items()))]}


def page_button(incident_id: str) -> dict:
    element = button("Page on-call", ACTION_PAGE_ONCALL, incident_id)
    element["confirm"] = {
        "title": plain("Page the on-call?", 100),
        "text": plain(f"The on-call gets paged for {incident_id} now.", 300),
        "confirm": plain("Page", 30),
        "deny": plain("Not now", 30),
    }
    return element


def status_draft(incident_id: str, title: str, status: str, body: str, live_url: str | None) -> list[dict]:
    """A status-page draft with Publish and Edit: nothing goes public without a person's click."""
    where = f"updates {link(live_url, 'the public incident')}" if live_url else "creates a public incident"
    return [
        {"type": "section", "text": mrkdwn(
            f":mega: *Status page draft* · _{escape(status)}_\n*{escape(title)}*\n{escape(body)}")},
        {"type": "context", "elements": [mrkdwn(f"Publishing {where}. Only the comms lead or the IC may publish.")]},
        {"type": "actions", "block_id": "statuspage", "elements": [
            button("Publish to status page", ACTION_PUBLISH_STATUS, incident_id, style="primary"),
            button("Edit", ACTION_EDIT_STATUS, incident_id),
        ]},
    ]


def status_draft_modal(incident_id: str, title: str, status: str, body: str) -> dict:
    options = [{"text": plain(s.capitalize()), "value": s} for s in PUBLIC_STATUSES]
    initial = next((o for o in options if o["value"] == status), options[0])
    return {
        "type": "modal",
        "callback_id": VIEW_STATUS_DRAFT,
        "private_metadata": incident_id,
        "title": plain("Status page", 24),
        "submit": plain("Publish"),
        "close": plain("Cancel"),
        "blocks": [
            {"type": "input", "block_id": BLOCK_SP_TITLE, "label": plain("Public title"),
             "element": {"type": "plain_text_input", "action_id": "value", "initial_value": title[:200],
                         "max_length": 200}},
            {"type": "input", "block_id": BLOCK_SP_STATUS, "label": plain("Status"),
             "element": {"type": "static_select", "action_id": "value", "options": options,
                         "initial_option": initial}},
            {"type": "input", "block_id": BLOCK_SP_BODY, "label": plain("Message"),
             "element": {"type": "plain_text_input", "action_id": "value", "multiline": True,
                         "initial_value": body[:2900], "max_length": 2900}},
        ],
    }


def acknowledged(incident_id: str, who: str, system: str, slack_user: str | None) -> list[dict]:
    """Who acknowledged the page, with one click to make them a role holder (when we know their
    Slack account; else a button that opens the role form)."""
    line = f":white_check_mark: *{escape(who)}* acknowledged the page in {escape(system)}."
    if slack_user:
        elements = [
            button(f"Make {who[:40]} Tech Lead", f"{ACTION_MAKE_ROLE}:tech_lead", f"{incident_id}|{slack_user}"),
            button(f"Add {who[:40]} as SME", f"{ACTION_MAKE_ROLE}:sme", f"{incident_id}|{slack_user}"),
        ]
    else:
        elements = [button("Choose the Tech Lead…", "open_role_modal:tech_lead", incident_id)]
    return [{"type": "section", "text": mrkdwn(line)},
            {"type": "actions", "block_id": "acknowledged", "elements": elements}]


def open_tickets_prompt(incident_id: str, line: str) -> list[dict]:
    """A private incident's items stay in the war room until the IC sends them to the tracker."""
    return [{"type": "section", "block_id": "tickets", "text": mrkdwn(line),
             "accessory": button("Open tickets", ACTION_OPEN_TICKETS, incident_id)}]
