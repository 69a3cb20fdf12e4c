"""Text arriving from Slack, in Slack's format, turned into what the person typed: once, at the edge.

Slack sends slash-command text (and message text) with `&`, `<`, `>` escaped as `&amp;`, `&lt;`,
`&gt;`, and what the client turned into entities between `<` and `>`: with `should_escape: true`
mentions come as `<@U123|name>`, channels as `<#C123|name>`, links as `<https://…|label>`.
https://api.slack.com/reference/surfaces/formatting#escaping and
https://api.slack.com/interactivity/slash-commands#creating_commands (should_escape).
"""

from __future__ import annotations

import re

_ENTITY = re.compile(r"<([^<>]*)>")
_SPECIAL = {"!here": "@here", "!channel": "@channel", "!everyone": "@everyone"}


def _entity(match: re.Match[str]) -> str:
    target, _, label = match.group(1).partition("|")
    if target.startswith("@"):
        return f"<{target}>"  # a person: kept as a mention the grammar reads the user id from
    if target.startswith("#"):
        return f"#{label}" if label else target
    if target.startswith("!subteam^"):
        return label or "@group"
    if target.startswith("!"):
        return _SPECIAL.get(target, label or target)
    return target  # a link: its address (a label the person typed is not kept)


def from_slack(text: str | None) -> str:
    """Slack's escaped text → plain text; user mentions become `<@U123>` (the id, no label)."""
    if not text:
        return ""
    text = _ENTITY.sub(_entity, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
