"""*Follow* an incident: followers get a direct message when its severity or status changes, at
each status update and when it is resolved.

Following needs what viewing needs (a private incident only for its war room and the admins,
bot/flows/guard.py). The DMs go out beside the change (a slow or refusing Slack never delays
it), through Slack's pace; a DM needs the App Home's Messages tab (on in manifest.yml). A DM
Slack refuses is kept (`ic:follow:undelivered`) and tried again by the scheduler's sweep
(`retry_follower_notices`), once across processes: a claim per notice, the notice read again
under the claim and deleted only after Slack accepted it. After FOLLOWER_DM_ATTEMPTS refusals it
is dropped with a log line: the war room and the card remain the record.
"""

from __future__ import annotations

import logging
import uuid

from bot.flows import guard
from bot.flows.beyond.common import spawn
from bot.flows.context import FlowContext
from bot.flows.history import history_store
from bot.platform.history_store import UndeliveredNotice
from bot.incident.access import Action
from bot.incident.model import Incident
from bot.slack.gateway import SlackFailure
from bot.ui import text
from bot.flows.reader_locale import words_for

log = logging.getLogger(__name__)

FOLLOWER_DM_ATTEMPTS = 5  # tries in all (the first, then one per sweep) before a notice is dropped
RETRY_LOCK_SECONDS = 300  # one process at a time tries a notice; released after the try


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
            await ctx.slack.post(follower, await _in_their_words(ctx, follower, message))
            sent += 1
        except SlackFailure as failure:
            log.warning("follower DM refused; kept for the next sweep",
                        extra={"incident_id": incident.id, "error": failure.error})
            await history_store(ctx).keep_undelivered(UndeliveredNotice(
                id=uuid.uuid4().hex, user=follower, incident_id=incident.id, text=message,
                last_error=failure.error))
    return sent


async def retry_follower_notices(ctx: FlowContext) -> int:
    """The scheduler's sweep: send the follower DMs Slack refused before; the number sent."""
    store = history_store(ctx)
    sent = 0
    for pending in await store.undelivered():
        claim = f"follower-notice:{pending.id}"
        if not await ctx.store.claim(claim, ttl_seconds=RETRY_LOCK_SECONDS):
            continue  # another process is trying it
        try:
            current = await store.undelivered(pending.id)
            if not current:
                continue  # sent (or dropped) by another process since the list was read
            notice = current[0]
            try:
                await ctx.slack.post(notice.user, notice.text)
            except SlackFailure as failure:
                notice.failures += 1
                notice.last_error = failure.error
                if notice.failures >= FOLLOWER_DM_ATTEMPTS:
                    await store.forget_undelivered(notice.id)
                    log.warning("follower DM dropped after %d refusals", notice.failures,
                                extra={"incident_id": notice.incident_id, "user": notice.user,
                                       "error": failure.error})
                else:
                    await store.keep_undelivered(notice)
                continue
            await store.forget_undelivered(notice.id)
            sent += 1
        finally:
            await ctx.store.release(claim)
    return sent


def tell_followers(ctx: FlowContext, incident: Incident, message: str, actor: str | None = None) -> None:
    """DM every follower but the actor, beside the change."""
    spawn(_send(ctx, incident, message, actor), f"followers of {incident.id}")


async def _in_their_words(ctx: FlowContext, follower: str, message: str) -> str:
    """A DM is read by one person: a text sentence is said again in the follower's language."""
    again = getattr(message, "again", None)
    if again is None:
        return message
    async with words_for(ctx, follower):
        return again()
