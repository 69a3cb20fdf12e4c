"""Issue 8 §6: a war room archived, deleted or without the bot stops its nudges once, the IC is
told by DM, nothing loops, and `/incident status` says why."""

from datetime import timedelta

import pytest

from bot.flows.nudges import fire_nudge, plan
from slack_standin import ALICE, BOT_USER_ID
from tests.integration.conftest import Harness
from tests.support.clock import TestClock
from tests.support.waiting import eventually


@pytest.fixture
async def timed(slack, redis_url):
    harness = Harness(slack, redis_url)
    harness.clock = TestClock()
    await harness.start_bot()
    yield harness
    await harness.stop_all()


async def _fire_due_nudge(harness, incident_id):
    ctx = harness.bot.ctx
    incident = await ctx.store.require(incident_id)
    planned = plan(ctx, incident)
    assert planned is not None
    return await fire_nudge(ctx, incident_id, planned.due, planned.stage)


async def test_an_archived_war_room_stops_its_nudges_and_the_ic_is_told_once(timed):
    slack, ctx = timed.slack, timed.bot.ctx
    incident = await timed.declare("declare sev1 Checkout API returning 500s")
    slack.channel(incident.channel_id).is_archived = True
    timed.clock.advance(minutes=16)
    assert await _fire_due_nudge(timed, incident.id) is None
    record = await ctx.store.require(incident.id)
    assert record.war_room_lost == "is_archived"
    assert plan(ctx, record) is None  # the resync arms nothing: no loop
    dm = slack.dm_with(ALICE.id)
    [told] = slack.find_messages(dm.id, "was archived")
    assert incident.id in told.text
    timed.clock.advance(minutes=30)
    await timed.bot.scheduler.resync()
    assert timed.bot.scheduler.scheduler.get_job(incident.id) is None
    assert len(slack.find_messages(dm.id, "was archived")) == 1


async def test_status_says_why_a_war_room_without_the_bot_is_silent(timed):
    slack, ctx = timed.slack, timed.bot.ctx
    incident = await timed.declare("declare sev1 Checkout API returning 500s")
    slack.channel(incident.channel_id).members.remove(BOT_USER_ID)
    timed.clock.advance(minutes=16)
    assert await _fire_due_nudge(timed, incident.id) is None
    assert (await ctx.store.require(incident.id)).war_room_lost == "not_in_channel"
    await slack.user("alice").command("/incident", "status", incident.channel_id)
    [status] = await slack.wait_for(lambda: [e for e in slack.ephemerals("alice") if "no longer has me" in str(e.blocks)])
    assert "stopped the status-update nudges" in str(status.blocks)


async def test_an_answer_to_a_form_reaches_the_person_when_the_bot_was_removed_from_the_war_room(timed):
    """Issue 8 §7: neither chat.postEphemeral (not_in_channel) nor a DM (Messages tab off) works;
    the response_url of the click that opened the form does."""
    from slack_standin.app_config import AppConfig

    slack = timed.slack
    incident = await timed.declare("declare sev1 Checkout API returning 500s")
    await slack.user("alice").click(incident.channel_id, incident.card_ts, "open_role_modal:tech_lead")
    view = await slack.wait_for(lambda: slack.open_view("alice"), description="the role modal")
    slack.channel(incident.channel_id).members.remove(BOT_USER_ID)
    slack.workspace.app = AppConfig(messages_tab_enabled=False, should_escape=True)
    await slack.user("alice").submit_view(view.id, {"assignee": {"value": "U0BOB"}})
    [answer] = await slack.wait_for(lambda: [e for e in slack.ephemerals("alice") if "not_in_channel" in e.text])
    assert answer.channel == incident.channel_id


async def test_any_post_the_war_room_refuses_marks_the_incident_once_and_stops_its_nudges(timed):
    """Not only nudges: a status change, a note, an agent answer into an archived war room mark
    the incident (once), the IC hears it by DM once, and the nudges stop."""
    slack, ctx = timed.slack, timed.bot.ctx
    incident = await timed.declare("declare sev1 Checkout API returning 500s")
    slack.channel(incident.channel_id).is_archived = True
    alice = slack.user("alice")
    await alice.command("/incident", "severity sev2 fewer users affected", incident.channel_id)
    record = await eventually(lambda: _lost(ctx, incident.id), what="the incident marked lost by a refused post")
    assert record.war_room_lost == "is_archived"
    assert plan(ctx, record) is None
    await alice.command("/incident", "note still archived", incident.channel_id)
    answers = await slack.wait_for(lambda: [e for e in slack.ephemerals("alice") if "is_archived" in e.text][1:])
    assert "What I recorded is kept" in answers[0].text
    dm = slack.dm_with(ALICE.id)
    assert len(slack.find_messages(dm.id, "was archived")) == 1  # told once, nothing loops
    await timed.bot.scheduler.resync()
    assert timed.bot.scheduler.scheduler.get_job(incident.id) is None


async def _lost(ctx, incident_id):
    record = await ctx.store.require(incident_id)
    return record if record.war_room_lost else None
