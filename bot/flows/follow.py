"""*Follow* an incident: followers get a direct message when its severity or status changes, at
each status update and when it is resolved.

Following needs what viewing needs (a private incident only for its war room and the admins,
bot/flows/guard.py). The DMs go out beside the change (a slow or refusing Slack never delays
it), through Slack's pace; a DM needs the App Home's Messages tab (on in manifest.yml). A DM
Slack refuses is logged and not retried: the war room and the card remain the record.
"""

from __future__ import annotations

import logging

from bot.flows import guard
from bot.flows.beyond.common import spawn
from bot.flows.context import FlowContext
from bot.flows.history import history_store
from bot.incident.access import Action
from bot.incident.model import Incident
from bot.slack.gateway import SlackFailure
from bot.ui import text

log = logging.getLogger(__name__)


async def toggle_follow(ctx: FlowContext, incident_id: str, user_id: str) -> str:
    """Follow (or stop following); the sentence to show the person."""
    incident = await ctx.store.require(incident_id)
    await guard.require(ctx, incident, user_id, Action.VIEW)
    now_following = await history_store(ctx).toggle_follow(incident.id, user_id)
    return text.following(incident.id) if now_following else text.unfollowed(incident.id)


async def _send(ctx: FlowContext, incident: Incident, message: str, actor: str | None) -> int:
    sent = 0
    for follower in await history_store(ctx).followers(incident.id):
        if follower == actor:
            continue  # they made the change
        try:
            await ctx.slack.post(follower, message)
            sent += 1
        except SlackFailure as failure:
            log.warning("follower DM refused", extra={"incident_id": incident.id, "error": failure.error})
    return sent


def tell_followers(ctx: FlowContext, incident: Incident, message: str, actor: str | None = None) -> None:
    """DM every follower but the actor, beside the change."""
    spawn(_send(ctx, incident, message, actor), f"followers of {incident.id}")
