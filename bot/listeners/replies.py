"""Turning any outcome of a flow into a clear answer: never silence, never a stack trace."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable

from slack_bolt.async_app import AsyncBoltContext, AsyncRespond

from agents.redact import redact, redact_data

from bot.flows.context import FlowContext, Refused
from bot.commands.grammar import UsageError
from bot.slack.gateway import CHANNEL_GONE_ERRORS, SlackFailure
from bot.platform.incident_store import IncidentNotFound
from bot.platform.redis_keys import StoreUnavailable
from bot.ui import text
from bot.ui.help import usage_answer
from bot.ui.reply import Reply
from i18n import current_locale, t

log = logging.getLogger(__name__)

FLOW_CONTEXT_KEY = "flows"

Say = Callable[[Reply], Awaitable[None]]


def flows(context: AsyncBoltContext) -> FlowContext:
    """The bot's FlowContext, put in every request's Bolt context by bot.app."""
    return context[FLOW_CONTEXT_KEY]


def ephemeral(respond: AsyncRespond) -> Say:
    """Answer the person through the request's response_url, visible to them only, without
    replacing the message they clicked on."""

    async def say(reply: Reply) -> None:
        # respond() posts to the response URL, past the gateway's redaction: redact here too.
        await respond(text=redact(reply.text), blocks=redact_data(reply.blocks), response_type="ephemeral",
                      replace_original=False)

    return say


def explain(exc: BaseException) -> str:
    """The sentence a person should read for a failure."""
    if isinstance(exc, Refused):
        return str(exc)
    if isinstance(exc, UsageError):
        return usage_answer(exc, current_locale())
    if isinstance(exc, StoreUnavailable):
        return text.STORE_UNAVAILABLE
    sentence = getattr(exc, "sentence", None)  # a failure that says itself (flows.declare.DeclareStopped)
    if isinstance(exc, SlackFailure) and isinstance(sentence, str):
        return sentence
    if isinstance(exc, SlackFailure) and exc.error in CHANNEL_GONE_ERRORS:
        return text.channel_gone_error(exc.method, exc.error)
    if isinstance(exc, SlackFailure):
        return text.slack_error(exc.method, exc.error)
    if isinstance(exc, IncidentNotFound):
        return t("text-incident-not-found", incident=str(exc.args[0]))
    ref = uuid.uuid4().hex[:8]
    log.error("unexpected failure", exc_info=exc, extra={"ref": ref})
    return text.internal_error(ref)


async def answering(say: Say, work: Callable[[], Awaitable[Reply | None]]) -> None:
    """Run `work`; say its reply, or what went wrong. A failed `say` is logged, not raised."""
    try:
        reply = await work()
    except Exception as exc:  # every failure becomes a sentence for the person
        reply = Reply(text=explain(exc))
    if reply:
        try:
            await say(reply)
        except Exception:
            log.exception("could not deliver a reply")


async def tell_privately(
    ctx: FlowContext, user_id: str, channel_id: str | None, message: str, response_url: str | None = None
) -> None:
    """An answer to a modal: ephemeral where the person was; where the bot cannot post there
    (not_in_channel...), through the response_url of the command that opened the form; last, a
    direct message (which needs the App Home Messages tab, on in manifest.yml)."""
    if channel_id:
        try:
            await ctx.slack.post_ephemeral(channel_id, user_id, message)
            return
        except SlackFailure as failure:
            log.info("ephemeral not possible", extra={"error": failure.error})
    if response_url:
        from bot.slack.response_url import answer_via_response_url

        if await answer_via_response_url(response_url, message):
            return
    await ctx.slack.post(user_id, message)
