"""The triage channel: the bot joins it itself where Slack allows, or says exactly what to do.

`conversations.join` (scope `channels:join`) works on public channels only
(https://docs.slack.dev/reference/methods/conversations.join: `method_not_supported_for_channel_type`
for private ones, `is_archived`, `channel_not_found`); a private triage channel needs a person to
`/invite @incident-commander`.
"""

from __future__ import annotations

import logging

from bot.flows.context import FlowContext
from bot.slack.gateway import SlackFailure

log = logging.getLogger(__name__)


def what_to_do(channel: str, error: str) -> str:
    """One sentence for the log (and the README): why the bot cannot post there and the fix."""
    if error == "method_not_supported_for_channel_type":
        return f"INCIDENT_TRIAGE_CHANNEL {channel} is private: invite the bot there (/invite @incident-commander)"
    if error == "is_archived":
        return f"INCIDENT_TRIAGE_CHANNEL {channel} is archived: unarchive it or set another channel"
    if error == "channel_not_found":
        return f"INCIDENT_TRIAGE_CHANNEL {channel} does not exist (use the channel id, C…) or is private without the bot: invite it (/invite @incident-commander)"
    if error == "missing_scope":
        return "the app lacks channels:join: reinstall it from manifest.yml, or invite the bot to the triage channel"
    return f"the bot could not join INCIDENT_TRIAGE_CHANNEL {channel} ({error}): invite it (/invite @incident-commander)"


async def ensure_in_triage_channel(ctx: FlowContext) -> str | None:
    """Join the triage channel; None when the bot is in it, else what to do (also logged)."""
    channel = ctx.settings.triage_channel
    if not channel:
        return None
    try:
        await ctx.slack.join(channel)
    except SlackFailure as failure:
        advice = what_to_do(channel, failure.error)
        log.error("triage channel not usable: %s", advice, extra={"error": failure.error})
        return advice
    return None
