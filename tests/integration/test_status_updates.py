"""Status updates on the clock: updates, cadences by severity, nudges that escalate, exactly once."""

import asyncio
from datetime import timedelta

import pytest

from bot.incident.model import EventKind
from slack_standin import CAROL, GENERAL_CHANNEL_ID
from tests.integration.conftest import Harness
from tests.support.clock import TestClock
from tests.support.waiting import eventually


@pytest.fixture
async def timed(slack, redis_url):
    """A harness whose bot runs on a test clock; nudges are fired by the scheduler's resync."""
    harness = Harness(slack, redis_url)
    harness.clock = TestClock()
    await harness.start_bot(broadcast_channel=GENERAL_CHANNEL_ID)
    yield harness
    await harness.stop_all()


def _nudges(harness, incident):
    return harness.slack.find_messages(incident.channel_id, where=lambda m: "status update" in str(m.blocks) and "Post update" in str(m.blocks) and m.ts != incident.card_ts)


async def _last_kind_is(harness, incident, kind) -> bool:
    return (await harness.store.timeline(incident.id))[-1].kind is kind


async def _tick(harness, **delta):
    """Move the bot's clock and let every running process re-derive its nudges (as its periodic resync does)."""
    harness.clock.advance(**delta)
    for runtime in harness.runtimes:
        await runtime.scheduler.resync()


async def test_nudge_names_the_comms_lead_when_the_update_is_due(timed):
    slack = timed.slack
    incident = await timed.declare("declare sev2 Checkout latency")
    assert incident.next_update_due == incident.declared_at + timedelta(minutes=30)
    await slack.user("alice").command("/incident", f"role comms <@{CAROL.id}>", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "*Communications Lead*")

    await _tick(timed, minutes=29)
    assert not _nudges(timed, incident)
    await _tick(timed, minutes=1)
    nudge = await slack.wait_for_message(incident.channel_id, "is due (every 30m")
    assert f"<@{CAROL.id}>" in nudge.blocks[0]["text"]["text"]
    await eventually(lambda: _last_kind_is(timed, incident, EventKind.UPDATE_NUDGE), what="the nudge on the timeline")


async def test_nudge_names_the_ic_when_there_is_no_comms_lead(timed):
    incident = await timed.declare("declare sev1 Checkout down")
    await _tick(timed, minutes=15)
    nudge = await timed.slack.wait_for_message(incident.channel_id, "is due (every 15m")
    assert "<@U0ALICE>" in nudge.blocks[0]["text"]["text"]


async def test_a_missed_cadence_escalates_to_the_ic_and_says_how_overdue(timed):
    slack = timed.slack
    incident = await timed.declare("declare sev1 Checkout down")
    await slack.user("alice").command("/incident", f"role comms <@{CAROL.id}>", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "*Communications Lead*")
    await _tick(timed, minutes=15)
    await slack.wait_for_message(incident.channel_id, "is due")
    await _tick(timed, minutes=15)
    escalation = await slack.wait_for_message(incident.channel_id, "overdue* (it was due")
    said = escalation.blocks[0]["text"]["text"]
    assert "*15m 0s overdue*" in said and "<@U0ALICE>" in said and f"<@{CAROL.id}>" in said
    await eventually(lambda: _last_kind_is(timed, incident, EventKind.UPDATE_ESCALATION), what="the escalation")
    kinds = [e.kind for e in await timed.store.timeline(incident.id)]
    assert kinds.count(EventKind.UPDATE_NUDGE) == 1 and kinds.count(EventKind.UPDATE_ESCALATION) == 1


async def test_an_update_restarts_the_clock_and_is_mirrored(timed):
    slack = timed.slack
    incident = await timed.declare("declare sev2 Checkout latency")
    await slack.user("alice").command("/incident", f"role comms <@{CAROL.id}>", incident.channel_id)  # updates come from a role holder
    await slack.wait_for_message(incident.channel_id, "*Communications Lead*")
    await _tick(timed, minutes=20)
    await slack.user("carol").command("/incident", "update rolled back 4312, error rate falling", incident.channel_id)
    posted = await slack.wait_for_message(incident.channel_id, "rolled back 4312")
    assert "Status update · INC-1" in str(posted.blocks)
    await slack.wait_for_message(GENERAL_CHANNEL_ID, "rolled back 4312")  # mirrored after the war room
    record = await timed.store.require(incident.id)
    assert record.last_update_at == timed.clock.now
    assert record.next_update_due == timed.clock.now + timedelta(minutes=30)

    await _tick(timed, minutes=29)  # 49 min after declaring: the old due time has long passed
    assert not _nudges(timed, incident)


async def test_a_late_update_is_recorded_as_late(timed):
    incident = await timed.declare("declare sev1 Checkout down")
    await _tick(timed, minutes=22)
    await timed.slack.user("alice").command("/incident", "update still investigating", incident.channel_id)
    await timed.slack.wait_for_message(incident.channel_id, "still investigating")
    event = (await timed.store.timeline(incident.id))[-1]
    assert event.kind is EventKind.STATUS_UPDATE and "7m 0s late" in event.text
    assert event.data["late_by_seconds"] == 420


async def test_the_update_form_takes_impact_next_steps_and_a_sooner_eta(timed):
    slack = timed.slack
    incident = await timed.declare("declare sev3 Search slow")
    await slack.user("alice").click(incident.channel_id, incident.card_ts, "open_update_modal")
    view = await slack.wait_for(lambda: slack.open_view("alice"))
    await slack.user("alice").submit_view(
        view.id,
        {"what": {"value": "Found a hot shard"}, "impact": {"value": "EU searches 3x slower"},
         "next_steps": {"value": "Rebalance shard 7"}, "eta": {"value": "15m"}},
    )
    posted = await slack.wait_for_message(incident.channel_id, "Found a hot shard")
    shown = str(posted.blocks)
    assert "EU searches 3x slower" in shown and "Rebalance shard 7" in shown
    record = await timed.store.require(incident.id)
    assert record.next_update_due == timed.clock.now + timedelta(minutes=15)  # sooner than the 60m cadence


async def test_a_severity_change_replans_at_once(timed):
    slack = timed.slack
    incident = await timed.declare("declare sev3 Search slow")
    await _tick(timed, minutes=20)
    await slack.user("alice").command("/incident", "severity sev1 now every region", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "to *SEV1 (P0)*")
    record = await timed.store.require(incident.id)
    assert record.next_update_due == incident.declared_at + timedelta(minutes=15)  # already past
    await _tick(timed, seconds=0)
    await slack.wait_for_message(incident.channel_id, "is due (every 15m")


async def test_resolved_incidents_stop_nudging_and_reopened_ones_resume(timed):
    slack = timed.slack
    incident = await timed.declare("declare sev1 Checkout down")
    await slack.user("alice").command("/incident", "resolve", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "resolved the incident")
    await _tick(timed, minutes=60)
    assert not _nudges(timed, incident)
    await slack.user("alice").command("/incident", "status investigating", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "reopened")
    await _tick(timed, minutes=15)
    await slack.wait_for_message(incident.channel_id, "is due (every 15m")


async def test_sev4_has_no_cadence(timed):
    incident = await timed.declare("declare sev4 Typo on the pricing page")
    assert incident.next_update_due is None
    await _tick(timed, hours=24)
    assert not _nudges(timed, incident)


async def test_restart_rearms_without_doubling_and_catches_up_once(timed):
    slack = timed.slack
    incident = await timed.declare("declare sev2 Checkout latency")
    await _tick(timed, minutes=30)
    await slack.wait_for_message(incident.channel_id, "is due")

    await timed.stop_all()
    await timed.start_bot()  # start re-derives jobs from Redis
    await _tick(timed, seconds=0)
    assert len(_nudges(timed, incident)) == 1

    await timed.stop_all()
    timed.clock.advance(minutes=30)  # the escalation falls due while no bot is running
    await timed.start_bot()
    await slack.wait_for_message(incident.channel_id, "overdue* (it was due")
    await _tick(timed, seconds=0)
    assert len(_nudges(timed, incident)) == 2


async def test_two_processes_on_one_redis_deliver_one_nudge(timed):
    slack = timed.slack
    await timed.start_bot(broadcast_channel=GENERAL_CHANNEL_ID)  # a second process
    incident = await timed.declare("declare sev1 Checkout down")
    timed.clock.advance(minutes=15)
    first, second = timed.runtimes
    results = await asyncio.gather(
        *(runtime.scheduler._fire(incident.id, incident.next_update_due, 1) for runtime in (first, second) for _ in range(3))
    )
    assert results == [None] * 6
    assert len(_nudges(timed, incident)) == 1
    assert (await timed.store.require(incident.id)).nudges_sent == 1


async def test_the_scheduler_fires_on_real_time(slack, redis_url):
    harness = Harness(slack, redis_url)
    await harness.start_bot(cadence_sev1="1s")
    try:
        incident = await harness.declare("declare sev1 Checkout down")
        await slack.wait_for_message(incident.channel_id, "is due (every 1s", timeout=10)
        await slack.wait_for_message(incident.channel_id, "overdue* (it was due", timeout=10)
    finally:
        await harness.stop_all()


async def test_update_without_text_is_explained(timed):
    incident = await timed.declare("declare sev2 Checkout latency")
    await timed.slack.user("alice").command("/incident", "update", incident.channel_id)
    [answer] = await timed.slack.wait_for(lambda: timed.replies("alice", "What is the update?"))
    assert "Post update" in answer
