"""Declaring an incident end to end: slash command → war room, card, pin, invite, reply."""

from datetime import datetime, timezone

from bot.incident.kinds import Role
from bot.incident.model import EventKind, Lifecycle
from bot.incident.severity import Severity
from slack_standin import ALICE, GENERAL_CHANNEL_ID


async def test_declare_opens_a_war_room_with_a_pinned_card(harness):
    slack = harness.slack
    incident = await harness.declare("declare sev1 Checkout API returning 500s")

    today = datetime.now(timezone.utc).strftime("%Y%m%d")
    channel = slack.channel(incident.channel_id)
    assert channel.name == f"inc-{today}-checkout-api-returning-500s"
    assert not channel.is_private
    assert ALICE.id in slack.members(channel.id)
    assert "SEV1" in channel.topic.value and "Checkout API returning 500s" in channel.topic.value
    assert incident.id in channel.purpose.value

    [card] = slack.pins(channel.id)
    assert card.ts == incident.card_ts
    header = card.blocks[0]["text"]["text"]
    assert header == f"{incident.id} · Checkout API returning 500s"
    card_text = str(card.blocks)
    assert "SEV1 (P0)" in card_text and "Investigating" in card_text and f"<@{ALICE.id}>" in card_text

    assert incident.severity is Severity.SEV1
    assert incident.lifecycle is Lifecycle.READY
    assert incident.roles.holder(Role.INCIDENT_COMMANDER) == ALICE.id
    [event] = await harness.store.timeline(incident.id)
    assert event.kind is EventKind.DECLARED and event.actor == ALICE.id


async def test_the_ack_comes_at_once_and_says_what_is_happening(harness):
    result = await harness.slack.user("alice").command("/incident", "declare sev2 Payments slow")
    assert result.ok and not result.timed_out
    assert harness.replies("alice", "Declaring *Payments slow*")
    await harness.slack.wait_for(lambda: harness.replies("alice", "War room:"))


async def test_numbers_and_names_stay_unique_across_incidents(harness):
    first = await harness.declare("declare sev2 Database down")
    second = await harness.declare("declare sev2 Database down")
    assert (first.id, second.id) == ("INC-1", "INC-2")
    assert second.channel_name == f"{first.channel_name}-2"


async def test_a_taken_name_falls_back_to_the_next_candidate(harness):
    slack = harness.slack
    today = datetime.now(timezone.utc).strftime("%Y%m%d")
    slack.add_channel(f"inc-{today}-cache-stampede")
    incident = await harness.declare("declare sev3 Cache stampede")
    assert incident.channel_name == f"inc-{today}-cache-stampede-1"
    errors = [c.error for c in slack.calls("conversations.create")]
    assert errors == ["name_taken", None]


async def test_a_chinese_title_gets_a_readable_romanised_channel_name(harness):
    incident = await harness.declare("declare p0 結帳錯誤")
    assert incident.channel_name.endswith("-jie-zhang-cuo-wu")
    assert incident.title == "結帳錯誤"


async def test_rate_limited_slack_calls_are_retried_after_retry_after(harness):
    harness.slack.rate_limit("conversations.create", times=1, retry_after=1)
    incident = await harness.declare("declare sev2 Search degraded")
    assert incident.channel_id
    assert [c.error for c in harness.slack.calls("conversations.create")] == ["ratelimited", None]


async def test_declare_form_when_no_arguments(harness):
    slack = harness.slack
    await slack.user("bob").command("/incident", "declare")
    view = await slack.wait_for(lambda: slack.open_view("bob"), description="the declare form")
    assert view.callback_id == "declare_incident"
    result = await slack.user("bob").submit_view(
        view.id,
        {"title": {"value": "Login failures in EU"}, "severity": {"value": "SEV2"},
         "type": {"value": "service_outage"}, "description": {"value": "30% of logins fail since 10:02"}},
    )
    assert result.ok and result.view_closed
    [reply] = await slack.wait_for(lambda: harness.replies("bob", "War room:"))
    assert "INC-1" in reply
    incident = await harness.store.require("INC-1")
    assert incident.declared_by == "U0BOB" and incident.description.startswith("30% of logins")
    assert incident.incident_type.value == "service_outage"


async def test_declare_form_keeps_a_typed_title_and_asks_for_severity(harness):
    slack = harness.slack
    await slack.user("bob").command("/incident", "declare Disk full on orders-db")
    view = await slack.wait_for(lambda: slack.open_view("bob"))
    title_input = next(b for b in view.payload["blocks"] if b.get("block_id") == "title")
    assert title_input["element"]["initial_value"] == "Disk full on orders-db"


async def test_declare_form_refuses_a_blank_title_in_the_form(harness):
    slack = harness.slack
    await slack.user("bob").command("/incident", "declare")
    view = await slack.wait_for(lambda: slack.open_view("bob"))
    result = await slack.user("bob").submit_view(view.id, {"title": {"value": "   "}, "severity": {"value": "SEV3"}})
    assert result.response_action == "errors" and "title" in result.errors
    assert await harness.store.open_incidents() == []


async def test_security_incidents_get_a_private_room_and_a_discreet_broadcast(slack, redis_url):
    from tests.integration.conftest import Harness

    harness = Harness(slack, redis_url)
    await harness.start_bot(broadcast_channel=GENERAL_CHANNEL_ID)
    try:
        await slack.user("carol").command("/incident", "declare")
        view = await slack.wait_for(lambda: slack.open_view("carol"))
        await slack.user("carol").submit_view(
            view.id,
            {"title": {"value": "Leaked AWS key in public repo"}, "severity": {"value": "SEV1"},
             "type": {"value": "security_incident"}},
        )
        notice = await slack.wait_for_message(GENERAL_CHANNEL_ID, "security incident")
        incident = await harness.store.require("INC-1")
        assert slack.channel(incident.channel_id).is_private
        assert "Leaked" not in notice.text
    finally:
        await harness.stop_all()


async def test_broadcast_channel_hears_declarations(slack, redis_url):
    from tests.integration.conftest import Harness

    harness = Harness(slack, redis_url)
    await harness.start_bot(broadcast_channel=GENERAL_CHANNEL_ID)
    try:
        incident = await harness.declare("declare sev2 Checkout latency")
        notice = await slack.wait_for_message(GENERAL_CHANNEL_ID, incident.id)
        assert "Checkout latency" in notice.text and f"<#{incident.channel_id}>" in notice.text
    finally:
        await harness.stop_all()


async def test_broadcast_channel_without_the_bot_is_reported_in_the_war_room(slack, redis_url):
    from tests.integration.conftest import Harness

    outside = slack.add_channel("incidents", members=["U0ALICE"], bot_member=False)
    harness = Harness(slack, redis_url)
    await harness.start_bot(broadcast_channel=outside.id)
    try:
        incident = await harness.declare("declare sev2 Checkout latency")
        warning = await slack.wait_for_message(incident.channel_id, "could not announce")
        assert "not_in_channel" in warning.text
    finally:
        await harness.stop_all()


async def test_form_declared_from_a_channel_without_the_bot_answers_through_the_response_url(harness):
    """Issue 8 §7: chat.postEphemeral there fails (not_in_channel) and a DM needs the Messages tab;
    the response_url of the command that opened the form reaches the person anyway."""
    from slack_standin.app_config import AppConfig

    slack = harness.slack
    slack.workspace.app = AppConfig(messages_tab_enabled=False, should_escape=True)
    quiet = slack.add_channel("random", members=["U0BOB"], bot_member=False)
    await slack.user("bob").command("/incident", "declare", quiet.id)
    view = await slack.wait_for(lambda: slack.open_view("bob"))
    await slack.user("bob").submit_view(view.id, {"title": {"value": "Queue backlog"}, "severity": {"value": "SEV3"}})
    [answer] = await slack.wait_for(lambda: [e for e in slack.ephemerals("bob") if "War room:" in e.text])
    assert "INC-1" in answer.text and answer.channel == quiet.id
    assert slack.dm_with("bob") is None or not slack.messages(slack.dm_with("bob").id)
