"""`/incident`: parse, ack at once, then do the work and answer the person who typed it."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from agents.redact import redact
from bot.commands.dispatch import Invocation, run_command
from bot.commands.grammar import Command, Declare, Help, UsageError, parse_command
from bot.flows.context import FlowContext
from bot.flows.reader_locale import reader_locale
from bot.listeners.replies import answering, ephemeral, flows
from bot.slack.text_in import from_slack
from bot.ui import text
from bot.ui.help import help_text, usage_answer
from bot.ui.reply import Reply


async def _answer_in_locale(ctx: FlowContext, parsed: UsageError | Help, user_id: str) -> Reply:
    locale = await reader_locale(ctx, user_id)
    if isinstance(parsed, Help):
        return Reply(text=help_text(locale))
    return Reply(text=usage_answer(parsed, locale))


async def incident_command(ack: AsyncAck, command: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    try:
        parsed: Command | UsageError = parse_command(from_slack(command.get("text", "")))
    except UsageError as exc:
        parsed = exc
    if isinstance(parsed, (UsageError, Help)):
        await ack()  # at once; the answer follows in the person's language (a users.info away)
        await answering(ephemeral(respond), lambda: _answer_in_locale(flows(context), parsed, command["user_id"]))
        return
    if isinstance(parsed, Declare) and not parsed.needs_modal:
        await ack(text=redact(text.declaring(parsed.title or "")))
    else:
        await ack()
    invocation = Invocation(
        user_id=command["user_id"],
        channel_id=command["channel_id"],
        trigger_id=command.get("trigger_id"),
        response_url=command.get("response_url"),
    )
    await answering(ephemeral(respond), lambda: run_command(flows(context), parsed, invocation))


def register(app: AsyncApp) -> None:
    app.command("/incident")(incident_command)
