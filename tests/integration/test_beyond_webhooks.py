"""Issue 15, what came back from the vendors: a ticket closed in Jira or Linear closes its action
item through the tracker's signed webhook (the poll stays as the fallback), Linear end to end
through the Slack flow, and an Opsgenie acknowledgement landing like PagerDuty's. The real bot,
Redis and the Slack stand-in, with the vendor stand-ins over real HTTP on loopback."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from bot.flows import follow_up
from bot.incident.model import ActionItem, ActionType, EventKind
from slack_standin import BOB, CAROL, DAVE
from tests.integration.conftest import Harness
from tests.integrations.conftest import JIRA_TOKEN, JIRA_USER, LINEAR_KEY, LINEAR_TEAM, OG_KEY
from tests.support.waiting import eventually
from vendor_standins import JiraStandIn, LinearStandIn, OpsgenieStandIn

JIRA_SECRET = "jira-webhook-secret-0123456789"
LINEAR_SECRET = "lin_wh_signing-secret-0123456789"
WEBHOOK_TOKEN = "beyond-webhook-token"
NEVER_POLL = 3600.0  # the poll would not see a closed ticket within the test: only the webhook can


async def _start(slack, redis_url, **overrides) -> Harness:
    harness = Harness(slack, redis_url)
    harness.settings_overrides |= dict(integration_timeout_seconds=2.0, nudge_resync_seconds=0.2, **overrides)
    await harness.start_bot()
    return harness


async def _confirm_two_items(harness: Harness, incident_id: str) -> list[ActionItem]:
    ctx = harness.bot.ctx
    due = (ctx.clock() + timedelta(days=7)).date()
    items = [ActionItem(number=1, description="Add a canary gate", owner=CAROL.id, due=due, type=ActionType.PREVENT),
             ActionItem(number=2, description="Alert on p99", owner=BOB.id, due=due, type=ActionType.DETECT)]
    await follow_up.confirm_actions(ctx, incident_id, items, "U0ALICE")
    channel = (await harness.store.require(incident_id)).channel_id
    await harness.slack.wait_for_message(channel, "Tickets for the action items", timeout=10)
    return await ctx.followups.actions(incident_id)


async def _post(harness: Harness, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.post(harness.bot.url + path, content=body, headers=headers)


async def _is_open(harness: Harness, incident_id: str, number: int) -> bool:
    items = {a.number: a for a in await harness.bot.ctx.followups.actions(incident_id)}
    return items[number].is_open


# --- Jira ------------------------------------------------------------------------------------


@pytest.fixture
async def jira() -> AsyncIterator[JiraStandIn]:
    async with JiraStandIn(JIRA_USER, JIRA_TOKEN, accounts={CAROL.email: "acc-carol"}) as standin:
        yield standin


async def test_a_jira_ticket_closed_in_jira_closes_its_item_through_the_signed_webhook(slack, redis_url, jira,
                                                                                       caplog) -> None:
    caplog.set_level(logging.DEBUG)
    harness = await _start(slack, redis_url, jira_url=jira.base_url, jira_user=JIRA_USER, jira_api_token=JIRA_TOKEN,
                           jira_project="OPS", jira_webhook_secret=JIRA_SECRET, ticket_poll_seconds=NEVER_POLL)
    try:
        incident = await harness.declare("declare sev3 Search slow")
        await _confirm_two_items(harness, incident.id)

        # A delivery signed with another secret is refused and changes nothing.
        body, headers = jira.close_with_webhook("OPS-1", "not-the-secret")
        answer = await _post(harness, "/webhooks/jira", body, headers)
        assert answer.status_code == 401 and "X-Hub-Signature" in answer.json()["error"]
        unsigned = await _post(harness, "/webhooks/jira", body, {"Content-Type": "application/json"})
        assert unsigned.status_code == 401
        assert await _is_open(harness, incident.id, 1)

        body, headers = jira.close_with_webhook("OPS-1", JIRA_SECRET)
        answer = await _post(harness, "/webhooks/jira", body, headers)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"ok": True, "action": "closed", "incident_id": incident.id, "item": 1}
        assert not await _is_open(harness, incident.id, 1) and await _is_open(harness, incident.id, 2)
        await slack.wait_for_message(incident.channel_id, "OPS-1 was closed in Jira")

        again = await _post(harness, "/webhooks/jira", body, headers)  # Jira retries the same delivery
        assert again.status_code == 200 and again.json()["action"] != "closed"
        assert len(slack.find_messages(incident.channel_id, "OPS-1 was closed in Jira")) == 1
        events = [e for e in await harness.store.timeline(incident.id) if "OPS-1 closed in Jira" in e.text]
        assert len(events) == 1 and events[0].kind is EventKind.NOTE
        assert "webhook refused" in caplog.text  # the refusals were logged, without the secrets
        assert JIRA_SECRET not in caplog.text and JIRA_TOKEN not in caplog.text
    finally:
        await harness.stop_all()


async def test_the_jira_route_is_not_served_without_its_secret(slack, redis_url, jira) -> None:
    harness = await _start(slack, redis_url, jira_url=jira.base_url, jira_user=JIRA_USER, jira_api_token=JIRA_TOKEN,
                           jira_project="OPS", webhook_token=WEBHOOK_TOKEN)
    try:
        body = json.dumps({"webhookEvent": "jira:issue_updated", "issue": {"key": "OPS-1"}}).encode()
        answer = await _post(harness, "/webhooks/jira", body, {"Authorization": f"Bearer {WEBHOOK_TOKEN}"})
        assert answer.status_code == 404  # Jira cannot send the bearer token; only a signature opens it
    finally:
        await harness.stop_all()


# --- Linear ----------------------------------------------------------------------------------


@pytest.fixture
async def linear() -> AsyncIterator[LinearStandIn]:
    async with LinearStandIn(LINEAR_KEY, LINEAR_TEAM, users={CAROL.email: "usr-carol"}) as standin:
        yield standin


def _linear_settings(linear: LinearStandIn, **overrides) -> dict:
    return dict(linear_api_key=LINEAR_KEY, linear_team_id=LINEAR_TEAM, linear_api_url=linear.base_url + "/graphql",
                **overrides)


async def test_linear_through_the_slack_flow_tickets_done_in_slack_and_closed_in_linear(slack, redis_url, linear,
                                                                                         caplog) -> None:
    caplog.set_level(logging.DEBUG)
    harness = await _start(slack, redis_url, **_linear_settings(
        linear, linear_webhook_secret=LINEAR_SECRET, ticket_poll_seconds=NEVER_POLL))
    try:
        incident = await harness.declare("declare sev3 Search slow")
        stored = await _confirm_two_items(harness, incident.id)
        assert [a.ticket_key for a in stored] == ["ENG-1", "ENG-2"]
        carol, bob = (linear.issues[a.ticket_ref] for a in stored)
        assert carol["assigneeId"] == "usr-carol" and carol["dueDate"] == stored[0].due.isoformat()
        assert carol["title"] == f"[{incident.id}] Add a canary gate"
        assert bob["assigneeId"] is None  # Bob has no Linear account: unassigned, and the war room is told
        assert slack.find_messages(incident.channel_id, "unassigned")
        assert all(a.ticket_url and a.ticket_url.startswith("https://linear.app/") for a in stored)
        # `/incident actions` shows each item with its ticket's link.
        await slack.user("alice").command("/incident", "actions", incident.channel_id)
        listed = await slack.wait_for(lambda: [e for e in slack.ephemerals("alice") if stored[0].ticket_url in str(e.blocks)])
        assert f"<{stored[0].ticket_url}|ENG-1>" in str(listed[0].blocks)
        creates = [r for r in linear.requests if "issueCreate" in str(r.body)]
        assert len(creates) == 2 and all(r.headers["Authorization"] == LINEAR_KEY for r in creates)

        await follow_up.confirm_actions(harness.bot.ctx, incident.id, stored, "U0ALICE")  # again: no new issues
        await slack.wait_for(lambda: len(slack.find_messages(incident.channel_id, "action items confirmed")) == 2)
        assert len(linear.issues) == 2

        await follow_up.complete_action(harness.bot.ctx, incident.id, 1, CAROL.id)  # Done in Slack
        await eventually(lambda: _linear_state(linear, stored[0].ticket_ref, "st-done"), what="ENG-1 closed in Linear")

        # Closed in Linear: its webhook closes the item. A stale or forged delivery is refused first.
        stale, headers = linear.close_with_webhook(stored[1].ticket_ref, LINEAR_SECRET,
                                                   sent_at_ms=int((time.time() - 120) * 1000))
        answer = await _post(harness, "/webhooks/linear", stale, headers)
        assert answer.status_code == 401 and "webhookTimestamp" in answer.json()["error"]
        body, headers = linear.close_with_webhook(stored[1].ticket_ref, LINEAR_SECRET)
        forged = await _post(harness, "/webhooks/linear", body, headers | {"Linear-Signature": "0" * 64})
        assert forged.status_code == 401
        assert await _is_open(harness, incident.id, 2)
        answer = await _post(harness, "/webhooks/linear", body, headers)
        assert answer.status_code == 200 and answer.json()["action"] == "closed", answer.text
        await slack.wait_for_message(incident.channel_id, "ENG-2 was closed in Linear")
        assert all(not a.is_open for a in await harness.bot.ctx.followups.actions(incident.id))
        assert len(linear.issues) == 2
        assert "webhook refused" in caplog.text
        assert LINEAR_SECRET not in caplog.text and LINEAR_KEY not in caplog.text
    finally:
        await harness.stop_all()


async def _linear_state(linear: LinearStandIn, ref: str | None, state: str) -> bool:
    return bool(ref) and linear.issues[ref]["state"] == state


async def test_without_a_webhook_the_poll_still_closes_a_linear_item(slack, redis_url, linear) -> None:
    harness = await _start(slack, redis_url, **_linear_settings(linear, ticket_poll_seconds=0.2))
    try:
        incident = await harness.declare("declare sev3 Search slow")
        stored = await _confirm_two_items(harness, incident.id)
        linear.close(stored[1].ticket_ref)  # closed in Linear, no webhook configured
        await slack.wait_for_message(incident.channel_id, "ENG-2 was closed in Linear", timeout=10)
        assert not await _is_open(harness, incident.id, 2) and await _is_open(harness, incident.id, 1)
    finally:
        await harness.stop_all()


# --- Opsgenie acknowledgement ----------------------------------------------------------------


async def test_an_opsgenie_acknowledgement_lands_on_the_timeline_with_a_role_button(slack, redis_url) -> None:
    async with OpsgenieStandIn(OG_KEY) as opsgenie:
        harness = await _start(slack, redis_url, opsgenie_api_key=OG_KEY, opsgenie_api_url=opsgenie.base_url,
                               webhook_token=WEBHOOK_TOKEN)
        try:
            incident = await harness.declare("declare sev2 Login errors")
            await harness.slack.user("alice").command("/incident", "page identity", incident.channel_id)
            await slack.wait_for_message(incident.channel_id, "paged identity through Opsgenie")
            alias = f"incident-commander/{incident.id}/identity"
            webhook = json.dumps(opsgenie.acknowledge(alias, DAVE.email)).encode()

            refused = await _post(harness, "/webhooks/opsgenie", webhook, {"Content-Type": "application/json"})
            assert refused.status_code == 401  # the integration sends the token as a custom header

            headers = {"Content-Type": "application/json", "Authorization": f"Bearer {WEBHOOK_TOKEN}"}
            answer = await _post(harness, "/webhooks/opsgenie", webhook, headers)
            assert answer.status_code == 200 and answer.json()["action"] == "acknowledged", answer.text
            again = await _post(harness, "/webhooks/opsgenie", webhook, headers)  # a retried delivery
            assert again.status_code == 200 and again.json()["action"] == "duplicate"

            acked = await slack.wait_for_message(incident.channel_id, "acknowledged the page")
            assert len(slack.find_messages(incident.channel_id, "acknowledged the page")) == 1
            events = await harness.store.timeline(incident.id)
            assert any(e.kind is EventKind.NOTE and f"{DAVE.email} acknowledged the page in Opsgenie" in e.text
                       and e.actor == DAVE.id for e in events)

            # Dave's Slack account was found by his Opsgenie email: one click makes him Tech Lead.
            await slack.user("alice").click(incident.channel_id, acked.ts, "make_role_holder:tech_lead",
                                            block_id="acknowledged")
            await eventually(lambda: _tech_lead_is(harness, incident.id, DAVE.id), what="Dave as tech lead")
        finally:
            await harness.stop_all()


async def test_an_opsgenie_event_that_is_not_an_acknowledgement_is_ignored(slack, redis_url) -> None:
    harness = await _start(slack, redis_url, opsgenie_api_key=OG_KEY, webhook_token=WEBHOOK_TOKEN)
    try:
        body = json.dumps({"action": "AddNote", "alert": {"alertId": "a1", "alias": "incident-commander/INC-1"}})
        answer = await _post(harness, "/webhooks/opsgenie", body.encode(),
                             {"Authorization": f"Bearer {WEBHOOK_TOKEN}", "Content-Type": "application/json"})
        assert answer.status_code == 200 and answer.json()["action"] == "ignored"
        malformed = await _post(harness, "/webhooks/opsgenie", b'{"action": "Acknowledge"}',
                                {"Authorization": f"Bearer {WEBHOOK_TOKEN}"})
        assert malformed.status_code == 400 and "alert" in malformed.json()["error"]
    finally:
        await harness.stop_all()


async def _tech_lead_is(harness: Harness, incident_id: str, user: str) -> bool:
    return (await harness.store.require(incident_id)).roles.tech_lead == user
