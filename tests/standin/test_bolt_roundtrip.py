"""A real Bolt app, served over HTTP, driven through the stand-in: the path every bot test takes."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import BOT_TOKEN, GENERAL_CHANNEL_ID, SIGNING_SECRET, Signing, SlackStandIn


def plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}


DECLARE_VIEW = {
    "type": "modal",
    "callback_id": "declare",
    "title": plain("Declare an incident"),
    "submit": plain("Declare"),
    "close": plain("Cancel"),
    "blocks": [
        {
            "type": "input",
            "block_id": "title",
            "label": plain("Title"),
            "element": {"type": "plain_text_input", "action_id": "value"},
        },
        {
            "type": "input",
            "block_id": "severity",
            "label": plain("Severity"),
            "element": {
                "type": "static_select",
                "action_id": "value",
                "options": [
                    {"text": plain("SEV1"), "value": "sev1"},
                    {"text": plain("SEV2"), "value": "sev2"},
                ],
            },
        },
        {
            "type": "input",
            "block_id": "ic",
            "label": plain("Commander"),
            "optional": True,
            "element": {"type": "users_select", "action_id": "value"},
        },
        {
            "type": "input",
            "block_id": "responders",
            "label": plain("Responders"),
            "optional": True,
            "element": {"type": "multi_users_select", "action_id": "value"},
        },
        {
            "type": "input",
            "block_id": "started",
            "label": plain("Started"),
            "optional": True,
            "element": {"type": "datepicker", "action_id": "value"},
        },
    ],
}


def build_app(client: AsyncWebClient, submissions: list[dict[str, Any]]) -> AsyncApp:
    app = AsyncApp(client=client, signing_secret=SIGNING_SECRET)

    @app.command("/incident")
    async def incident(ack, body, client):
        await ack()
        await client.views_open(
            trigger_id=body["trigger_id"],
            view={**DECLARE_VIEW, "private_metadata": body["channel_id"]},
        )

    @app.view("declare")
    async def declare(ack, view, client):
        values = view["state"]["values"]
        submissions.append(values)
        title = values["title"]["value"]["value"]
        if len(title) < 5:
            await ack(response_action="errors", errors={"title": "Say a little more"})
            return
        await ack()
        channel = view["private_metadata"]
        await client.chat_postMessage(
            channel=channel,
            text=f"Declared: {title}",
            blocks=[
                {"type": "section", "text": {"type": "mrkdwn", "text": f"*{title}*"}},
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": plain("Resolve"),
                            "action_id": "resolve",
                            "value": "INC-1",
                        }
                    ],
                },
            ],
        )

    @app.action("resolve")
    async def resolve(ack, respond):
        await ack()
        await respond(replace_original=True, text="Resolved")

    return app


@pytest.fixture
async def bolt(standin: SlackStandIn) -> AsyncIterator[list[dict[str, Any]]]:
    submissions: list[dict[str, Any]] = []
    app = build_app(AsyncWebClient(token=BOT_TOKEN, base_url=standin.api_url), submissions)
    runner = web.AppRunner(app.web_app(path="/slack/events"), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    standin.bot_url = f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events"
    yield submissions
    await runner.cleanup()


async def test_declare_through_a_modal_and_resolve_with_a_button(
    standin: SlackStandIn, bolt: list[dict[str, Any]]
) -> None:
    alice = standin.user("alice")
    ack = await alice.command("/incident", "declare")
    assert ack.status == 200
    view = await standin.wait_for(lambda: standin.open_view("alice"))
    assert view.callback_id == "declare"
    assert view.private_metadata == GENERAL_CHANNEL_ID

    refused = await alice.submit_view(
        view.id, {"title": {"value": "bad"}, "severity": {"value": "sev1"}}
    )
    assert refused.response_action == "errors"
    assert refused.errors == {"title": "Say a little more"}
    assert refused.problems == () and not refused.view_closed

    done = await alice.submit_view(
        view.id,
        {
            "title": {"value": "Checkout API returning 500s"},
            "severity": {"value": "sev1"},
            "ic": {"value": "U0BOB"},
            "responders": {"value": ["U0CAROL", "U0DAVE"]},
            "started": {"value": "2025-01-31"},
        },
    )
    assert done.view_closed and standin.open_view("alice") is None
    values = bolt[-1]
    assert values["severity"]["value"]["selected_option"]["value"] == "sev1"
    assert values["ic"]["value"] == {"type": "users_select", "selected_user": "U0BOB"}
    assert values["responders"]["value"]["selected_users"] == ["U0CAROL", "U0DAVE"]
    assert values["started"]["value"]["selected_date"] == "2025-01-31"

    message = await standin.wait_for_message(GENERAL_CHANNEL_ID, "Checkout API returning 500s")
    await standin.user("bob").click(GENERAL_CHANNEL_ID, message.ts, "resolve")
    await standin.wait_for(
        lambda: standin.message(GENERAL_CHANNEL_ID, message.ts).text == "Resolved"
    )
    assert [c.method for c in standin.calls()] == ["auth.test", "views.open", "chat.postMessage"]


async def test_an_empty_required_input_is_never_submitted(
    standin: SlackStandIn, bolt: list[dict[str, Any]]
) -> None:
    await standin.user("alice").command("/incident", "declare")
    view = await standin.wait_for(lambda: standin.open_view("alice"))
    with pytest.raises(ValueError, match="required input 'Title' is empty"):
        await standin.user("alice").submit_view(view.id, {"severity": {"value": "sev1"}})
    with pytest.raises(LookupError, match="no option with value 'sev9'"):
        await standin.user("alice").submit_view(
            view.id, {"title": {"value": "Long enough"}, "severity": {"value": "sev9"}}
        )
    assert bolt == []


async def test_bolt_rejects_a_bad_signature(
    standin: SlackStandIn, bolt: list[dict[str, Any]]
) -> None:
    result = await standin.user("alice").command(
        "/incident", "declare", signing=Signing.BAD_SIGNATURE
    )
    assert result.status == 401
    assert standin.open_view("alice") is None
