import asyncio
import time

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import GENERAL_CHANNEL_ID, SlackStandIn

from .conftest import Receiver


async def test_wait_for_wakes_on_the_change(standin: SlackStandIn, client: AsyncWebClient) -> None:
    async def post_later() -> None:
        await asyncio.sleep(0)
        await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="Status: mitigated")

    task = asyncio.create_task(post_later())
    message = await standin.wait_for(lambda: standin.find_message(GENERAL_CHANNEL_ID, "mitigated"))
    assert message.text == "Status: mitigated"
    await task


async def test_wait_for_times_out_saying_what_it_waited_for(
    standin: SlackStandIn, client: AsyncWebClient
) -> None:
    await client.conversations_create(name="inc-1")
    started = time.perf_counter()
    with pytest.raises(TimeoutError) as raised:
        await standin.wait_for(lambda: standin.channel_by_name("inc-2"), timeout=0.2)
    assert time.perf_counter() - started < 1
    report = str(raised.value)
    assert "timed out after 0.2s waiting for" in report
    assert 'channel_by_name("inc-2")' in report
    assert "conversations.create -> ok" in report


async def test_wait_for_message_names_the_text(standin: SlackStandIn) -> None:
    with pytest.raises(TimeoutError, match="a message containing 'postmortem'"):
        await standin.wait_for_message(GENERAL_CHANNEL_ID, "postmortem", timeout=0.1)


async def test_find_message_searches_blocks_and_threads(
    standin: SlackStandIn, client: AsyncWebClient
) -> None:
    parent = await client.chat_postMessage(
        channel=GENERAL_CHANNEL_ID,
        text="fallback",
        blocks=[{"type": "section", "fields": [{"type": "mrkdwn", "text": "*Severity*\nSEV1"}]}],
    )
    await client.chat_postMessage(
        channel=GENERAL_CHANNEL_ID, text="Timeline entry", thread_ts=parent["ts"]
    )
    assert standin.find_message(GENERAL_CHANNEL_ID, "SEV1").ts == parent["ts"]
    assert standin.find_message(GENERAL_CHANNEL_ID, "Timeline").thread_ts == parent["ts"]
    assert standin.find_message(GENERAL_CHANNEL_ID, "nothing like this") is None


async def test_transcript_reads_like_the_channel(
    standin: SlackStandIn, client: AsyncWebClient, receiver: Receiver
) -> None:
    channel = (await client.conversations_create(name="inc-7-checkout"))["channel"]["id"]
    await client.conversations_invite(channel=channel, users="U0ALICE")
    await client.conversations_setTopic(channel=channel, topic="SEV1 · IC <@U0ALICE>")
    summary = await client.chat_postMessage(
        channel=channel,
        text="SEV1 declared",
        blocks=[
            {
                "type": "header",
                "text": {"type": "plain_text", "text": "SEV1 · Checkout API returning 500s"},
            },
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": "Commander: <@U0ALICE>"},
                "fields": [
                    {"type": "mrkdwn", "text": "*Status*"},
                    {"type": "mrkdwn", "text": "Investigating"},
                ],
            },
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": "Declared in <#C0GENERAL>"}],
            },
            {"type": "divider"},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Acknowledge"},
                        "action_id": "ack",
                    },
                    {
                        "type": "static_select",
                        "action_id": "role",
                        "placeholder": {"type": "plain_text", "text": "Take a role"},
                        "options": [{"text": {"type": "plain_text", "text": "IC"}, "value": "ic"}],
                    },
                ],
            },
        ],
    )
    await client.pins_add(channel=channel, timestamp=summary["ts"])
    await client.chat_postMessage(channel=channel, text="Step 1 done", thread_ts=summary["ts"])
    await standin.user("alice").say(channel, "looking at the dashboards")
    await client.chat_postEphemeral(channel=channel, user="U0ALICE", text="psst")

    text = standin.transcript(channel)
    lines = text.splitlines()
    assert lines[0].startswith("#inc-7-checkout (") and "topic: SEV1 · IC @alice" in lines[0]
    assert "— @alice has joined the channel" in text
    assert "@incident-commander [pinned]:" in text
    for expected in (
        "## SEV1 · Checkout API returning 500s",
        "Commander: @alice",
        "*Status* | Investigating",
        "Declared in #general",
        "----",
        "[Acknowledge] [Take a role ▾]",
    ):
        assert f"    {expected}" in lines
    assert any(
        line.startswith("    ↳ ") and line.endswith("@incident-commander: Step 1 done")
        for line in lines
    )
    assert lines[-1].endswith("@alice: looking at the dashboards")
    assert "psst" not in text
    assert "(only @alice sees this): psst" in standin.transcript(channel, include_ephemerals=True)
