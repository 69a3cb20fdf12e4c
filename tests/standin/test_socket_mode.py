"""The same Bolt app, connected over Socket Mode instead of a request URL."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import APP_TOKEN, BOT_TOKEN, GENERAL_CHANNEL_ID, Signing, SlackStandIn

from .test_bolt_roundtrip import build_app


@pytest.fixture
async def socket_app(standin: SlackStandIn) -> AsyncIterator[list[dict[str, Any]]]:
    submissions: list[dict[str, Any]] = []
    app = build_app(AsyncWebClient(token=BOT_TOKEN, base_url=standin.api_url), submissions)
    handler = AsyncSocketModeHandler(app, APP_TOKEN)
    await handler.connect_async()
    await standin.wait_for(
        lambda: standin.socket_mode.connected, description="a Socket Mode connection"
    )
    yield submissions
    await handler.close_async()


async def test_connections_open_needs_the_app_token(
    standin: SlackStandIn, client: AsyncWebClient
) -> None:
    with pytest.raises(SlackApiError) as raised:
        await client.apps_connections_open(app_token=BOT_TOKEN)
    assert raised.value.response["error"] == "not_allowed_token_type"
    url = (await client.apps_connections_open(app_token=APP_TOKEN))["url"]
    assert url.startswith("ws://127.0.0.1:")
    app_client = AsyncWebClient(token=APP_TOKEN, base_url=standin.api_url)
    with pytest.raises(SlackApiError) as raised:
        await app_client.auth_test()
    assert raised.value.response["error"] == "not_allowed_token_type"


async def test_a_command_modal_and_button_over_socket_mode(
    standin: SlackStandIn, socket_app: list[dict[str, Any]]
) -> None:
    alice = standin.user("alice")
    ack = await alice.command("/incident", "declare")
    assert ack.ok and not ack.timed_out
    view = await standin.wait_for(lambda: standin.open_view("alice"))
    refused = await alice.submit_view(
        view.id, {"title": {"value": "bad"}, "severity": {"value": "sev2"}}
    )
    assert refused.errors == {"title": "Say a little more"}
    done = await alice.submit_view(
        view.id, {"title": {"value": "Search is slow"}, "severity": {"value": "sev2"}}
    )
    assert done.view_closed
    message = await standin.wait_for_message(GENERAL_CHANNEL_ID, "Search is slow")
    await standin.user("bob").click(GENERAL_CHANNEL_ID, message.ts, "resolve")
    await standin.wait_for(
        lambda: standin.message(GENERAL_CHANNEL_ID, message.ts).text == "Resolved"
    )
    assert {d.kind for d in standin.deliveries} == {
        "slash_command",
        "view_submission",
        "block_actions",
    }


async def test_signing_options_do_not_apply_to_socket_mode(
    standin: SlackStandIn, socket_app: list[dict[str, Any]]
) -> None:
    with pytest.raises(ValueError, match="not signed"):
        await standin.user("alice").command("/incident", "x", signing=Signing.BAD_SIGNATURE)


async def test_an_unhandled_envelope_is_never_acknowledged(
    standin: SlackStandIn, socket_app: list[dict[str, Any]]
) -> None:
    standin.ack_timeout = 0.3
    result = await standin.deliver_event(
        {"type": "reaction_added", "user": "U0ALICE", "reaction": "eyes"}
    )
    assert result.timed_out
