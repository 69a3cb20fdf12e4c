"""Buttons and the form of the systems around the incident: publish or edit a status-page draft,
page the on-call, make whoever acknowledged a page a role holder."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from bot.flows import changes
from bot.flows.beyond import paging, statuspage, tickets
from bot.incident.kinds import Role
from bot.flows.reader_locale import words_for
from bot.listeners.replies import answering, ephemeral, flows
from bot.listeners.views import _accepted, _first_submission, _in_war_room
from bot.platform.integration_store import StatusDraft
from bot.ui import forms, integration_blocks as ib
from bot.ui.reply import Reply
from i18n import reading_in


async def publish_status(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()

    async def work() -> Reply:
        return await statuspage.publish(flows(context), action["value"], body["user"]["id"])

    await answering(ephemeral(respond), work)


async def edit_status(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    ctx = flows(context)

    async def work() -> None:
        _, draft = await statuspage.draft_for_edit(ctx, action["value"], body["user"]["id"])
        async with words_for(ctx, body["user"]["id"]):  # the form's words for the editor; the draft as written
            await ctx.slack.open_view(body["trigger_id"],
                                      ib.status_draft_modal(action["value"], draft.title, draft.status, draft.body))

    await answering(ephemeral(respond), work)


async def status_edited(ack: AsyncAck, body: dict, view: dict, context: AsyncBoltContext) -> None:
    read = await _accepted(ack, lambda: forms.status_draft_form(view))
    if read is None:
        return
    incident_id, title, status, message = read
    ctx = flows(context)
    actor = body["user"]["id"]

    async def work() -> Reply | None:
        if not await _first_submission(ctx, view):
            return None
        return await statuspage.publish(ctx, incident_id, actor,
                                        StatusDraft(title=title, status=status, body=message))  # type: ignore[arg-type]

    await answering(_in_war_room(ctx, incident_id, actor, view), work)


async def page_oncall(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()

    async def work() -> Reply:
        return await paging.page(flows(context), action["value"], body["user"]["id"])

    await answering(ephemeral(respond), work)


async def make_role_holder(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    role = Role(action["action_id"].split(":", 1)[1])
    incident_id, _, user_id = action["value"].partition("|")

    async def work() -> None:  # the war room announces the new role holder
        await changes.assign_role(flows(context), incident_id, role, user_id, body["user"]["id"])

    await answering(ephemeral(respond), work)


async def open_tickets(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()

    async def work() -> None:  # the war room hears which tickets were opened
        await tickets.open_tickets_on_click(flows(context), action["value"], body["user"]["id"])

    await answering(ephemeral(respond), work)


def register(app: AsyncApp) -> None:
    app.action(ib.ACTION_PUBLISH_STATUS)(publish_status)
    app.action(ib.ACTION_EDIT_STATUS)(edit_status)
    app.view(ib.VIEW_STATUS_DRAFT)(status_edited)
    app.action(ib.ACTION_PAGE_ONCALL)(page_oncall)
    app.action(re.compile(rf"^{ib.ACTION_MAKE_ROLE}:"))(make_role_holder)
    app.action(ib.ACTION_OPEN_TICKETS)(open_tickets)
