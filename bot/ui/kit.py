"""Block Kit primitives every builder shares: text objects, buttons, and packing lines into
sections, each within Slack's limits. Pure functions of their arguments."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from i18n import t

MAX_SECTION = 3000
MAX_HEADER = 150
MAX_MESSAGE_BLOCKS = 50


class Mrkdwn(str):
    """Text already in Slack's markup (escaped, or markup the bot means: mentions, dates, links).
    `escape` leaves it alone, so nothing is escaped twice."""


def escape(value: object) -> Mrkdwn:
    """The one escaping function: Slack's three control characters in user, alert, deploy or model
    text, so it shows as typed and never becomes a mention (<!channel>) or a link.
    https://api.slack.com/reference/surfaces/formatting#escaping : "replace & with &amp;,
    < with &lt; and > with &gt;" (and nothing else)."""
    if isinstance(value, Mrkdwn):
        return value
    text = str(value)
    return Mrkdwn(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


_ESCAPED_MENTION = re.compile(r"&lt;@([UW][A-Z0-9]+)&gt;")


def escape_keeping_mentions(value: object) -> Mrkdwn:
    """`escape`, then a person's own mention of someone (`<@U123>`, as the timeline records a role
    handed over or a captured message) stays a mention; never @channel, @here or a link."""
    return Mrkdwn(_ESCAPED_MENTION.sub(r"<@\1>", escape(value)))


_SAFE_URL = re.compile(r"^[^\s<>|\x00-\x1f\x7f]+$")


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit to put inside <...|...>, or None (javascript:, slack:, spaces, | and >
    could change the link or the label)."""
    if not url or not _SAFE_URL.match(url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.replace("&", "&amp;")


def link(url: str | None, label: str) -> Mrkdwn:
    """A link built only from a validated http(s) URL, its label escaped; otherwise just the label."""
    target = safe_url(url)
    if target is None:
        return escape(label)
    return Mrkdwn(f"<{target}|{escape(label)}>")


def plain(value: str, limit: int | None = None) -> dict:
    if limit is not None and len(value) > limit:
        value = value[: limit - 1] + "…"
    return {"type": "plain_text", "text": value, "emoji": True}


def mrkdwn(value: str) -> dict:
    if len(value) > MAX_SECTION:
        value = value[: MAX_SECTION - 1] + "…"
    return {"type": "mrkdwn", "text": value}


def person(user_id: str | None) -> Mrkdwn:
    return Mrkdwn(f"<@{user_id}>" if user_id else t("ui-unassigned"))


MAX_MODAL_TITLE = 24  # https://docs.slack.dev/reference/views/modal-views: title "Max length of 24 characters"


def modal_title(*wordings: str) -> dict:
    """The first wording that fits a modal title; never a word cut in half. The last resort keeps
    whole words of the last wording."""
    for wording in wordings:
        if len(wording) <= MAX_MODAL_TITLE:
            return plain(wording)
    words, kept = wordings[-1].split(), ""
    for word in words:
        if len(f"{kept} {word}".strip()) > MAX_MODAL_TITLE:
            break
        kept = f"{kept} {word}".strip()
    return plain(kept or words[0][:MAX_MODAL_TITLE])


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
