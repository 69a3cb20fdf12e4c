"""Block Kit primitives every builder shares: text objects, buttons, and packing lines into
sections, each within Slack's limits. Pure functions of their arguments."""

from __future__ import annotations

MAX_SECTION = 3000
MAX_HEADER = 150
MAX_MESSAGE_BLOCKS = 50


def plain(value: str, limit: int | None = None) -> dict:
    if limit is not None and len(value) > limit:
        value = value[: limit - 1] + "…"
    return {"type": "plain_text", "text": value, "emoji": True}


def mrkdwn(value: str) -> dict:
    if len(value) > MAX_SECTION:
        value = value[: MAX_SECTION - 1] + "…"
    return {"type": "mrkdwn", "text": value}


def person(user_id: str | None) -> str:
    return f"<@{user_id}>" if user_id else "_unassigned_"


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict:
    element = {"type": "button", "text": plain(label, 75), "action_id": action_id, "value": value}
    if style:
        element["style"] = style
    return element


def chunk_lines(lines: list[str], limit: int = MAX_SECTION) -> list[str]:
    """Pack lines into as few sections as fit; a single overlong line is cut."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = line if len(line) <= limit else line[: limit - 1] + "…"
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks
