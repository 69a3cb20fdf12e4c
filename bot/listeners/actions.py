"""Buttons and menus on the incident card and on postmortem messages."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from bot.commands.grammar import parse_steps
from bot.flows import changes, follow_up, guard
from bot.incident.access import Action
from bot.flows.agent_steps import request_steps
from bot.flows.context import Refused
from bot.flows.reader_locale import reader_locale
from bot.incident.cadence import format_cadence
from bot.incident.kinds import Role, Status
from bot.flows.reader_locale import words_for
from bot.listeners.replies import answering, ephemeral, flows
from bot.ui import blocks, postmortem_blocks, resolve_blocks, text
from bot.ui.reply import Reply
from bot.ui.step_blocks import ACTION_RUN_STEPS
from i18n import reading_in


async def open_role_modal(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    ctx = flows(context)
    role = Role(action["action_id"].split(":", 1)[1])

    async def work() -> None:
        # The trigger expires 3 s after the click: one fast read, then open at once.
        incident = await ctx.store.require(action["value"])
        await guard.require(ctx, incident, body["user"]["id"], Action.VIEW)
        async with words_for(ctx, body["user"]["id"]):  # a form only the clicker reads
            await ctx.slack.open_view(body["trigger_id"], blocks.role_modal(incident, role, body.get("response_url")))

    await answering(ephemeral(respond), work)


async def set_status(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    status = Status(action["action_id"].split(":", 1)[1])

    async def work() -> None:  # the card and the war room show the change; no private answer
        await changes.set_status(flows(context), action["value"], status, body["user"]["id"])

    await answering(ephemeral(respond), work)


async def open_update_modal(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    ctx = flows(context)

    async def work() -> None:
        incident = await ctx.store.require(action["value"])
        await guard.require(ctx, incident, body["user"]["id"], Action.UPDATE)
        async with words_for(ctx, body["user"]["id"]):
            cadence = format_cadence(ctx.settings.cadence(incident.severity))
            await ctx.slack.open_view(body["trigger_id"], blocks.update_modal(incident, cadence, body.get("response_url")))

    await answering(ephemeral(respond), work)


async def run_steps_chosen(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    ctx = flows(context)
    channel_id = body["channel"]["id"]

    async def work() -> Reply:
        selection = parse_steps(action["selected_option"]["value"])
        incident = await ctx.store.by_channel(channel_id)
        if incident is None:
            async with words_for(ctx, body["user"]["id"]):
                raise Refused(text.NOT_IN_WAR_ROOM)
        return await request_steps(ctx, incident, selection.label, selection.steps, body["user"]["id"])

    await answering(ephemeral(respond), work)


async def review_action_items(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    ctx = flows(context)

    async def work() -> None:
        today = ctx.clock().date()
        incident, rows = await follow_up.review_rows(ctx, action["value"], today, body["user"]["id"])
        async with words_for(ctx, body["user"]["id"]):
            await ctx.slack.open_view(body["trigger_id"], postmortem_blocks.action_items_modal(incident, rows, today))

    await answering(ephemeral(respond), work)


async def action_item_done(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    incident_id, _, number = action["value"].partition("#")
    actor = body["user"]["id"]

    async def work() -> Reply:
        await follow_up.complete_action(flows(context), incident_id, int(number), actor)
        return Reply(text=text.action_done(actor, incident_id, int(number)))

    await answering(ephemeral(respond), work)


async def resolve(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    ctx = flows(context)

    async def work() -> None:  # the form asks what resolved it; submitting resolves
        incident = await ctx.store.require(action["value"])
        await guard.require(ctx, incident, body["user"]["id"], Action.RESOLVE)
        async with words_for(ctx, body["user"]["id"]):
            await ctx.slack.open_view(body["trigger_id"], resolve_blocks.resolve_modal(incident))

    await answering(ephemeral(respond), work)


def register(app: AsyncApp) -> None:
    app.action(re.compile(rf"^{blocks.ACTION_OPEN_ROLE}:"))(open_role_modal)
    app.action(re.compile(rf"^{blocks.ACTION_SET_STATUS}:"))(set_status)
    app.action(blocks.ACTION_OPEN_UPDATE)(open_update_modal)
    app.action(ACTION_RUN_STEPS)(run_steps_chosen)
    app.action(postmortem_blocks.ACTION_REVIEW_ACTIONS)(review_action_items)
    app.action(postmortem_blocks.ACTION_ACTION_DONE)(action_item_done)
    app.action(blocks.ACTION_RESOLVE)(resolve)
