"""The stand-in sends command text as Slack does and refuses DMs the app's manifest does not allow."""

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import ALICE, BOB, BOT_TOKEN, SlackStandIn
from slack_standin.app_config import AppConfig

from .conftest import Receiver


async def test_command_text_arrives_escaped_with_mentions_in_the_should_escape_form(
    standin: SlackStandIn, receiver: Receiver
) -> None:
    await standin.user("alice").command("/incident", f"role tech <@{BOB.id}> & Payments <5% > 1 https://x.example/?a=1&b=2")
    [request] = receiver.received
    assert request.form["text"] == (
        f"role tech <@{BOB.id}|bob> &amp; Payments &lt;5% &gt; 1 <https://x.example/?a=1&amp;b=2>"
    )


async def test_without_should_escape_mentions_arrive_as_plain_names(receiver: Receiver) -> None:
    async with SlackStandIn(app=AppConfig(should_escape=False)) as standin:
        standin.bot_url = receiver.url
        await standin.user("alice").command("/incident", f"role tech <@{BOB.id}> & co")
    assert receiver.received[-1].form["text"] == "role tech @bob &amp; co"


async def test_a_dm_is_refused_unless_the_manifest_enables_the_messages_tab() -> None:
    async with SlackStandIn(app=AppConfig(messages_tab_enabled=False)) as standin:
        client = AsyncWebClient(token=BOT_TOKEN, base_url=standin.api_url)
        with pytest.raises(SlackApiError) as refused:
            await client.chat_postMessage(channel=ALICE.id, text="your action item is due")
        assert refused.value.response["error"] == "messages_tab_disabled"
        assert standin.dm_with(ALICE.id) is None or not standin.messages(standin.dm_with(ALICE.id).id)
    async with SlackStandIn(app=AppConfig(messages_tab_enabled=True)) as standin:
        client = AsyncWebClient(token=BOT_TOKEN, base_url=standin.api_url)
        await client.chat_postMessage(channel=ALICE.id, text="your action item is due")
        assert standin.find_message(standin.dm_with(ALICE.id).id, "action item")


def test_the_project_manifest_enables_the_messages_tab_and_escapes_commands() -> None:
    config = AppConfig.from_manifest()
    assert config.messages_tab_enabled and config.should_escape


async def test_with_the_home_tab_off_views_publish_is_refused_and_no_one_can_open_it() -> None:
    view = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]}
    async with SlackStandIn(app=AppConfig(messages_tab_enabled=True, home_tab_enabled=False)) as standin:
        client = AsyncWebClient(token=BOT_TOKEN, base_url=standin.api_url)
        with pytest.raises(SlackApiError) as refused:
            await client.views_publish(user_id=ALICE.id, view=view)
        assert refused.value.response["error"] == "home_tab_disabled"
        with pytest.raises(ValueError, match="Home tab off"):
            await standin.user("alice").open_home()
        assert standin.user("alice").home_view() is None
    async with SlackStandIn(app=AppConfig(home_tab_enabled=True)) as standin:
        client = AsyncWebClient(token=BOT_TOKEN, base_url=standin.api_url)
        assert (await client.views_publish(user_id=ALICE.id, view=view))["ok"]


def test_the_project_manifest_enables_the_home_tab() -> None:
    assert AppConfig.from_manifest().home_tab_enabled
