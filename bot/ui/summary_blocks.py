"""Block Kit for `/incident summary`: the catch-up lines, where they came from, *Share in channel*."""

from __future__ import annotations

from bot.incident.model import Incident
from bot.ui.kit import button, mrkdwn
from bot.ui.step_blocks import markdown_to_mrkdwn

ACTION_SHARE_SUMMARY = "share_summary"  # value: the incident id


def catch_up(incident: Incident, lines: list[str], source: str, *, shareable: bool, shared_by: str = "") -> list[dict]:
    origin = "written by Claude from the incident record" if source == "claude" else "from the incident record"
    context = f"{incident.id} · {origin}" + (f" · {shared_by}" if shared_by else " · only you can see this")
    blocks: list[dict] = [
        {"type": "section", "text": mrkdwn(f"*Catch-up · {incident.id}*\n" + markdown_to_mrkdwn("\n".join(lines)))},
        {"type": "context", "elements": [mrkdwn(context)]},
    ]
    if shareable:
        blocks.append({"type": "actions", "elements": [button("Share in channel", ACTION_SHARE_SUMMARY, incident.id)]})
    return blocks
