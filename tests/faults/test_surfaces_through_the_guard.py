"""Issue 9 (safe by default), finished over the surfaces the other merged branches added: the
catch-up, step *Details*, `/incident stats`, the resolve form, paging, the status page and
tickets each go through the one guard (bot/flows/guard.py), and a private incident's text
leaves its war room only on the commander's click. End to end: the real bot over HTTP, the
Slack stand-in, a real redis-server, the vendor stand-ins. Each failed on the merged main."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.flows import follow_up
from bot.incident.model import ActionItem, ActionType
from slack_standin import BOB, CAROL, GENERAL_CHANNEL_ID
from tests.faults.test_safe_by_default import _answer, _private_incident
from tests.integration.conftest import Harness
from tests.integrations.conftest import JIRA_TOKEN, JIRA_USER, PD_KEY, SP_KEY
from tests.support.waiting import eventually
from vendor_standins import JiraStandIn, PagerDutyStandIn, StatuspageStandIn


@pytest.fixture
async def vendors() -> AsyncIterator[dict]:
    standins = {"statuspage": StatuspageStandIn(SP_KEY, "page1", {"cmp-checkout": "Checkout"}),
                "pagerduty": PagerDutyStandIn([PD_KEY]),
                "jira": JiraStandIn(JIRA_USER, JIRA_TOKEN, accounts={CAROL.email: "acc-carol"})}
    for standin in standins.values():
        await standin.start()
    yield standins
    for standin in standins.values():
        await standin.stop()


@pytest.fixture
async def wired(slack, redis_url, vendors) -> AsyncIterator[Harness]:
    """The bot with a status page, PagerDuty (SEV1 auto-paged) and Jira, all stand-ins."""
    harness = Harness(slack, redis_url)
    harness.settings_overrides |= dict(
        statuspage_api_key=SP_KEY, statuspage_page_id="page1", statuspage_api_url=vendors["statuspage"].base_url,
        pagerduty_routing_key=PD_KEY, pagerduty_events_url=vendors["pagerduty"].base_url, auto_page="sev1",
        jira_url=vendors["jira"].base_url, jira_user=JIRA_USER, jira_api_token=JIRA_TOKEN, jira_project="OPS",
        integration_timeout_seconds=2.0)
    await harness.start_bot()
    yield harness
    await harness.stop_all()


def _retarget(blocks: list[dict], action_id: str, value: str) -> None:
    """Make a button in `blocks` name another incident, as a forged click would."""
    for block in blocks:
        for element in [block.get("accessory") or {}, *block.get("elements", [])]:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                element["value"] = value


async def _refused(harness: Harness, who: str, contains: str, before: int) -> str:
    [answer, *_] = await harness.slack.wait_for(
        lambda: [e for e in harness.slack.ephemerals(who)[before:] if contains in e.text], description=contains)
    return answer.text


async def test_details_naming_a_private_incident_are_refused(harness):
    slack = harness.slack
    private = await _private_incident(harness)
    await slack.user("carol").command("/incident", "run triage", private.channel_id)
    await eventually(lambda: _has_result(harness, private.id, "triage"), what="triage answered in the private room")
    mine = await harness.declare("declare sev3 Slow search", who="bob")
    await slack.user("bob").command("/incident", "run triage", mine.channel_id)
    board = await slack.wait_for(lambda: [m for m in slack.messages(mine.channel_id) if "step_details" in json.dumps(m.blocks or [])])
    _retarget(slack.workspace.message(mine.channel_id, board[-1].ts).blocks, "step_details", f"{private.id}|triage")
    before = len(slack.ephemerals("bob"))
    await slack.user("bob").click(mine.channel_id, board[-1].ts, "step_details")
    assert "is private" in await _refused(harness, "bob", "is private", before)
    assert slack.open_view("bob") is None


async def _has_result(harness, incident_id, step):
    return step in await harness.bot.ctx.steps.results(incident_id)


async def test_sharing_a_catch_up_of_a_private_incident_is_refused(harness):
    slack = harness.slack
    private = await _private_incident(harness)
    mine = await harness.declare("declare sev3 Slow search", who="bob")
    await slack.user("bob").command("/incident", "summary", mine.channel_id)
    [catch_up] = await slack.wait_for(lambda: [e for e in slack.ephemerals("bob") if "share_summary" in json.dumps(e.blocks or [])])
    _retarget(catch_up.blocks, "share_summary", private.id)
    before = len(slack.ephemerals("bob"))
    await slack.user("bob").click(mine.channel_id, catch_up.ts, "share_summary")
    await _refused(harness, "bob", "is private", before)
    assert not slack.find_message(private.channel_id, "Catch-up shared")


async def test_stats_leave_private_incidents_out_except_for_admins(slack, redis_url):
    harness = Harness(slack, redis_url)
    await harness.start_bot(admins="U0DAVE")
    try:
        private = await _private_incident(harness)
        await slack.user("carol").command("/incident", "resolve key rotated", private.channel_id)
        await slack.wait_for_message(private.channel_id, "resolved the incident")
        await eventually(lambda: _in_history(harness, private.id), what="the private incident in the history")
        outsider = await _answer(harness, "bob", "stats 30d", GENERAL_CHANNEL_ID)
        assert "0 resolved" in outsider.text and "1 private incidents are left out" in outsider.text
        filtered = await _answer(harness, "bob", "stats 30d payments-prod", GENERAL_CHANNEL_ID)
        assert "0 resolved" in filtered.text and "private" not in filtered.text
        admin = await _answer(harness, "dave", "stats 30d", GENERAL_CHANNEL_ID)
        assert "1 resolved" in admin.text
    finally:
        await harness.stop_all()


async def _in_history(harness, incident_id):
    from bot.flows.history import history_store
    now = harness.bot.ctx.clock()
    records = await history_store(harness.bot.ctx).resolved_between(now - timedelta(days=1), now + timedelta(days=1))
    return any(r.id == incident_id for r in records)


async def test_a_bystander_cannot_open_the_resolve_form(harness):
    slack = harness.slack
    incident = await harness.declare()  # alice is IC
    await slack.user("bob").join(incident.channel_id)
    before = len(slack.ephemerals("bob"))
    await slack.user("bob").click(incident.channel_id, incident.card_ts, "resolve_incident")
    assert "can resolve INC-1" in await _refused(harness, "bob", "Only the incident commander", before)
    assert slack.open_view("bob") is None


async def test_only_the_war_room_pages_and_a_private_page_carries_no_title(wired, vendors):
    slack, pagerduty = wired.slack, vendors["pagerduty"]
    private = await _private_incident(wired)  # SEV1, auto-paged
    await slack.wait_for_message(private.channel_id, "paged the on-call through PagerDuty")
    page = pagerduty.alerts[f"incident-commander/{private.id}"]
    assert "pastebin" not in json.dumps(page) and "private incident" in page["summary"]
    incident = await wired.declare("declare sev2 Payments slow")
    before = len(slack.ephemerals("bob"))  # bob is not in the war room
    await slack.user("bob").command("/incident", "page payments wake everyone", incident.channel_id)
    assert "can page the on-call for INC-2" in await _refused(wired, "bob", "Only the incident commander", before)
    assert list(pagerduty.alerts) == [f"incident-commander/{private.id}"]


async def test_a_private_status_page_draft_is_published_only_by_the_commander(wired, vendors):
    slack, page = wired.slack, vendors["statuspage"]
    private = await _private_incident(wired)
    await slack.user("carol").command("/incident", f"role comms <@{BOB.id}>", private.channel_id)
    await slack.wait_for_message(private.channel_id, "*Communications Lead*")
    await slack.user("carol").command("/incident", "run comms", private.channel_id)
    draft = await slack.wait_for_message(private.channel_id, "Status page draft", timeout=15)
    before = len(slack.ephemerals("bob"))
    await slack.user("bob").click(private.channel_id, draft.ts, "statuspage_publish", block_id="statuspage")
    refusal = await _refused(wired, "bob", "Only the incident commander", before)
    assert "send outside the war room" in refusal and page.incidents == {}
    await slack.user("bob").click(private.channel_id, draft.ts, "statuspage_edit", block_id="statuspage")
    await _refused(wired, "bob", "send outside the war room", before + 1)
    assert slack.open_view("bob") is None
    await slack.user("carol").click(private.channel_id, draft.ts, "statuspage_publish", block_id="statuspage")
    await slack.wait_for_message(private.channel_id, "published the status page")
    assert len(page.incidents) == 1


async def test_a_private_incidents_action_items_reach_jira_only_on_the_commanders_click(wired, vendors):
    slack, jira = wired.slack, vendors["jira"]
    private = await _private_incident(wired)
    await slack.user("carol").command("/incident", f"role sme <@{BOB.id}>", private.channel_id)  # bob is in the room
    await slack.wait_for_message(private.channel_id, "Subject Matter Expert")
    ctx = wired.bot.ctx
    due = (ctx.clock() + timedelta(days=7)).date()
    items = [ActionItem(number=1, description="Rotate the payments-prod deploy key", owner=CAROL.id, due=due,
                        type=ActionType.MITIGATE)]
    await follow_up.confirm_actions(ctx, private.id, items, CAROL.id)
    prompt = await slack.wait_for_message(private.channel_id, "No Jira tickets were opened")
    assert jira.issues == {}
    before = len(slack.ephemerals("bob"))
    await slack.user("bob").click(private.channel_id, prompt.ts, "open_tickets")
    await _refused(wired, "bob", "Only the incident commander", before)
    assert jira.issues == {}
    await slack.user("carol").click(private.channel_id, prompt.ts, "open_tickets")
    await slack.wait_for_message(private.channel_id, "Tickets for the action items", timeout=10)
    assert list(jira.issues) == ["OPS-1"]


async def test_keep_and_the_acknowledgement_buttons_go_through_the_guard(harness):
    from tests.integration.test_triage_feedback import _suggestion
    from bot.ui import integration_blocks

    slack = harness.slack
    incident = await harness.declare("declare sev1 Checkout API returning 500s")  # alice is IC
    suggestion = await _suggestion(harness, incident)
    await slack.user("bob").join(incident.channel_id)
    before = len(slack.ephemerals("bob"))
    await slack.user("bob").click(incident.channel_id, suggestion.ts, "keep_declared_severity")
    assert "or an admin (INCIDENT_ADMINS) can change the severity of INC-1" in await _refused(
        harness, "bob", "Only the incident commander", before)
    # The acknowledgement's one-click role buttons are a role hand-over like any other.
    await harness.bot.ctx.slack.post(incident.channel_id, "Dana acknowledged the page",
                                     integration_blocks.acknowledged(incident.id, "Dana", "PagerDuty", CAROL.id))
    acked = await slack.wait_for_message(incident.channel_id, "Dana acknowledged the page")
    before = len(slack.ephemerals("bob"))
    await slack.user("bob").click(incident.channel_id, acked.ts, "make_role_holder:tech_lead")
    assert "can assign roles in INC-1" in await _refused(harness, "bob", "Only the incident commander", before)
    assert (await harness.store.require(incident.id)).roles.tech_lead is None


async def test_a_private_resolution_is_not_announced_in_the_broadcast_channel(slack, redis_url):
    harness = Harness(slack, redis_url)
    await harness.start_bot(broadcast_channel=GENERAL_CHANNEL_ID)
    try:
        private = await _private_incident(harness)
        await slack.wait_for_message(GENERAL_CHANNEL_ID, "private")  # that one was declared, no more
        await slack.user("carol").command("/incident", "resolve key rotated, access logs clean", private.channel_id)
        await slack.wait_for_message(private.channel_id, "resolved the incident")
        # A public incident declared and resolved after it: its resolution reaches the broadcast
        # channel, posted there in the order asked, so the private one's would be there before it.
        public = await harness.declare("declare sev3 Search slow")
        await slack.user("alice").command("/incident", "resolve cache warmed", public.channel_id)
        await slack.wait_for(lambda: [m for m in slack.messages(GENERAL_CHANNEL_ID) if public.id in m.text and "resolved" in m.text])
        general = " ".join(m.text for m in slack.messages(GENERAL_CHANNEL_ID))
        assert private.id not in general.replace(f"{private.id}", "", 1)  # named once: the declaration
        assert "pastebin" not in general and "key rotated" not in general
    finally:
        await harness.stop_all()
