"""`/incident`: parse, ack at once, then do the work and answer the person who typed it."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.flows.context import FlowContext
from bot.commands.grammar import Declare, Help, UsageError, parse_command
from bot.commands.dispatch import Invocation, run_command
from bot.listeners.replies import answering
from bot.ui.reply import Reply
from bot.ui import text


def register(app: AsyncApp, ctx: FlowContext) -> None:
    @app.command("/incident")
    async def incident_command(ack: AsyncAck, command: dict, respond: AsyncRespond) -> None:
        try:
            parsed = parse_command(command.get("text", ""))
        except UsageError as exc:
            await ack(text=text.usage_error(str(exc)))
            return
        if isinstance(parsed, Help):
            await ack(text=text.HELP)
            return
        if isinstance(parsed, Declare) and not parsed.needs_modal:
            await ack(text=text.declaring(parsed.title or ""))
        else:
            await ack()
        invocation = Invocation(
            user_id=command["user_id"],
            channel_id=command["channel_id"],
            trigger_id=command.get("trigger_id"),
        )

        async def say(reply: Reply) -> None:
            await respond(text=reply.text, blocks=reply.blocks, response_type="ephemeral")

        await answering(say, lambda: run_command(ctx, parsed, invocation))
