"""The resolve form: resolving asks what fixed it, so the postmortem's Resolution is written by
the people who resolved it (issue 10 §6)."""

from __future__ import annotations

import json

from bot.incident.model import Incident
from bot.ui.kit import modal_title, mrkdwn, plain
from i18n import current_locale, t

VIEW_RESOLVE = "resolve_incident_form"
BLOCK_RESOLUTION = "resolution"
RESOLUTION_MAX = 2900


def resolve_modal(incident: Incident) -> dict:
    return {
        "type": "modal",
        "callback_id": VIEW_RESOLVE,
        "title": modal_title(t("ui-resolve-title", id=incident.id), t("ui-resolve-title-short")),
        "submit": plain(t("ui-resolve-submit"), 24),
        "close": plain(t("ui-cancel"), 24),
        "private_metadata": json.dumps({"incident_id": incident.id, "locale": current_locale()}),
        "blocks": [
            {"type": "section", "text": mrkdwn(f"*{incident.id}* · {incident.title}")},
            {
                "type": "input",
                "block_id": BLOCK_RESOLUTION,
                "label": plain(t("ui-resolve-label")),
                "hint": plain(t("ui-resolve-hint")),
                "element": {"type": "plain_text_input", "action_id": "value", "multiline": True,
                            "max_length": RESOLUTION_MAX},
            },
        ],
    }
