"""`/incident`: parse, ack at once, then do the work and answer the person who typed it."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from agents.redact import redact
from bot.commands.dispatch import Invocation, run_command
from bot.commands.grammar import Declare, Help, UsageError, parse_command
from bot.listeners.replies import answering, ephemeral, flows
from bot.slack.text_in import from_slack
from bot.ui import text


async def incident_command(ack: AsyncAck, command: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    try:
        parsed = parse_command(from_slack(command.get("text", "")))
    except UsageError as exc:
        await ack(text=redact(text.usage_error(str(exc))))  # ack() bypasses the gateway's redaction
        return
    if isinstance(parsed, Help):
        await ack(text=text.HELP)
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
