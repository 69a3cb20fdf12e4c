"""Buttons on the incident card."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.flows import changes, follow_up
from bot.flows.agent_steps import request_steps
from bot.flows.context import FlowContext, Refused
from bot.commands.grammar import parse_steps
from bot.incident.cadence import format_cadence
from bot.incident.kinds import Role, Status
from bot.listeners.replies import answering
from bot.ui import blocks, postmortem_blocks, text
from bot.ui.step_blocks import ACTION_RUN_STEPS
from bot.ui.reply import Reply


def _ephemeral(respond: AsyncRespond):
    async def say(reply: Reply) -> None:
        await respond(
            text=reply.text,
            blocks=reply.blocks,
            response_type="ephemeral",
            replace_original=False,
        )

    return say


def register(app: AsyncApp, ctx: FlowContext) -> None:
    @app.action(re.compile(rf"^{blocks.ACTION_OPEN_ROLE}:"))
    async def open_role_modal(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond) -> None:
        await ack()
        role = Role(action["action_id"].split(":", 1)[1])

        async def work() -> None:
            # The trigger expires 3 s after the click: one fast read, then open at once.
            incident = await ctx.store.require(action["value"])
            await ctx.slack.open_view(body["trigger_id"], blocks.role_modal(incident, role))

        await answering(_ephemeral(respond), work)

    @app.action(re.compile(rf"^{blocks.ACTION_SET_STATUS}:"))
    async def set_status(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond) -> None:
        await ack()
        status = Status(action["action_id"].split(":", 1)[1])

        async def work() -> None:
            await changes.set_status(ctx, action["value"], status, body["user"]["id"])

        await answering(_ephemeral(respond), work)

    @app.action(blocks.ACTION_OPEN_UPDATE)
    async def open_update_modal(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond) -> None:
        await ack()

        async def work() -> None:
            incident = await ctx.store.require(action["value"])
            cadence = format_cadence(ctx.settings.cadence(incident.severity))
            await ctx.slack.open_view(body["trigger_id"], blocks.update_modal(incident, cadence))

        await answering(_ephemeral(respond), work)

    @app.action(ACTION_RUN_STEPS)
    async def run_steps_chosen(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond) -> None:
        await ack()
        channel_id = body["channel"]["id"]

        async def work() -> Reply:
            selection = parse_steps(action["selected_option"]["value"])
            incident = await ctx.store.by_channel(channel_id)
            if incident is None:
                raise Refused(text.NOT_IN_WAR_ROOM)
            return await request_steps(ctx, incident, selection.label, selection.steps, body["user"]["id"])

        await answering(_ephemeral(respond), work)

    @app.action(postmortem_blocks.ACTION_REVIEW_ACTIONS)
    async def review_action_items(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond) -> None:
        await ack()

        async def work() -> None:
            incident = await ctx.store.require(action["value"])
            today = ctx.clock().date()
            confirmed = await ctx.followups.actions(incident.id)
            if confirmed:
                rows = [{"description": a.description, "due": a.due, "type": a.type.value, "owner": a.owner} for a in confirmed]
            else:
                analysis = (await ctx.steps.results(incident.id)).get("postmortem")
                rows = follow_up.proposed_actions(analysis.output if analysis else {}, today)
            await ctx.slack.open_view(body["trigger_id"], postmortem_blocks.action_items_modal(incident, rows, today))

        await answering(_ephemeral(respond), work)

    @app.action(postmortem_blocks.ACTION_ACTION_DONE)
    async def action_item_done(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond) -> None:
        await ack()
        incident_id, _, number = action["value"].partition("#")
        actor = body["user"]["id"]

        async def work() -> Reply:
            await follow_up.complete_action(ctx, incident_id, int(number), actor)
            return Reply(text=text.action_done(actor, incident_id, int(number)))

        await answering(_ephemeral(respond), work)

    @app.action(blocks.ACTION_RESOLVE)
    async def resolve(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond) -> None:
        await ack()

        async def work() -> None:
            await changes.resolve(ctx, action["value"], body["user"]["id"])

        await answering(_ephemeral(respond), work)
