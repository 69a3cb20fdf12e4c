"""Postmortem and follow-through: captured timeline, the blameless document, action items, reminders."""

import json
from datetime import timedelta

import pytest

from bot.incident.model import EventKind
from slack_standin import BOB, CAROL, DAVE
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


async def _say(harness, who, text, incident):
    await harness.slack.user(who).command("/incident", text, incident.channel_id)


def _summary(slack, incident):
    return next((m for m in slack.messages(incident.channel_id) if "Postmortem ·" in str(m.blocks)), None)


async def _postmortem(harness, incident, who="alice"):
    before = len(harness.replies(who, "The postmortem for"))
    await _say(harness, who, "postmortem", incident)
    return await harness.slack.wait_for(
        lambda: harness.replies(who, "The postmortem for")[before:], timeout=10, description="a new postmortem reply"
    )


async def _live_incident(harness):
    """An incident with an update, a decision, a note, a captured message and a resolution."""
    slack = harness.slack
    incident = await harness.declare("declare sev2 Checkout API returning 500s after deploy 4312")
    await _say(harness, "alice", f"role comms <@{CAROL.id}>", incident)
    await _say(harness, "carol", "update 30% of card payments fail; rollback prepared", incident)
    await _say(harness, "alice", "decision roll back 4312 because the errors began with it", incident)
    for who in ("bob", "dave"):
        await slack.user(who).join(incident.channel_id)
    await _say(harness, "bob", "note EU traffic shifted to us-east", incident)  # notes come from the war room
    said = await slack.user("bob").say(incident.channel_id, "p99 of payments-db jumped to 2 s at 12:03")
    await slack.user("dave").react(incident.channel_id, said.ts, "pushpin")
    await eventually(lambda: _has_kind(harness, incident, EventKind.CAPTURED), what="the captured message")
    await _say(harness, "alice", "resolve rolled back to 4311", incident)
    await slack.wait_for_message(incident.channel_id, "resolved the incident")
    return incident


async def _has_kind(harness, incident, kind):
    return any(e.kind is kind for e in await harness.store.timeline(incident.id))


async def test_the_document_carries_the_incidents_real_events(timed):
    slack = timed.slack
    incident = await _live_incident(timed)
    await _postmortem(timed, incident)
    [file] = slack.files()
    document = file.content.decode()
    for section in ("## Summary", "## Impact", "## Timeline (UTC)", "## Decisions and rationale",
                    "## Root cause and contributing factors", "## What went well", "## What could be improved",
                    "## Action items", "## Lessons learned", "## Success-criteria scorecard",
                    "## Trigger", "## Detection", "## Resolution", "## Where we got lucky"):
        assert section in document, section
    assert "30% of card payments fail; rollback prepared" in document  # the update
    assert "**roll back 4312** because the errors began with it" in document  # decision and rationale
    assert "p99 of payments-db jumped to 2 s at 12:03" in document  # the reaction-captured message
    assert "EU traffic shifted to us-east" in document
    assert "rolled back to 4311" in document
    # An exported document names people as Slack shows them (users.info), with roles in prose.
    assert "<@U0" not in document and "U0ALICE" not in document
    assert "(communications lead)" in document and "alice (incident commander)" in document
    assert "incident commander the incident commander" not in document
    summary = _summary(slack, incident)
    assert summary is not None and "Scorecard" in str(summary.blocks)
    assert (await timed.store.require(incident.id)).postmortem_at is not None


async def test_a_second_postmortem_updates_instead_of_duplicating(timed):
    slack = timed.slack
    incident = await _live_incident(timed)
    await _postmortem(timed, incident)
    first = _summary(slack, incident)
    await _say(timed, "alice", "decision keep the feature flag off until Monday", incident)
    await _postmortem(timed, incident)
    summaries = [m for m in slack.messages(incident.channel_id) if "Postmortem ·" in str(m.blocks)]
    assert [m.ts for m in summaries] == [first.ts] and summaries[0].edited
    stored = await timed.bot.ctx.followups.postmortem(incident.id)
    assert "keep the feature flag off until Monday" in stored
    assert timed.replies("alice", "is updated")


async def test_a_postmortem_before_anything_happened_is_a_clear_draft(timed):
    incident = await timed.declare("declare sev3 Search slow")
    await _postmortem(timed, incident)
    [file] = timed.slack.files()
    document = file.content.decode()
    assert "Draft (the incident is still open)" in document and "Resolved | not yet" in document


async def test_postmortem_outside_a_war_room_is_explained(timed):
    await timed.slack.user("alice").command("/incident", "postmortem")
    [answer] = await timed.slack.wait_for(lambda: timed.replies("alice", "war-room channel"))
    assert "only works inside" in answer


async def test_action_items_need_an_owner_and_a_deadline(timed):
    slack = timed.slack
    incident = await _live_incident(timed)
    await _postmortem(timed, incident)
    summary = _summary(slack, incident)
    await slack.user("alice").click(incident.channel_id, summary.ts, "review_action_items")
    view = await slack.wait_for(lambda: slack.open_view("alice"))
    assert view.callback_id == "confirm_action_items"
    assert view.payload["blocks"][1]["element"].get("initial_value")  # proposals from the postmortem step

    tomorrow = (timed.clock.now + timedelta(days=1)).date().isoformat()
    rows_in_form = json.loads(view.private_metadata)["rows"]
    unused = {f"what_{n}": {"value": ""} for n in range(3, rows_in_form + 1)}  # drop the other proposals
    blank = rows_in_form  # the last row is blank: no deadline proposed
    result = await slack.user("alice").submit_view(view.id, {
        **unused,
        "what_1": {"value": "Add a canary gate to checkout deploys"}, "due_1": {"value": tomorrow},
        "what_2": {"value": "Alert on 5xx ratio per version"}, "owner_2": {"value": BOB.id},
        f"what_{blank}": {"value": "Runbook for payment retries"}, f"owner_{blank}": {"value": CAROL.id},
    })
    assert result.response_action == "errors"
    assert result.errors == {"owner_1": "Every action item needs an owner.", f"due_{blank}": "Every action item needs a deadline."}
    assert await timed.bot.ctx.followups.actions(incident.id) == []

    rows = {"what_1": {"value": "Add a canary gate to checkout deploys"}, "owner_1": {"value": BOB.id},
            "due_1": {"value": tomorrow}, "type_1": {"value": "prevent"},
            "what_2": {"value": "Alert on 5xx ratio per version"}, "owner_2": {"value": DAVE.id},
            "due_2": {"value": tomorrow}, "type_2": {"value": "detect"}}
    rows.update(unused)
    result = await slack.user("alice").submit_view(view.id, rows)
    assert result.view_closed
    items = await eventually(lambda: timed.bot.ctx.followups.actions(incident.id), what="confirmed items")
    assert [(a.owner, a.type.value) for a in items] == [(BOB.id, "prevent"), (DAVE.id, "detect")]

    await slack.user("bob").command("/incident", "actions")  # outside the war room: every open item
    [listing] = await slack.wait_for(lambda: [e for e in slack.ephemerals("bob") if "canary gate" in str(e.blocks)])
    await slack.user("bob").click(listing.channel, listing.ts, "action_item_done", block_id=listing.blocks[0]["block_id"])
    await eventually(lambda: _is_done(timed, incident, 1), what="item 1 done")


async def _is_done(harness, incident, number):
    return not [a for a in await harness.bot.ctx.followups.actions(incident.id) if a.number == number][0].is_open


async def test_owners_are_reminded_the_day_before_and_on_the_day_once_each(timed):
    from bot.flows.follow_up import send_followups
    from bot.incident.model import ActionItem, ActionType

    incident = await timed.declare()
    ctx = timed.bot.ctx
    due = (timed.clock.now + timedelta(days=3)).date()
    await ctx.followups.save_actions(incident.id, [ActionItem(number=1, description="Canary gate", owner=BOB.id, due=due, type=ActionType.PREVENT)])
    assert await send_followups(ctx) == 0
    timed.clock.advance(days=2)
    assert await send_followups(ctx) == 1
    assert await send_followups(ctx) == 0  # not twice
    timed.clock.advance(days=1)
    assert await send_followups(ctx) == 1
    dm = timed.slack.dm_with(BOB.id)
    texts = [str(m.blocks) for m in timed.slack.messages(dm.id)]
    assert len(texts) == 2 and "due tomorrow" in texts[0] and "due today" in texts[1]


async def test_the_ic_is_reminded_when_the_postmortem_is_missing_after_36_hours(timed):
    from bot.flows.follow_up import send_followups

    incident = await timed.declare()
    await _say(timed, "alice", "resolve", incident)
    await timed.slack.wait_for_message(incident.channel_id, "resolved the incident")
    timed.clock.advance(hours=35)
    assert await send_followups(timed.bot.ctx) == 0
    timed.clock.advance(hours=2)
    assert await send_followups(timed.bot.ctx) == 1
    assert await send_followups(timed.bot.ctx) == 0
    dm = timed.slack.dm_with("U0ALICE")
    assert "has no postmortem yet" in timed.slack.messages(dm.id)[-1].text


async def test_a_message_the_bot_cannot_read_is_explained_to_the_reactor(timed):
    slack = timed.slack
    incident = await timed.declare()
    for who in ("bob", "carol"):
        await slack.user(who).join(incident.channel_id)
    said = await slack.user("bob").say(incident.channel_id, "db is on fire")
    slack.fail("conversations.history", "not_in_channel")
    await slack.user("bob").react(incident.channel_id, said.ts, "pushpin")
    [notice] = await slack.wait_for(lambda: [e for e in slack.ephemerals("bob") if "could not read" in e.text])
    assert "not_in_channel" in notice.text
    assert not await _has_kind(timed, incident, EventKind.CAPTURED)


async def test_a_retried_event_and_a_second_reaction_capture_once(timed):
    slack = timed.slack
    incident = await timed.declare()
    for who in ("bob", "carol"):
        await slack.user(who).join(incident.channel_id)
    said = await slack.user("bob").say(incident.channel_id, "found it: connection pool at 100%")
    first = await slack.user("bob").react(incident.channel_id, said.ts, "pushpin")
    await slack.deliver_event(first.payload["event"], event_id=first.payload["event_id"], retry_num=1)
    await slack.user("carol").react(incident.channel_id, said.ts, "pushpin")
    await eventually(lambda: _has_kind(timed, incident, EventKind.CAPTURED))
    events = [e for e in await timed.store.timeline(incident.id) if e.kind is EventKind.CAPTURED]
    assert len(events) == 1 and events[0].actor == BOB.id


async def test_pinning_a_message_captures_it(timed):
    slack = timed.slack
    incident = await timed.declare()
    for who in ("bob", "carol"):
        await slack.user(who).join(incident.channel_id)
    said = await slack.user("bob").say(incident.channel_id, "rollback done at 12:20")
    await slack.deliver_event({"type": "pin_added", "user": CAROL.id, "channel_id": incident.channel_id,
                               "item": {"type": "message", "channel": incident.channel_id,
                                        "message": {"ts": said.ts, "user": BOB.id, "text": said.text}}})
    await eventually(lambda: _has_kind(timed, incident, EventKind.CAPTURED))


async def test_the_postmortem_is_exported_and_a_second_run_updates_the_same_file(timed):
    from pathlib import Path

    incident = await _live_incident(timed)
    await _postmortem(timed, incident)
    directory = Path(timed.bot.settings.postmortem_dir)
    path = directory / f"{incident.id}-postmortem.md"
    assert "## Success-criteria scorecard" in path.read_text()
    await _say(timed, "alice", "decision add a canary gate because 4312 went to 100% at once", incident)
    await _postmortem(timed, incident)
    assert [p.name for p in directory.iterdir()] == [path.name]
    assert "add a canary gate" in path.read_text()
    assert timed.replies("alice", f"Also published: {path}")


async def test_a_refused_reminder_is_not_marked_sent_is_retried_and_reported_to_the_ic(timed):
    """Issue 8 §5: a DM Slack refuses (here: the Messages tab off) is retried every sweep, the IC
    hears in the war room after REPORT_AFTER_FAILURES, and it goes out once the DM works."""
    from bot.flows.follow_up import REPORT_AFTER_FAILURES, send_followups
    from bot.incident.model import ActionItem, ActionType
    from slack_standin.app_config import AppConfig

    slack, ctx = timed.slack, timed.bot.ctx
    incident = await timed.declare()
    due = (timed.clock.now + timedelta(days=1)).date()
    await ctx.followups.save_actions(incident.id, [ActionItem(number=1, description="Canary gate", owner=BOB.id, due=due, type=ActionType.PREVENT)])
    enabled = slack.workspace.app
    slack.workspace.app = AppConfig(messages_tab_enabled=False, should_escape=True)
    for _ in range(REPORT_AFTER_FAILURES + 1):
        assert await send_followups(ctx) == 0
    [item] = await ctx.followups.actions(incident.id)
    assert item.reminded == [] and item.reminder_failures == REPORT_AFTER_FAILURES + 1
    reports = slack.find_messages(incident.channel_id, "could not deliver the reminder")
    assert len(reports) == 1 and f"<@{BOB.id}>" in reports[0].text and "messages_tab_disabled" in reports[0].text

    slack.workspace.app = enabled
    assert await send_followups(ctx) == 1
    assert await send_followups(ctx) == 0
    [item] = await ctx.followups.actions(incident.id)
    assert item.reminded == ["before"]
    assert "due tomorrow" in str(slack.messages(slack.dm_with(BOB.id).id)[-1].blocks)
