"""Buttons on agent answers: *Details* for a step's whole answer, the IC's choice on triage's
severity suggestion, and *Share in channel* on a catch-up."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from bot.flows import summary, triage_feedback
from bot.flows.agent_steps import step_details
from bot.flows.reader_locale import reader_locale
from bot.incident.severity import Severity
from bot.flows.reader_locale import words_for
from bot.listeners.replies import answering, ephemeral, flows
from bot.ui import summary_blocks, text, triage_blocks
from bot.ui.step_blocks import ACTION_STEP_DETAILS
from i18n import reading_in


async def open_step_details(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    ctx = flows(context)
    incident_id, _, step = action["value"].partition("|")

    async def work() -> None:  # the trigger expires 3 s after the click: one read, then open
        async with words_for(ctx, body["user"]["id"]):  # read by the clicker only
            await ctx.slack.open_view(body["trigger_id"], await step_details(ctx, incident_id, step, body["user"]["id"]))

    await answering(ephemeral(respond), work)


async def accept_severity(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    ctx = flows(context)
    incident_id, _, severity = action["value"].partition("|")
    actor = body["user"]["id"]

    async def work() -> None:  # the war room hears the severity change itself
        await triage_feedback.accept(ctx, incident_id, Severity(severity), actor)
        await _close_suggestion(ctx, body, text.severity_accepted(actor, severity))

    await answering(ephemeral(respond), work)


async def keep_severity(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    ctx = flows(context)
    incident_id, _, suggested = action["value"].partition("|")
    actor = body["user"]["id"]

    async def work() -> None:
        incident = await triage_feedback.keep(ctx, incident_id, Severity(suggested), actor)
        await _close_suggestion(ctx, body, text.severity_kept(actor, incident.severity.value, suggested))

    await answering(ephemeral(respond), work)


async def _close_suggestion(ctx, body: dict, line: str) -> None:
    await ctx.slack.update(body["channel"]["id"], body["message"]["ts"], line, triage_blocks.suggestion_answered(line))


async def share_summary(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()
    ctx = flows(context)

    async def work() -> None:  # the war room sees it; the asker's private copy stays as it was
        await summary.share(ctx, action["value"], body["user"]["id"])

    await answering(ephemeral(respond), work)


def register(app: AsyncApp) -> None:
    app.action(ACTION_STEP_DETAILS)(open_step_details)
    app.action(triage_blocks.ACTION_ACCEPT_SEVERITY)(accept_severity)
    app.action(triage_blocks.ACTION_KEEP_SEVERITY)(keep_severity)
    app.action(summary_blocks.ACTION_SHARE_SUMMARY)(share_summary)
