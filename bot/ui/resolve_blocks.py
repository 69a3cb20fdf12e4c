"""The resolve form: resolving asks what fixed it, so the postmortem's Resolution is written by
the people who resolved it (issue 10 §6)."""

from __future__ import annotations

import json

from bot.incident.model import Incident
from bot.ui.kit import mrkdwn, plain

VIEW_RESOLVE = "resolve_incident_form"
BLOCK_RESOLUTION = "resolution"
RESOLUTION_MAX = 2900


def resolve_modal(incident: Incident) -> dict:
    return {
        "type": "modal",
        "callback_id": VIEW_RESOLVE,
        "title": plain(f"Resolve {incident.id}", 24),
        "submit": plain("Resolve", 24),
        "close": plain("Cancel", 24),
        "private_metadata": json.dumps({"incident_id": incident.id}),
        "blocks": [
            {"type": "section", "text": mrkdwn(f"*{incident.id}* · {incident.title}")},
            {
                "type": "input",
                "block_id": BLOCK_RESOLUTION,
                "label": plain("What resolved it?"),
                "hint": plain("One or two sentences for the postmortem's Resolution, e.g. rolled back 4312; errors back to baseline."),
                "element": {"type": "plain_text_input", "action_id": "value", "multiline": True,
                            "max_length": RESOLUTION_MAX},
            },
        ],
    }
