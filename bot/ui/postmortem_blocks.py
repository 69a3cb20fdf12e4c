"""Block Kit for the postmortem: the war-room summary, the action-item review form and lists."""

from __future__ import annotations

import json
from datetime import date

from agents import StepResult
from bot.incident.model import ActionItem, ActionType, Incident
from bot.incident.scorecard import Scorecard
from bot.ui.kit import MAX_HEADER, button, escape, link, modal_title, mrkdwn, plain
from i18n import current_locale, t
from i18n.times import clock_time

ACTION_REVIEW_ACTIONS = "review_action_items"
ACTION_ACTION_DONE = "action_item_done"  # value: "<incident id>#<number>"
VIEW_ACTION_ITEMS = "confirm_action_items"
MAX_ACTION_ROWS = 8  # 4 inputs each stays well under the modal's 100 blocks


def _mark(met: bool | None) -> str:
    return {True: ":white_check_mark:", False: ":x:"}.get(met, ":heavy_minus_sign:")


def summary(incident: Incident, analysis: StepResult, card: Scorecard, actions: list[ActionItem], proposed: int) -> list[dict]:
    out = analysis.output
    scoreline = "\n".join(f"{_mark(c.met)} " + t("ui-pm-score-line", name=escape(c.name), value=escape(c.value)) for c in card.criteria)
    actions_line = (
        t("ui-pm-actions-confirmed", count=str(len(actions)), open=str(sum(a.is_open for a in actions)))
        if actions
        else t("ui-pm-actions-proposed", count=str(proposed))
    )
    root = str(out.get("root_cause") or t("ui-pm-root-cause-unknown"))
    return [
        {"type": "header", "text": plain(t("ui-pm-header", id=incident.id, title=incident.title), MAX_HEADER)},
        {"type": "section", "text": mrkdwn(escape(str(out.get("summary") or "")[:1500]) or t("ui-pm-no-summary"))},
        {"type": "section", "text": mrkdwn(f"*{t('ui-pm-root-cause')}*\n{escape(root[:1400])}")},
        {"type": "section", "text": mrkdwn(t("ui-pm-scorecard", met=str(card.met), judged=str(card.judged)) + f"\n{scoreline}")},
        {"type": "context", "elements": [mrkdwn(f"{actions_line} · " + t("ui-pm-document-in-thread"))]},
        {"type": "actions", "block_id": "postmortem", "elements": [
            button(t("ui-pm-review-actions"), ACTION_REVIEW_ACTIONS, incident.id, style="primary")]},
    ]


_ACTION_TYPE_LABELS = {"mitigate": "ui-pm-action-type-mitigate", "prevent": "ui-pm-action-type-prevent",
                       "detect": "ui-pm-action-type-detect", "process": "ui-pm-action-type-process"}


def _type_option(kind: str) -> dict:
    return {"text": plain(t(_ACTION_TYPE_LABELS[kind]) if kind in _ACTION_TYPE_LABELS else kind), "value": kind}


def action_items_modal(incident: Incident, proposals: list[dict], today: date) -> dict:
    """Up to MAX_ACTION_ROWS items, each: what, owner, due date, type. A row left with no
    description is dropped; a described row needs an owner and a deadline."""
    rows = proposals[: MAX_ACTION_ROWS - 2] + [{}, {}]  # two blank rows for items of your own
    blocks: list[dict] = [{"type": "section", "text": mrkdwn(
        f"*{incident.id}* · {escape(incident.title)}\n" + t("ui-pm-form-intro"))}]
    for n, row in enumerate(rows[:MAX_ACTION_ROWS], start=1):
        what: dict = {"type": "plain_text_input", "action_id": "value", "max_length": 300}
        if row.get("description"):
            what["initial_value"] = row["description"]
        due: dict = {"type": "datepicker", "action_id": "value"}
        if row.get("due"):
            due["initial_date"] = max(row["due"], today).isoformat()
        kind: dict = {"type": "static_select", "action_id": "value", "options": [_type_option(a.value) for a in ActionType]}
        kind["initial_option"] = _type_option(row.get("type") or "prevent")
        blocks += [
            {"type": "input", "block_id": f"what_{n}", "optional": True, "label": plain(t("ui-pm-form-item", number=str(n))), "element": what},
            {"type": "input", "block_id": f"owner_{n}", "optional": True, "label": plain(t("ui-pm-form-owner")),
             "element": {"type": "users_select", "action_id": "value"}},
            {"type": "input", "block_id": f"due_{n}", "optional": True, "label": plain(t("ui-pm-form-deadline")), "element": due},
            {"type": "input", "block_id": f"type_{n}", "optional": True, "label": plain(t("ui-pm-form-type")), "element": kind},
        ]
    return {
        "type": "modal",
        "callback_id": VIEW_ACTION_ITEMS,
        "title": modal_title(t("ui-pm-form-title")),
        "submit": plain(t("ui-pm-form-confirm"), 24),
        "close": plain(t("ui-cancel"), 24),
        "private_metadata": json.dumps({"incident_id": incident.id, "rows": min(len(rows), MAX_ACTION_ROWS), "locale": current_locale()}),
        "blocks": blocks,
    }


def action_list(incident_id: str | None, items: list[tuple[str, ActionItem]] | list[ActionItem]) -> list[dict]:
    pairs = [(incident_id, i) if isinstance(i, ActionItem) else i for i in items]
    blocks: list[dict] = []
    for owner_incident, item in pairs[:45]:
        status = t("ui-pm-item-done-on", date=clock_time(item.done_at, pattern='%Y-%m-%d')) if item.done_at else t("ui-pm-item-due", date=str(item.due))
        line = f"*{owner_incident} #{item.number}* [{_type_option(item.type.value)['text']['text']}] {escape(item.description)}\n<@{item.owner}> · {status}"
        if item.ticket_url and item.ticket_key:
            line += " · " + link(item.ticket_url, item.ticket_key)
        block: dict = {"type": "section", "text": mrkdwn(line)}
        if item.is_open:
            block["accessory"] = button(t("ui-pm-done"), ACTION_ACTION_DONE, f"{owner_incident}#{item.number}")
        blocks.append(block)
    return blocks or [{"type": "section", "text": mrkdwn(t("ui-pm-no-action-items"))}]


def action_reminder(incident_id: str, item: ActionItem, stage: str) -> list[dict]:
    reminder = t("ui-pm-reminder-today" if stage == "due" else "ui-pm-reminder-tomorrow",
                 item=f"{incident_id} #{item.number}", date=str(item.due))
    return [
        {"type": "section", "text": mrkdwn(f"{reminder}\n{escape(item.description)}"),
         "accessory": button(t("ui-pm-done"), ACTION_ACTION_DONE, f"{incident_id}#{item.number}")},
    ]

