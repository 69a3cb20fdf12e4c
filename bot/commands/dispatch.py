"""What each parsed `/incident` command does, without knowing how Slack delivered it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.flows import changes, guard, limits
from bot.flows.beyond import paging as beyond_paging
from bot.flows.beyond import statuspage as beyond_statuspage
from bot.flows.context import FlowContext, Refused
from bot.flows.agent_steps import request_steps
from bot.flows import postmortem, summary, timeline_capture
from bot.flows.declare import declare
from bot.flows.stats import show_stats
from bot.flows.updates import StatusUpdate, post_update
from bot.commands.grammar import (
    AddNote,
    AssignRole,
    Command,
    Declare,
    Help,
    ListActions,
    ListOpen,
    PageOnCall,
    PostUpdate,
    RecordDecision,
    Resolve,
    RunSteps,
    SetSeverity,
    SetStatus,
    ShowStatus,
    ShowSummary,
    ShowStatusPage,
    ShowStats,
    ShowTimeline,
    WritePostmortem,
)
from bot.incident.access import Action
from bot.incident.model import Incident
from bot.ui.reply import Reply
from bot.ui import blocks, postmortem_blocks, text
from bot.flows.reader_locale import reader_locale
from bot.ui.help import help_text
from bot.ui.kit import mrkdwn
from i18n import current_locale, reading_in, t


@dataclass(frozen=True)
class Invocation:
    user_id: str
    channel_id: str
    trigger_id: str | None = None
    response_url: str | None = None


# Answers only the asker reads: written in their Slack language (bot/flows/reader_locale.py).
# Commands that change the incident announce it in the war room, in INCIDENT_LOCALE.
READ_ONLY = (Help, ListOpen, ListActions, ShowStatus, ShowTimeline, ShowSummary, ShowStats, ShowStatusPage)


async def _war_room_incident(ctx: FlowContext, invocation: Invocation) -> Incident:
    incident = await ctx.store.by_channel(invocation.channel_id)
    if incident is None:
        with reading_in(await reader_locale(ctx, invocation.user_id)):  # a refusal: the asker's words
            raise Refused(text.NOT_IN_WAR_ROOM)
    return incident


async def run_command(ctx: FlowContext, command: Command, invocation: Invocation) -> Reply | None:
    if isinstance(command, READ_ONLY):
        with reading_in(await reader_locale(ctx, invocation.user_id)):
            return await _run(ctx, command, invocation)
    try:
        return await _run(ctx, command, invocation)
    except Refused as refused:  # a change refused: only the asker reads why, in their language
        said = refused.args[0] if refused.args else None
        if not isinstance(said, text.Sentence):
            raise
        with reading_in(await reader_locale(ctx, invocation.user_id)):
            raise Refused(said.again()) from None


async def _run(ctx: FlowContext, command: Command, invocation: Invocation) -> Reply | None:
    if isinstance(command, Help):
        return Reply(text=help_text(current_locale()))
    if isinstance(command, Declare):
        return await _declare(ctx, command, invocation)
    if isinstance(command, ListOpen):
        incidents = await ctx.store.open_incidents()
        if not incidents:
            return Reply(text=text.no_open_incidents())
        hidden = frozenset([i.id for i in incidents if not await guard.may_see(ctx, i, invocation.user_id)])
        return Reply(
            text=t("text-open-incidents-fallback", count=len(incidents)),
            blocks=blocks.open_incidents_blocks(incidents, ctx.clock(), hidden),
        )
    if isinstance(command, ListActions):
        return await _list_actions(ctx, invocation)
    if isinstance(command, ShowStats):
        return await show_stats(ctx, command.days, command.service, invocation.user_id)
    incident = await _war_room_incident(ctx, invocation)
    actor = invocation.user_id
    if isinstance(command, WritePostmortem):
        return await postmortem.write_postmortem(ctx, incident.id, actor)
    if isinstance(command, RecordDecision):
        await timeline_capture.record_decision(ctx, incident, command.what, command.why, actor)
        return None
    if isinstance(command, AddNote):
        await timeline_capture.add_note(ctx, incident, command.text, actor)
        return None
    if isinstance(command, (ShowStatus, ShowTimeline)):
        await guard.require(ctx, incident, actor, Action.VIEW)
    if isinstance(command, ShowStatus):
        return Reply(
            text=blocks.card_fallback_text(incident),
            blocks=blocks.status_blocks(incident, ctx.clock()),
        )
    if isinstance(command, ShowTimeline):
        events = await ctx.store.timeline(incident.id)
        return Reply(
            text=t("text-timeline-fallback", incident=incident.id, count=len(events)),
            blocks=blocks.timeline_blocks(incident, events),
        )
    if isinstance(command, ShowSummary):
        return await summary.catch_me_up(ctx, incident, actor)
    if isinstance(command, RunSteps):
        return await request_steps(ctx, incident, command.label, command.steps, actor)
    if isinstance(command, PageOnCall):
        return await beyond_paging.page(ctx, incident.id, actor, command.target, command.message)
    if isinstance(command, ShowStatusPage):
        return await beyond_statuspage.show_live(ctx, incident, actor)
    if isinstance(command, SetStatus):
        await changes.set_status(ctx, incident.id, command.status, actor, command.reason)
    elif isinstance(command, SetSeverity):
        await changes.set_severity(ctx, incident.id, command.severity, actor, command.reason)
    elif isinstance(command, Resolve):
        await changes.resolve(ctx, incident.id, actor, command.summary)
    elif isinstance(command, PostUpdate):
        await post_update(ctx, incident.id, StatusUpdate(what_happened=command.text), actor)
    elif isinstance(command, AssignRole):
        await changes.assign_role(ctx, incident.id, command.role, command.user_id, actor)
    return None  # the change is announced in the war room for everyone


async def _declare(ctx: FlowContext, command: Declare, invocation: Invocation) -> Reply | None:
    if command.needs_modal:
        if not invocation.trigger_id:
            with reading_in(await reader_locale(ctx, invocation.user_id)):
                raise Refused(t("text-no-trigger-for-form"))
        with reading_in(await reader_locale(ctx, invocation.user_id)):  # a form only the asker reads
            modal = blocks.declare_modal(invocation.channel_id, command.title, command.severity, invocation.response_url)
        await ctx.slack.open_view(invocation.trigger_id, modal)
        return None
    assert command.severity is not None and command.title
    await limits.check_declare_rate(ctx, invocation.user_id)
    declared = await declare(
        ctx,
        title=command.title,
        severity=command.severity,
        declared_by=invocation.user_id,
        origin_channel_id=invocation.channel_id,
        notify=_through_response_url(invocation.response_url),
    )
    return Reply(text=declared.reply())


def _through_response_url(response_url: str | None):
    """A notice to the person who typed the command, before its answer (None without a URL)."""
    if not response_url:
        return None
    from bot.slack.response_url import answer_via_response_url

    async def notify(message: str) -> None:
        await answer_via_response_url(response_url, message)

    return notify


async def _list_actions(ctx: FlowContext, invocation: Invocation) -> Reply:
    """This incident's action items inside a war room; every open one anywhere else."""
    incident = await ctx.store.by_channel(invocation.channel_id)
    hidden = 0
    if incident is not None:
        await guard.require(ctx, incident, invocation.user_id, Action.VIEW)
        items = [(incident.id, a) for a in await ctx.followups.actions(incident.id)]
    else:
        items = []
        seen: dict[str, bool] = {}
        for incident_id, number in await ctx.followups.open_action_refs():
            if incident_id not in seen:
                owner = await ctx.store.get(incident_id)
                seen[incident_id] = owner is not None and await guard.may_see(ctx, owner, invocation.user_id)
            found = [a for a in await ctx.followups.actions(incident_id) if a.number == number]
            if not seen[incident_id]:
                hidden += len(found)
                continue
            items += [(incident_id, a) for a in found]
    if not items:
        return Reply(text=text.hidden_private_actions(hidden) if hidden else text.no_open_actions())
    listed = postmortem_blocks.action_list(None, items)
    if hidden:
        listed.append({"type": "context", "elements": [mrkdwn(text.hidden_private_actions(hidden))]})
    return Reply(text=t("text-action-items-fallback", count=len(items)), blocks=listed)
