"""A readable rendering of a channel: what a person scrolling it would see.

Used by the drill to print the war room, and by tests when an assertion fails.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from slack_standin.state import Channel, Ephemeral, Message, Workspace

_INDENT = "    "


def clock_time(ts: str) -> str:
    return datetime.fromtimestamp(float(ts), tz=UTC).strftime("%H:%M:%S")


def plain(ws: Workspace, text: str) -> str:
    """Slack markup made readable: <@U1> → @alice, <#C1|name> → #name, <url|label> → label."""

    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or ws.display_name(target[1:]))
        if target.startswith("#"):
            channel = ws.channel(target[1:])
            return "#" + (label or (channel.name if channel else target[1:]))
        if target.startswith("!"):
            return "@" + (label or target[1:].split("^")[0])
        return label or target

    return re.sub(r"<([^<>]+)>", replace, text)


def _text(obj: Any) -> str:
    if isinstance(obj, dict):
        return str(obj.get("text", ""))
    return str(obj or "")


def _element(element: dict[str, Any]) -> str:
    kind = element.get("type")
    if kind == "button":
        return f"[{_text(element.get('text'))}]"
    if kind == "image":
        return f"[image: {element.get('alt_text', '')}]"
    if kind == "overflow":
        return "[…]"
    label = _text(element.get("placeholder")) or str(kind)
    initial = element.get("initial_option")
    if isinstance(initial, dict):
        label = _text(initial.get("text"))
    return f"[{label} ▾]"


def _rich_text(elements: list[Any]) -> str:
    parts: list[str] = []
    for element in elements:
        if not isinstance(element, dict):
            continue
        if "elements" in element:
            parts.append(_rich_text(element["elements"]))
        elif element.get("type") == "text":
            parts.append(str(element.get("text", "")))
        elif element.get("type") == "user":
            parts.append(f"<@{element.get('user_id')}>")
        elif element.get("type") == "link":
            parts.append(str(element.get("text") or element.get("url", "")))
        elif element.get("type") == "emoji":
            parts.append(f":{element.get('name')}:")
    return "".join(parts)


def block_lines(blocks: list[dict[str, Any]]) -> list[str]:
    """Blocks flattened to text lines, Slack markup left as is."""
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            lines.append(f"## {_text(block.get('text'))}")
        elif kind == "section":
            if block.get("text"):
                lines.extend(_text(block["text"]).splitlines() or [""])
            if block.get("fields"):
                lines.append(" | ".join(_text(f).replace("\n", " ") for f in block["fields"]))
            if isinstance(block.get("accessory"), dict):
                lines.append(_element(block["accessory"]))
        elif kind == "context":
            lines.append(
                " · ".join(
                    _element(e) if e.get("type") == "image" else _text(e)
                    for e in block.get("elements", [])
                )
            )
        elif kind == "actions":
            lines.append(" ".join(_element(e) for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("----")
        elif kind == "image":
            lines.append(f"[image: {block.get('alt_text', '')}]")
        elif kind == "input":
            element = block.get("element", {})
            lines.append(f"{_text(block.get('label'))}: {_element(element)}")
        elif kind == "rich_text":
            lines.extend(_rich_text(block.get("elements", [])).splitlines())
        elif kind == "markdown":
            lines.extend(str(block.get("text", "")).splitlines())
        else:
            lines.append(f"[{kind}]")
    return lines


def _message_lines(ws: Workspace, message: Message, pinned: bool) -> list[str]:
    author = ws.display_name(message.user)
    when = clock_time(message.ts)
    if message.is_system:
        text = plain(ws, message.text)
        if not text.startswith("@"):
            text = f"@{author} {text}"
        return [f"{when}  — {text}"]
    marks = (" [pinned]" if pinned else "") + (" (edited)" if message.edited else "")
    body = block_lines(message.blocks) if message.blocks else plain(ws, message.text).splitlines()
    body += [f"[file: {f.get('title') or f.get('name')}]" for f in message.files]
    if message.blocks:
        body = [plain(ws, line) for line in body]
    if len(body) == 1:
        return [f"{when}  @{author}{marks}: {body[0]}"]
    return [f"{when}  @{author}{marks}:"] + [_INDENT + line for line in body]


def _header(ws: Workspace, channel: Channel) -> str:
    parts = [f"#{channel.name} ({channel.id})", "private" if channel.is_private else "public"]
    if channel.is_archived:
        parts.append("archived")
    if channel.topic.value:
        parts.append(f"topic: {plain(ws, channel.topic.value)}")
    if channel.purpose.value:
        parts.append(f"purpose: {plain(ws, channel.purpose.value)}")
    parts.append(f"members: {', '.join('@' + ws.display_name(m) for m in channel.members)}")
    return " · ".join(parts)


def _ephemeral_lines(ws: Workspace, ephemeral: Ephemeral) -> list[str]:
    lines = block_lines(ephemeral.blocks) if ephemeral.blocks else ephemeral.text.splitlines()
    lines = [plain(ws, line) for line in lines] or [""]
    head = f"{clock_time(ephemeral.ts)}  (only @{ws.display_name(ephemeral.user)} sees this)"
    if len(lines) == 1:
        return [f"{head}: {lines[0]}"]
    return [f"{head}:"] + [_INDENT + line for line in lines]


def transcript(ws: Workspace, channel_id: str, *, include_ephemerals: bool = False) -> str:
    """The channel as text: header, then each message with its thread indented beneath it."""
    channel = ws.channel(channel_id)
    if channel is None:
        raise KeyError(f"no channel {channel_id}")
    entries: list[tuple[str, list[str]]] = []
    for message in ws.top_level(channel_id):
        lines = _message_lines(ws, message, ws.is_pinned(channel_id, message.ts))
        for reply in ws.replies(channel_id, message.ts):
            reply_lines = _message_lines(ws, reply, ws.is_pinned(channel_id, reply.ts))
            lines.append(_INDENT + "↳ " + reply_lines[0])
            lines.extend(_INDENT + line for line in reply_lines[1:])
        entries.append((message.ts, lines))
    if include_ephemerals:
        for ephemeral in ws.ephemerals:
            if ephemeral.channel == channel_id and not ephemeral.deleted:
                entries.append((ephemeral.ts, _ephemeral_lines(ws, ephemeral)))
    entries.sort(key=lambda entry: float(entry[0]))
    out = [_header(ws, channel)]
    for _, lines in entries:
        out.extend(lines)
    return "\n".join(out)
