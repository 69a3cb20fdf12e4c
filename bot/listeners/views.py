"""Modal submissions: declare, role, status update and action-item forms.

Each reads its form (bot/ui/forms.py), answers errors beside the fields or closes the form at
once, then runs its flow and tells the person how it went.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext

from agents.redact import redact_data
from bot.flows import changes, follow_up, limits
from bot.flows.context import FlowContext
from bot.flows.declare import declare
from bot.flows.updates import post_update
from bot.listeners.replies import Say, answering, flows, tell_privately
from bot.ui import blocks, forms, postmortem_blocks, resolve_blocks
from bot.ui.reply import Reply

VIEW_DEDUPE_SECONDS = 3600

T = TypeVar("T")


async def _accepted(ack: AsyncAck, read: Callable[[], T]) -> T | None:
    """Read the form; on errors answer them beside the fields (the modal stays open) and return
    None, else close the modal at once and return what was read."""
    try:
        form = read()
    except forms.FormInvalid as invalid:
        await ack(response_action="errors", errors=redact_data(invalid.errors))
        return None
    # Close the form at once: a views.update after a response_action "update" can race it.
    await ack()
    return form


def _in_war_room(ctx: FlowContext, incident_id: str, actor: str, view: dict) -> Say:
    """Answers to a form about an incident go to its war room, privately (else through the
    response_url of the click that opened the form)."""

    async def say(reply: Reply) -> None:
        incident = await ctx.store.get(incident_id)
        response_url = forms.metadata(view).get("response_url")
        await tell_privately(ctx, actor, incident.channel_id if incident else None, reply.text, response_url)

    return say


async def _first_submission(ctx: FlowContext, view: dict) -> bool:
    """A double-submitted (or redelivered) form acts once: claim its id and hash."""
    return await ctx.store.claim(f"view:{view['id']}:{view.get('hash', '')}", VIEW_DEDUPE_SECONDS)


async def declare_submitted(ack: AsyncAck, body: dict, view: dict, context: AsyncBoltContext) -> None:
    form = await _accepted(ack, lambda: forms.declare_form(view))
    if form is None:
        return
    ctx = flows(context)
    user_id = body["user"]["id"]

    async def say(reply: Reply) -> None:
        await tell_privately(ctx, user_id, form.origin_channel, reply.text, form.response_url)

    async def work() -> Reply | None:
        if not await _first_submission(ctx, view):
            return None
        await limits.check_declare_rate(ctx, user_id)
        declared = await declare(
            ctx,
            title=form.title,
            severity=form.severity,
            incident_type=form.incident_type,
            description=form.description,
            declared_by=user_id,
            origin_channel_id=form.origin_channel,
            channel_slug=form.channel_slug,
            notify=lambda message: say(Reply(text=message)),
        )
        return Reply(text=declared.reply())

    await answering(say, work)


async def role_submitted(ack: AsyncAck, body: dict, view: dict, context: AsyncBoltContext) -> None:
    form = await _accepted(ack, lambda: forms.role_form(view))
    if form is None:
        return
    ctx = flows(context)
    actor = body["user"]["id"]

    async def work() -> None:
        if await _first_submission(ctx, view):
            await changes.assign_role(ctx, form.incident_id, form.role, form.assignee, actor, form.note)

    await answering(_in_war_room(ctx, form.incident_id, actor, view), work)


async def update_submitted(ack: AsyncAck, body: dict, view: dict, context: AsyncBoltContext) -> None:
    read = await _accepted(ack, lambda: forms.update_form(view))
    if read is None:
        return
    incident_id, update = read
    ctx = flows(context)
    actor = body["user"]["id"]

    async def work() -> None:
        if await _first_submission(ctx, view):
            await post_update(ctx, incident_id, update, actor)

    await answering(_in_war_room(ctx, incident_id, actor, view), work)


async def action_items_submitted(ack: AsyncAck, body: dict, view: dict, context: AsyncBoltContext) -> None:
    ctx = flows(context)
    read = await _accepted(ack, lambda: forms.action_items_form(view, ctx.clock().date()))
    if read is None:
        return
    incident_id, items = read
    actor = body["user"]["id"]

    async def work() -> None:
        if await _first_submission(ctx, view):
            await follow_up.confirm_actions(ctx, incident_id, items, actor)

    await answering(_in_war_room(ctx, incident_id, actor, view), work)


async def resolve_submitted(ack: AsyncAck, body: dict, view: dict, context: AsyncBoltContext) -> None:
    read = await _accepted(ack, lambda: forms.resolve_form(view))
    if read is None:
        return
    incident_id, summary = read
    ctx = flows(context)
    actor = body["user"]["id"]

    async def work() -> None:
        if await _first_submission(ctx, view):
            await changes.resolve(ctx, incident_id, actor, summary)

    await answering(_in_war_room(ctx, incident_id, actor, view), work)


def register(app: AsyncApp) -> None:
    app.view(blocks.VIEW_DECLARE)(declare_submitted)
    app.view(blocks.VIEW_ASSIGN_ROLE)(role_submitted)
    app.view(blocks.VIEW_POST_UPDATE)(update_submitted)
    app.view(postmortem_blocks.VIEW_ACTION_ITEMS)(action_items_submitted)
    app.view(resolve_blocks.VIEW_RESOLVE)(resolve_submitted)
