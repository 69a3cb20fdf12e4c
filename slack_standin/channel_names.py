"""Slack's channel-name rules, as `conversations.create` applies them.

Slack documents: "Channel names may only contain lowercase letters, numbers, hyphens, and
underscores, and must be 80 characters or less", and `invalid_name_specials` covers "unallowed
special characters or upper case characters": upper case is rejected, never lowered for you.
The order in which the checks run when several apply is not documented; ours is
required, max length, specials, punctuation-only. `invalid_name` (the catch-all) is never
produced here; inject it with `SlackStandIn.fail` if a test needs it.
"""

from __future__ import annotations

import re

MAX_CHANNEL_NAME_LENGTH = 80

_ALLOWED = re.compile(r"[a-z0-9_-]+")
_PUNCTUATION_ONLY = re.compile(r"[_-]+")


def channel_name_error(name: str) -> str | None:
    """The Slack error code `conversations.create` would answer for this name, or None if valid."""
    if name == "":
        return "invalid_name_required"
    if len(name) > MAX_CHANNEL_NAME_LENGTH:
        return "invalid_name_maxlength"
    if not _ALLOWED.fullmatch(name):
        return "invalid_name_specials"
    if _PUNCTUATION_ONLY.fullmatch(name):
        return "invalid_name_punctuation"
    return None
