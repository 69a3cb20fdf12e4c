"""What Slack does with an app's answer to a view submission, and closing modals."""

import json
from typing import Any

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import SlackStandIn, View

from .conftest import Receiver


def plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}


def modal(title: str = "Step 1", **extra: Any) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "wizard",
        "title": plain(title),
        "submit": plain("Next"),
        "blocks": [
            {
                "type": "input",
                "block_id": "note",
                "label": plain("Note"),
                "optional": True,
                "element": {
                    "type": "plain_text_input",
                    "action_id": "text",
                    "initial_value": "draft",
                },
            }
        ],
        **extra,
    }


async def open_modal(standin: SlackStandIn, client: AsyncWebClient, **extra: Any) -> View:
    await client.views_open(trigger_id=standin.issue_trigger("alice"), view=modal(**extra))
    view = standin.open_view("alice")
    assert view is not None
    return view


def answer(body: dict[str, Any]):
    return lambda received: (200, json.dumps(body), "application/json")


async def test_submission_payload(
    standin: SlackStandIn, client: AsyncWebClient, receiver: Receiver
) -> None:
    view = await open_modal(standin, client, private_metadata="INC-7")
    await standin.user("alice").submit_view(view.id)
    payload = receiver.received[0].payload
    assert payload["type"] == "view_submission"
    assert payload["view"]["id"] == view.id
    assert payload["view"]["callback_id"] == "wizard"
    assert payload["view"]["private_metadata"] == "INC-7"
    assert payload["view"]["state"]["values"] == {
        "note": {"text": {"type": "plain_text_input", "value": "draft"}}
    }
    assert payload["trigger_id"] and payload["user"]["id"] == "U0ALICE"


async def test_response_action_update_push_clear(
    standin: SlackStandIn, client: AsyncWebClient, receiver: Receiver
) -> None:
    alice = standin.user("alice")
    view = await open_modal(standin, client)
    receiver.reply = answer({"response_action": "update", "view": modal("Step 2")})
    result = await alice.submit_view(view.id)
    assert result.response_action == "update" and not result.view_closed
    assert standin.open_view("alice").title == "Step 2"

    receiver.reply = answer({"response_action": "push", "view": modal("Step 3")})
    await alice.submit_view(view.id)
    pushed = standin.open_view("alice")
    assert pushed.title == "Step 3" and pushed.previous_view_id == view.id

    receiver.reply = answer({"response_action": "clear"})
    await alice.submit_view(pushed.id)
    assert standin.open_view("alice") is None


async def test_an_invalid_view_in_a_response_action_is_reported(
    standin: SlackStandIn, client: AsyncWebClient, receiver: Receiver
) -> None:
    view = await open_modal(standin, client)
    receiver.reply = answer(
        {"response_action": "update", "view": modal("A title longer than 24 chars")}
    )
    result = await standin.user("alice").submit_view(view.id)
    assert result.problems and "invalid_arguments" in result.problems[0]
    assert standin.open_view("alice").title == "Step 1"


async def test_errors_must_name_input_blocks(
    standin: SlackStandIn, client: AsyncWebClient, receiver: Receiver
) -> None:
    view = await open_modal(standin, client)
    receiver.reply = answer({"response_action": "errors", "errors": {"nope": "x"}})
    result = await standin.user("alice").submit_view(view.id)
    assert result.problems == ("errors names 'nope', which is not an input block",)


async def test_close_notifies_only_when_asked(
    standin: SlackStandIn, client: AsyncWebClient, receiver: Receiver
) -> None:
    view = await open_modal(standin, client)
    assert await standin.user("alice").close_view(view.id) is None
    assert receiver.received == []
    view = await open_modal(standin, client, notify_on_close=True)
    result = await standin.user("alice").close_view(view.id)
    assert result is not None and receiver.received[0].payload["type"] == "view_closed"
    assert standin.open_view("alice") is None


async def test_click_inside_a_modal(
    standin: SlackStandIn, client: AsyncWebClient, receiver: Receiver
) -> None:
    view = await open_modal(
        standin,
        client,
        blocks=[
            {
                "type": "actions",
                "block_id": "pick",
                "elements": [
                    {"type": "button", "text": plain("Add responder"), "action_id": "add"}
                ],
            }
        ],
    )
    await standin.user("alice").click_in_view(view.id, "add")
    payload = receiver.received[0].payload
    assert payload["container"] == {"type": "view", "view_id": view.id}
    assert payload["view"]["id"] == view.id
    assert "response_url" not in payload
    # The trigger from a click in a modal can push a view on top of it.
    await client.views_push(trigger_id=payload["trigger_id"], view=modal("Responder"))
    assert standin.open_view("alice").previous_view_id == view.id


async def test_only_the_top_view_can_be_submitted(
    standin: SlackStandIn, client: AsyncWebClient, receiver: Receiver
) -> None:
    view = await open_modal(standin, client)
    await client.views_push(trigger_id=standin.issue_trigger("alice"), view=modal("Top"))
    with pytest.raises(ValueError, match="not the top"):
        await standin.user("alice").submit_view(view.id)
    with pytest.raises(LookupError, match="no element"):
        await standin.user("alice").submit_view(
            standin.open_view("alice").id, {"missing": {"x": "y"}}
        )
