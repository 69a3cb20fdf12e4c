"""Modal submissions: the declare form and the role form."""

from __future__ import annotations

import json
import logging
from datetime import date

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.flows import changes, follow_up
from bot.flows.context import FlowContext
from bot.flows.declare import declare_incident
from bot.flows.updates import StatusUpdate, post_update
from bot.incident.cadence import parse_cadence
from bot.commands.grammar import MAX_TITLE
from bot.incident.kinds import IncidentType, Role
from bot.incident.model import ActionItem, ActionType
from bot.incident.severity import Severity
from bot.listeners.replies import answering, tell_privately
from bot.ui import blocks, postmortem_blocks, text
from bot.ui.reply import Reply

log = logging.getLogger(__name__)


def _value(state: dict, block_id: str) -> dict:
    return state.get(block_id, {}).get("value", {}) or {}


def _selected(state: dict, block_id: str) -> str | None:
    option = _value(state, block_id).get("selected_option")
    return option.get("value") if option else None


VIEW_DEDUPE_SECONDS = 3600


def register(app: AsyncApp, ctx: FlowContext) -> None:
    def tell_in_war_room(incident_id: str, actor: str):
        """Answers to a form about an incident go to its war room, privately."""

        async def say(reply: Reply) -> None:
            incident = await ctx.store.get(incident_id)
            await tell_privately(ctx, actor, incident.channel_id if incident else None, reply.text)

        return say

    async def first_submission(view: dict) -> bool:
        """A double-submitted (or redelivered) form acts once: claim its id and hash."""
        return await ctx.store.claim(f"view:{view['id']}:{view.get('hash', '')}", VIEW_DEDUPE_SECONDS)

    @app.view(blocks.VIEW_DECLARE)
    async def declare_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        state = view["state"]["values"]
        title = " ".join((_value(state, blocks.BLOCK_TITLE).get("value") or "").split())
        severity = _selected(state, blocks.BLOCK_SEVERITY)
        errors = {}
        if not title:
            errors[blocks.BLOCK_TITLE] = "A title is needed: what is broken, in a few words."
        elif len(title) > MAX_TITLE:
            errors[blocks.BLOCK_TITLE] = f"Keep the title under {MAX_TITLE} characters."
        if severity not in {s.value for s in Severity}:
            errors[blocks.BLOCK_SEVERITY] = "Pick a severity."
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        # Close the form at once: a views.update after a response_action "update" can race it.
        await ack()
        kind = _selected(state, blocks.BLOCK_TYPE)
        origin = json.loads(view.get("private_metadata") or "{}").get("origin_channel")
        user_id = body["user"]["id"]

        async def say(reply: Reply) -> None:
            await tell_privately(ctx, user_id, origin, reply.text)

        async def work() -> Reply | None:
            if not await first_submission(view):
                return None
            incident = await declare_incident(
                ctx,
                title=title,
                severity=Severity(severity),
                incident_type=IncidentType(kind) if kind else None,
                description=(_value(state, blocks.BLOCK_DESCRIPTION).get("value") or "").strip(),
                declared_by=user_id,
                origin_channel_id=origin,
            )
            return Reply(text=text.war_room_ready(incident.id, incident.channel_id or ""))

        await answering(say, work)

    @app.view(blocks.VIEW_ASSIGN_ROLE)
    async def role_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        state = view["state"]["values"]
        user = _value(state, blocks.BLOCK_ASSIGNEE).get("selected_user")
        if not user:
            await ack(response_action="errors", errors={blocks.BLOCK_ASSIGNEE: "Pick a person."})
            return
        await ack()
        meta = json.loads(view.get("private_metadata") or "{}")
        actor = body["user"]["id"]
        note = (_value(state, blocks.BLOCK_NOTE).get("value") or "").strip()

        async def work() -> None:
            if await first_submission(view):
                await changes.assign_role(ctx, meta["incident_id"], Role(meta["role"]), user, actor, note)

        await answering(tell_in_war_room(meta["incident_id"], actor), work)

    @app.view(blocks.VIEW_POST_UPDATE)
    async def update_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        state = view["state"]["values"]
        what = (_value(state, blocks.BLOCK_WHAT).get("value") or "").strip()
        if not what:
            await ack(response_action="errors", errors={blocks.BLOCK_WHAT: "Say what happened since the last update."})
            return
        await ack()
        meta = json.loads(view.get("private_metadata") or "{}")
        actor = body["user"]["id"]
        eta = _selected(state, blocks.BLOCK_ETA)
        update = StatusUpdate(
            what_happened=what,
            impact=(_value(state, blocks.BLOCK_IMPACT).get("value") or "").strip(),
            next_steps=(_value(state, blocks.BLOCK_NEXT).get("value") or "").strip(),
            eta=parse_cadence(eta) if eta else None,
        )

        async def work() -> None:
            if await first_submission(view):
                await post_update(ctx, meta["incident_id"], update, actor)

        await answering(tell_in_war_room(meta["incident_id"], actor), work)

    @app.view(postmortem_blocks.VIEW_ACTION_ITEMS)
    async def action_items_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        state = view["state"]["values"]
        meta = json.loads(view.get("private_metadata") or "{}")
        today = ctx.clock().date()
        items, errors = [], {}
        for n in range(1, int(meta.get("rows", 0)) + 1):
            description = (_value(state, f"what_{n}").get("value") or "").strip()
            if not description:
                continue
            owner = _value(state, f"owner_{n}").get("selected_user")
            due = _value(state, f"due_{n}").get("selected_date")
            kind = _selected(state, f"type_{n}") or "prevent"
            if not owner:
                errors[f"owner_{n}"] = text.action_form_errors_owner()
            if not due:
                errors[f"due_{n}"] = text.action_form_errors_due()
            elif date.fromisoformat(due) < today:
                errors[f"due_{n}"] = text.action_form_errors_past()
            if owner and due:
                items.append(ActionItem(number=len(items) + 1, description=description, owner=owner,
                                        due=date.fromisoformat(due), type=ActionType(kind)))
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        actor = body["user"]["id"]

        async def work() -> None:
            if await first_submission(view):
                await follow_up.confirm_actions(ctx, meta["incident_id"], items, actor)

        await answering(tell_in_war_room(meta["incident_id"], actor), work)
