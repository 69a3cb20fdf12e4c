"""The App Home (app_home_opened, its buttons) and *Follow* on the card and the announcement."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond

from bot.flows import follow, follow_up
from bot.flows.home import publish_home
from bot.flows.reader_locale import words_for
from bot.listeners.replies import answering, ephemeral, explain, flows
from bot.slack.gateway import SlackFailure
from bot.ui import blocks, home_blocks, text
from bot.ui.reply import Reply

log = logging.getLogger(__name__)


async def home_opened(event: dict, context: AsyncBoltContext) -> None:
    if event.get("tab") != "home":
        return  # the Messages tab: nothing to publish
    try:
        await publish_home(flows(context), event["user"])
    except Exception:
        log.exception("home not published", extra={"user": event.get("user")})


async def _answer_on_home(context: AsyncBoltContext, user: str, reply: Reply) -> None:
    """A Home click has no response URL: the answer is a line at the top of the Home itself."""
    try:
        await publish_home(flows(context), user, notice=reply.text)
    except SlackFailure:
        log.warning("home answer not published", extra={"user": user})


async def home_declare(ack: AsyncAck, body: dict, context: AsyncBoltContext) -> None:
    await ack()
    user = body["user"]["id"]

    async def work() -> None:  # the form's answer comes as a DM (no channel to answer in)
        async with words_for(flows(context), user):  # a form only the viewer reads
            view = blocks.declare_modal(None)
        await flows(context).slack.open_view(body["trigger_id"], view)

    async def say(reply: Reply) -> None:
        await _answer_on_home(context, user, reply)

    await answering(say, work)


async def home_action_done(ack: AsyncAck, body: dict, action: dict, context: AsyncBoltContext) -> None:
    await ack()
    user = body["user"]["id"]
    incident_id, _, number = action["value"].partition("#")
    try:
        await follow_up.complete_action(flows(context), incident_id, int(number), user)
        notice = text.home_action_closed(incident_id, int(number))
    except Exception as exc:  # the refusal, in words, on the Home
        notice = explain(exc)
    await _answer_on_home(context, user, Reply(text=notice))


async def follow_clicked(ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, context: AsyncBoltContext) -> None:
    await ack()

    async def work() -> Reply:
        async with words_for(flows(context), body["user"]["id"]):  # an answer only they see
            return Reply(text=await follow.toggle_follow(flows(context), action["value"], body["user"]["id"]))

    await answering(ephemeral(respond), work)


def register(app: AsyncApp) -> None:
    app.event("app_home_opened")(home_opened)
    app.action(home_blocks.ACTION_HOME_DECLARE)(home_declare)
    app.action(home_blocks.ACTION_HOME_DONE)(home_action_done)
    app.action(blocks.ACTION_FOLLOW)(follow_clicked)
