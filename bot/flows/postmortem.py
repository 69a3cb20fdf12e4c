"""The blameless postmortem: run the postmortem step on everything recorded, render the
document, post its summary in the war room, attach the file and export it."""

from __future__ import annotations

import logging

from agents import run_step
from bot.flows.agent_steps import incident_context
from bot.flows import guard
from bot.flows.context import FlowContext, Refused
from bot.incident import access
from bot.incident.access import Action
from bot.incident.model import EventKind, Incident, TimelineEvent
from bot.incident.scorecard import Scorecard, score
from bot.postmortem.document import render_postmortem
from bot.postmortem.story import people_in
from bot.postmortem.export import PostmortemDocument, make_exporters, publish_all
from bot.slack.gateway import SlackFailure
from bot.ui import postmortem_blocks, text
from i18n import t
from bot.ui.reply import Reply

log = logging.getLogger(__name__)

LOCAL_EXPORTERS = frozenset({"directory"})


async def _scorecard(ctx: FlowContext, incident: Incident, events: list[TimelineEvent]) -> Scorecard:
    actions = await ctx.followups.actions(incident.id)
    return score(incident, events, actions, ctx.settings.cadence, ctx.clock())


async def write_postmortem(ctx: FlowContext, incident_id: str, actor: str) -> Reply:
    """Run the postmortem step on everything recorded, render the document, post its summary
    (updated in place on a second run), attach the file and export it."""
    incident = await ctx.store.require(incident_id)
    if not incident.channel_id:
        raise Refused(text.NOT_IN_WAR_ROOM)
    await guard.require(ctx, incident, actor, Action.POSTMORTEM)
    assert ctx.backend is not None
    context = await incident_context(ctx, incident)
    analysis = await run_step("postmortem", context, ctx.backend)
    await ctx.steps.save_result(incident.id, analysis)
    now = ctx.clock()
    first = incident.postmortem_at is None

    def mark(record: Incident) -> None:
        record.postmortem_at = record.postmortem_at or now

    incident, _ = await ctx.store.update(
        incident.id,
        mark,
        lambda record, _: [TimelineEvent(at=now, kind=EventKind.POSTMORTEM, actor=actor,
                                         text=t("text3-event-postmortem-written") if first else t("text3-event-postmortem-updated"))],
    )
    events = await ctx.store.timeline(incident.id)
    card = await _scorecard(ctx, incident, events)
    actions = await ctx.followups.actions(incident.id)
    texts = [str(analysis.output)] + [e.text + e.reason for e in events] + [a.owner for a in actions]
    names = await _names(ctx, people_in(incident, events, texts) | {a.owner for a in actions})
    markdown = render_postmortem(incident, events, analysis, {**context.step_results, "postmortem": analysis},
                                 actions, card, now, names)
    await ctx.followups.save_postmortem(incident.id, markdown)

    summary = postmortem_blocks.summary(incident, analysis, card, actions, proposed=len(analysis.output.get("action_items", [])))
    fallback = t("text-postmortem-fallback", incident=incident.id)
    if incident.postmortem_ts:
        await ctx.slack.update(incident.channel_id, incident.postmortem_ts, fallback, summary)
        summary_ts = incident.postmortem_ts
    else:
        summary_ts = await ctx.slack.post(incident.channel_id, fallback, summary)

        def remember(record: Incident) -> None:
            record.postmortem_ts = summary_ts

        await ctx.store.update(incident.id, remember)
    version = "" if first else t("text-postmortem-file-updated")
    try:
        await ctx.slack.upload_text(
            incident.channel_id, summary_ts, f"{incident.id}-postmortem.md", markdown, title=t("text-postmortem-file-title", incident=incident.id, version=version)
        )
        attached = None
    except SlackFailure as failure:  # the exports still run: they are where the document lives
        log.warning("postmortem file upload failed", extra={"incident_id": incident.id, "error": failure.error})
        attached = failure.error
    exported = await _export(ctx, incident, markdown)
    reply = text.postmortem_ready(incident.id, first, exported)
    if attached is not None:
        reply += " " + text.postmortem_upload_failed(attached)
    return Reply(text=reply)


async def _names(ctx: FlowContext, users: set[str]) -> dict[str, str]:
    """People's names from Slack for the exported document; one that cannot be read is left out
    (the document then says "a responder")."""
    names: dict[str, str] = {}
    for user in sorted(users):
        try:
            names[user] = await ctx.slack.display_name(user)
        except SlackFailure as failure:
            log.info("no name for a user", extra={"user": user, "error": failure.error})
    return names


async def _export(ctx: FlowContext, incident: Incident, markdown: str) -> list[str]:
    """Publish through every configured exporter at once; a failing one is reported, not fatal."""
    document = PostmortemDocument(
        incident_id=incident.id, title=t("text-postmortem-export-title", incident=incident.id, title=incident.title), markdown=markdown
    )
    exporters = make_exporters(ctx.settings)
    # A private incident's postmortem stays with its war room: only exporters that keep the
    # document on the bot's own host (the directory) get it, never a shared wiki.
    withheld = [] if access.may_leave_the_war_room(incident) else [e.name for e in exporters if e.name not in LOCAL_EXPORTERS]
    exporters = [e for e in exporters if e.name not in withheld]
    published, failed = await publish_all(exporters, document)
    for failure in failed:
        log.warning("postmortem export failed", extra={"incident_id": incident.id, "exporter": failure.exporter})
    return ([result.location for result in published] + [str(failure) for failure in failed]
            + [text.export_withheld(name, incident.id) for name in withheld])
