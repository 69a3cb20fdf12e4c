"""Block Kit for `/incident summary`: the catch-up lines, where they came from, *Share in channel*."""

from __future__ import annotations

from bot.incident.model import Incident
from bot.ui.kit import button, mrkdwn
from bot.ui.step_blocks import markdown_to_mrkdwn
from i18n import t

ACTION_SHARE_SUMMARY = "share_summary"  # value: the incident id


def catch_up(incident: Incident, lines: list[str], source: str, *, shareable: bool, shared_by: str = "") -> list[dict]:
    origin = t("ui-summary-by-claude") if source == "claude" else t("ui-summary-from-record")
    context = f"{incident.id} · {origin} · " + (shared_by if shared_by else t("ui-summary-only-you"))
    blocks: list[dict] = [
        {"type": "section", "text": mrkdwn(f"*{t('ui-summary-header', id=incident.id)}*\n" + markdown_to_mrkdwn("\n".join(lines)))},
        {"type": "context", "elements": [mrkdwn(context)]},
    ]
    if shareable:
        blocks.append({"type": "actions", "elements": [button(t("ui-summary-share"), ACTION_SHARE_SUMMARY, incident.id)]})
    return blocks
