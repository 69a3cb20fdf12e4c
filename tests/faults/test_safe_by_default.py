"""Issue 9 (safe by default), items 1, 2 and 5: each attack replayed end to end through the bot
over HTTP (the Slack stand-in, a real redis-server). Each failed on the code before the access
model, privacy and limits."""

from __future__ import annotations

import json
from datetime import date, timedelta

from bot.incident.kinds import Status
from bot.incident.model import ActionItem, ActionType, EventKind
from slack_standin import BOB, BOT_USER_ID, CAROL, GENERAL_CHANNEL_ID
from tests.integration.conftest import Harness
from tests.support.clock import TestClock
from tests.support.waiting import eventually

LEAKED = "Deploy key for payments-prod leaked on pastebin"


async def _answer(harness, who, text, channel):
    """The next private answer `who` gets after typing `/incident text` in `channel`."""
    before = len(harness.slack.ephemerals(who))
    await harness.slack.user(who).command("/incident", text, channel)
    [answer, *_] = await harness.slack.wait_for(lambda: harness.slack.ephemerals(who)[before:])
    return answer


async def _private_incident(harness, who="carol"):
    """A security incident declared through the form: its war room is private."""
    slack = harness.slack
    await slack.user(who).command("/incident", "declare")
    view = await slack.wait_for(lambda: slack.open_view(who))
    await slack.user(who).submit_view(view.id, {"title": {"value": LEAKED}, "severity": {"value": "SEV1"},
                                                "type": {"value": "security_incident"}})
    await slack.wait_for(lambda: harness.replies(who, "War room:"))
    incident = await harness.store.require("INC-1")
    assert incident.is_private
    return incident


async def test_list_outside_a_private_war_room_shows_only_its_number_and_severity(harness):
    await _private_incident(harness)
    answer = await _answer(harness, "bob", "list", GENERAL_CHANNEL_ID)
    shown = answer.text + json.dumps(answer.blocks)
    assert "INC-1" in shown and "SEV1" in shown and "private" in shown
    assert "pastebin" not in shown and "payments-prod" not in shown
    # Its own member still sees it whole.
    mine = await _answer(harness, "carol", "list", GENERAL_CHANNEL_ID)
    assert "pastebin" in json.dumps(mine.blocks)


async def test_actions_of_a_private_incident_are_not_listed_to_outsiders(harness):
    incident = await _private_incident(harness)
    secret_item = ActionItem(number=1, description="Rotate the payments-prod deploy key", owner=CAROL.id,
                             due=date.today() + timedelta(days=3), type=ActionType.MITIGATE)
    await harness.bot.ctx.followups.save_actions(incident.id, [secret_item])
    answer = await _answer(harness, "bob", "actions", GENERAL_CHANNEL_ID)
    shown = answer.text + json.dumps(answer.blocks or [])
    assert "payments-prod" not in shown and "action_item_done" not in shown
    assert "1 action items of private incidents are not shown" in shown
    assert (await harness.bot.ctx.followups.actions(incident.id))[0].is_open


async def test_done_on_someone_elses_action_item_is_refused_and_names_who_may(harness):
    incident = await harness.declare()  # alice is IC
    item = ActionItem(number=1, description="Canary gate on checkout deploys", owner=CAROL.id,
                      due=date.today() + timedelta(days=3), type=ActionType.PREVENT)
    await harness.bot.ctx.followups.save_actions(incident.id, [item])
    listing = await _answer(harness, "bob", "actions", GENERAL_CHANNEL_ID)
    before = len(harness.slack.ephemerals("bob"))
    await harness.slack.user("bob").click(listing.channel, listing.ts, "action_item_done", block_id=listing.blocks[0]["block_id"])
    [refusal] = await harness.slack.wait_for(lambda: harness.slack.ephemerals("bob")[before:])
    assert "Only the incident commander (<@U0ALICE>), the item's owner or an admin" in refusal.text
    assert (await harness.bot.ctx.followups.actions(incident.id))[0].is_open


async def test_a_form_naming_another_private_incident_is_refused(harness):
    private = await _private_incident(harness)
    mine = await harness.declare("declare sev3 Slow search", who="bob")  # bob is IC here
    slack = harness.slack
    await slack.user("bob").click(mine.channel_id, mine.card_ts, "open_update_modal")
    view = await slack.wait_for(lambda: slack.open_view("bob"))
    # The form comes back naming the private incident instead of bob's own.
    slack.workspace.views[view.id].payload["private_metadata"] = json.dumps({"incident_id": private.id})
    await slack.user("bob").submit_view(view.id, {"what": {"value": "all clear, nothing leaked"}})
    await eventually(lambda: _async(_told(harness, "bob", "is private")), what="the refusal")
    assert not slack.find_message(private.channel_id, "nothing leaked")
    assert not [e for e in await harness.store.timeline(private.id) if e.kind is EventKind.STATUS_UPDATE]


async def test_a_bystander_cannot_reopen_a_resolved_incident(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", "resolve rolled back", incident.channel_id)
    await slack.wait_for_message(incident.channel_id, "resolved the incident")
    # The card is refreshed after the announcement: wait until it offers Reopen.
    await slack.wait_for(lambda: "set_status:investigating" in json.dumps(slack.message(incident.channel_id, incident.card_ts).blocks))
    await slack.user("bob").join(incident.channel_id)
    before = len(slack.ephemerals("bob"))
    await slack.user("bob").click(incident.channel_id, incident.card_ts, "set_status:investigating")
    [refusal] = await slack.wait_for(lambda: slack.ephemerals("bob")[before:])
    assert "Only the incident commander (<@U0ALICE>) or an admin (INCIDENT_ADMINS) can reopen INC-1" in refusal.text
    assert (await harness.store.require(incident.id)).status is Status.RESOLVED


async def test_a_bystander_cannot_rewrite_the_postmortem_or_its_action_items(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("bob").join(incident.channel_id)
    refusal = await _answer(harness, "bob", "postmortem", incident.channel_id)
    assert "Only the incident commander (<@U0ALICE>) or an admin (INCIDENT_ADMINS) can write or export the postmortem" in refusal.text
    assert not [e for e in await harness.store.timeline(incident.id) if e.kind is EventKind.POSTMORTEM]

    await slack.user("alice").command("/incident", "postmortem", incident.channel_id)
    summary = await slack.wait_for_message(incident.channel_id, "Postmortem for")
    before = len(slack.ephemerals("bob"))
    await slack.user("bob").click(incident.channel_id, summary.ts, "review_action_items")
    [refusal] = await slack.wait_for(lambda: slack.ephemerals("bob")[before:])
    assert "can confirm or edit the action items of INC-1" in refusal.text
    assert slack.open_view("bob") is None


async def test_reconfirming_action_items_keeps_the_ones_already_done(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", "postmortem", incident.channel_id)
    summary = await slack.wait_for_message(incident.channel_id, "Postmortem for")
    due = (date.today() + timedelta(days=5)).isoformat()
    rows = {"what_1": {"value": "Canary gate"}, "owner_1": {"value": BOB.id}, "due_1": {"value": due},
            "type_1": {"value": "prevent"}}

    async def confirm():
        await slack.user("alice").click(incident.channel_id, summary.ts, "review_action_items")
        view = await slack.wait_for(lambda: slack.open_view("alice"))
        unused = {f"what_{n}": {"value": ""} for n in range(2, json.loads(view.private_metadata)["rows"] + 1)}
        await slack.user("alice").submit_view(view.id, {**unused, **rows})

    await confirm()
    await eventually(lambda: harness.bot.ctx.followups.actions(incident.id), what="confirmed items")
    await slack.user("bob").join(incident.channel_id)
    listing = await _answer(harness, "bob", "actions", incident.channel_id)
    await slack.user("bob").click(listing.channel, listing.ts, "action_item_done", block_id=listing.blocks[0]["block_id"])
    await eventually(lambda: _done(harness, incident), what="item 1 done")
    confirmations = len(slack.find_messages(incident.channel_id, "action items confirmed"))
    await confirm()
    await slack.wait_for(lambda: len(slack.find_messages(incident.channel_id, "action items confirmed")) > confirmations)
    assert await _done(harness, incident)


async def _done(harness, incident):
    items = await harness.bot.ctx.followups.actions(incident.id)
    return bool(items) and not items[0].is_open


async def _async(value):
    return value


def _told(harness, who, contains):
    """Said to `who` privately: an ephemeral, or a DM when the bot cannot post where they were."""
    slack = harness.slack
    dm = slack.dm_with(slack.user(who).id)
    dms = [m.text for m in slack.messages(dm.id)] if dm else []
    return [t for t in harness.replies(who, contains) + dms if contains in t]


async def test_incident_command_cannot_be_handed_to_the_bot(harness):
    incident = await harness.declare()
    refusal = await _answer(harness, "alice", f"role ic <@{BOT_USER_ID}>", incident.channel_id)
    assert "Incident command goes to a person, not to me" in refusal.text
    assert (await harness.store.require(incident.id)).roles.incident_commander == "U0ALICE"
    # ...so nobody else gets the commander's powers through the bot.
    refusal = await _answer(harness, "bob", "severity sev4", incident.channel_id)
    assert "Only the incident commander (<@U0ALICE>)" in refusal.text


# --- limits ---------------------------------------------------------------------------------


async def test_one_person_declares_at_most_the_configured_number_a_minute(slack, redis_url):
    harness = Harness(slack, redis_url)
    await harness.start_bot(declare_rate_per_minute=2)
    try:
        await harness.declare("declare sev3 First")
        await harness.declare("declare sev3 Second")
        refusal = await _answer(harness, "alice", "declare sev3 Third", GENERAL_CHANNEL_ID)
        await slack.wait_for(lambda: harness.replies("alice", "the most one person may"))
        assert "declared 2 incidents in the last minute" in harness.replies("alice", "the most one person may")[0]
        assert refusal is not None
        assert len([c for c in slack.channels() if c.name.startswith("inc-")]) == 2
        await harness.declare("declare sev3 Someone else's", who="bob")  # the limit is per person
    finally:
        await harness.stop_all()


async def test_the_same_agent_steps_cannot_be_rerun_within_the_cooldown(harness):
    slack = harness.slack
    incident = await harness.declare()
    await slack.user("alice").command("/incident", "run triage", incident.channel_id)
    await eventually(lambda: harness.bot.ctx.steps.results(incident.id), timeout=15, what="the triage result")
    await slack.user("alice").command("/incident", "run triage", incident.channel_id)
    [refusal] = await slack.wait_for(lambda: harness.replies("alice", "can run again in"))
    assert "`triage` was asked for on INC-1 a moment ago; it can run again in 5 minutes" in refusal


async def test_the_cooldown_runs_on_the_workspace_clock_not_redis_time(slack, redis_url):
    """The drill and a replayed incident run the bot's clock faster than Redis's; the cooldown
    ends when the bot's clock says 5 minutes have passed."""
    harness = Harness(slack, redis_url)
    harness.clock = TestClock()
    await harness.start_bot()
    try:
        incident = await harness.declare()
        await slack.user("alice").command("/incident", "run triage", incident.channel_id)
        await eventually(lambda: harness.bot.ctx.steps.results(incident.id), timeout=15, what="the triage result")
        harness.clock.advance(minutes=4)
        await slack.user("alice").command("/incident", "run triage", incident.channel_id)
        [refusal] = await slack.wait_for(lambda: harness.replies("alice", "can run again in"))
        assert "can run again in 1 minute." in refusal
        harness.clock.advance(minutes=1, seconds=1)
        await slack.user("alice").command("/incident", "run triage", incident.channel_id)
        await slack.wait_for(lambda: len(harness.replies("alice", "Running triage")) == 2)
        assert len(harness.replies("alice", "can run again in")) == 1
    finally:
        await harness.stop_all()


async def test_the_timeline_keeps_decisions_and_status_changes_and_folds_the_oldest_notes(slack, redis_url):
    harness = Harness(slack, redis_url)
    await harness.start_bot(timeline_max_notes=10)
    try:
        incident = await harness.declare()
        say = lambda text: slack.user("alice").command("/incident", text, incident.channel_id)  # noqa: E731
        await say("decision roll back 4312 because errors began with it")
        await slack.wait_for_message(incident.channel_id, "roll back 4312")
        await say("status identified")
        await slack.wait_for_message(incident.channel_id, "to *Identified*")
        for n in range(25):  # typed one after another, as a person would: each lands before the next
            await say(f"note observation {n}")
            await slack.wait_for_message(incident.channel_id, f"observation {n}")
        events = await harness.store.timeline(incident.id)
        notes = [e for e in events if e.kind is EventKind.NOTE]
        assert len(notes) == 11  # the ten newest and one summary of the rest
        assert "15 earlier notes by <@U0ALICE>" in notes[0].text and notes[0].data == {"folded": 15}
        assert [n.text for n in notes[1:]] == [f"observation {n}" for n in range(15, 25)]
        assert [e.kind for e in events].count(EventKind.DECISION) == 1
        assert [e.kind for e in events].count(EventKind.STATUS_CHANGED) == 1
    finally:
        await harness.stop_all()


async def test_a_private_postmortem_is_not_published_to_the_shared_wiki(slack, redis_url):
    from tests.export.conftest import TOKEN, USER
    from tests.support.confluence_standin import ConfluenceStandIn

    async with ConfluenceStandIn(user=USER, token=TOKEN, spaces={"OPS": "98305"}) as wiki:
        harness = Harness(slack, redis_url)
        await harness.start_bot(confluence_url=wiki.base_url, confluence_space="OPS", confluence_user=USER,
                                confluence_api_token=TOKEN)
        try:
            incident = await _private_incident(harness)
            await slack.user("carol").command("/incident", "postmortem", incident.channel_id)
            [reply] = await slack.wait_for(lambda: harness.replies("carol", "The postmortem for"), timeout=10)
            assert "not to Confluence: INC-1 is private" in reply
            assert not wiki.pages
            public = await harness.declare("declare sev3 Slow search")
            await slack.user("alice").command("/incident", "postmortem", public.channel_id)
            await slack.wait_for(lambda: harness.replies("alice", "The postmortem for"), timeout=10)
            assert [p.title for p in wiki.pages.values()] == ["INC-2 postmortem: Slow search"]
        finally:
            await harness.stop_all()
