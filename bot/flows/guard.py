"""The one check every flow makes before it acts: the access policy (bot/incident/access.py)
applied to the person asking, with the war room's member list fetched only when it matters."""

from __future__ import annotations

from bot.flows.context import FlowContext, Refused
from bot.incident import access
from bot.incident.access import Action, Asker
from bot.incident.model import Incident
from bot.flows.reader_locale import reader_locale
from bot.ui import text
from bot.ui.kit import escape_keeping_mentions
from i18n import reading_in


async def members(ctx: FlowContext, incident: Incident) -> frozenset[str]:
    if not incident.channel_id:
        return frozenset()
    return await ctx.slack.members(incident.channel_id)


async def asker(ctx: FlowContext, incident: Incident, actor: str, action: Action, *, owns_item: bool = False) -> Asker:
    """Who `actor` is to `incident`; asks Slack for the war room's members only if the answer
    could change the decision."""
    who = Asker(actor, ctx.settings.admin_ids, owns_item=owns_item)
    if access.decide(action, incident, who) or not access.needs_membership(action, incident):
        return who
    return Asker(actor, ctx.settings.admin_ids, is_member=actor in await members(ctx, incident), owns_item=owns_item)


async def require(ctx: FlowContext, incident: Incident, actor: str, action: Action, *, owns_item: bool = False) -> None:
    """Refuse (naming who may) unless `actor` may do `action` to `incident`. A private incident
    the actor cannot see is refused without a word about its content."""
    who = await asker(ctx, incident, actor, action, owns_item=owns_item)
    if access.may_see(incident, who) and access.decide(action, incident, who):
        return
    with reading_in(await reader_locale(ctx, actor)):  # a refusal only the asker reads
        if not access.may_see(incident, who):
            raise Refused(text.private_incident(incident.id))
        # who_may is the policy table's fixed words and a Slack user id: markup the bot means.
        raise Refused(text.not_allowed(escape_keeping_mentions(access.who_may(action, incident)), action.value, incident.id))


async def may_see(ctx: FlowContext, incident: Incident, actor: str) -> bool:
    return access.may_see(incident, await asker(ctx, incident, actor, Action.VIEW))
