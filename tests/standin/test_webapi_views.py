from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import ManualClock, SlackStandIn


def plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}


def declare_modal(**extra: Any) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "declare",
        "title": plain("Declare an incident"),
        "submit": plain("Declare"),
        "private_metadata": "C0GENERAL",
        "blocks": [
            {
                "type": "input",
                "block_id": "title",
                "label": plain("Title"),
                "element": {"type": "plain_text_input", "action_id": "value"},
            },
        ],
        **extra,
    }


async def failure(call) -> dict:
    with pytest.raises(SlackApiError) as raised:
        await call
    return raised.value.response.data


async def test_open_returns_the_stored_view(client: AsyncWebClient, standin: SlackStandIn) -> None:
    trigger = standin.issue_trigger("alice")
    response = await client.views_open(trigger_id=trigger, view=declare_modal())
    view = response["view"]
    assert view["id"].startswith("V")
    assert view["callback_id"] == "declare"
    assert view["private_metadata"] == "C0GENERAL"
    assert view["state"] == {"values": {}}
    assert view["hash"]
    assert view["root_view_id"] == view["id"]
    assert standin.open_view("alice").id == view["id"]


async def test_a_trigger_expires_after_three_seconds(
    client: AsyncWebClient, standin: SlackStandIn, clock: ManualClock
) -> None:
    trigger = standin.issue_trigger("alice")
    clock.advance(3.01)
    assert (await failure(client.views_open(trigger_id=trigger, view=declare_modal())))[
        "error"
    ] == "expired_trigger_id"


async def test_a_trigger_works_just_inside_three_seconds(
    client: AsyncWebClient, standin: SlackStandIn, clock: ManualClock
) -> None:
    trigger = standin.issue_trigger("alice")
    clock.advance(2.9)
    await client.views_open(trigger_id=trigger, view=declare_modal())


async def test_a_trigger_works_once(client: AsyncWebClient, standin: SlackStandIn) -> None:
    trigger = standin.issue_trigger("alice")
    await client.views_open(trigger_id=trigger, view=declare_modal())
    assert (await failure(client.views_open(trigger_id=trigger, view=declare_modal())))[
        "error"
    ] == "exchanged_trigger_id"


async def test_unknown_and_missing_triggers(client: AsyncWebClient) -> None:
    assert (await failure(client.views_open(trigger_id="1.2.abc", view=declare_modal())))[
        "error"
    ] == "invalid_trigger_id"
    missing = await failure(client.api_call("views.open", json={"view": declare_modal()}))
    assert missing["error"] == "invalid_arguments"


async def test_an_invalid_view_is_refused_with_slack_messages(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    trigger = standin.issue_trigger("alice")
    response = await failure(
        client.views_open(
            trigger_id=trigger, view=declare_modal(title=plain("A title far too long for Slack"))
        )
    )
    assert response["error"] == "invalid_arguments"
    assert response["response_metadata"]["messages"] == [
        "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"
    ]
    no_submit = declare_modal()
    del no_submit["submit"]
    response = await failure(client.views_open(trigger_id=trigger, view=no_submit))
    assert "must define `submit`" in response["response_metadata"]["messages"][0]
    # A refused view does not use the trigger up.
    await client.views_open(trigger_id=trigger, view=declare_modal())


async def test_a_huge_view_is_too_large(client: AsyncWebClient, standin: SlackStandIn) -> None:
    trigger = standin.issue_trigger("alice")
    huge = declare_modal(blocks=[{"type": "section", "text": plain("x" * 3000)}] * 90)
    assert (await failure(client.views_open(trigger_id=trigger, view=huge)))[
        "error"
    ] == "view_too_large"


async def test_update_checks_the_hash(client: AsyncWebClient, standin: SlackStandIn) -> None:
    opened = (
        await client.views_open(trigger_id=standin.issue_trigger("alice"), view=declare_modal())
    )["view"]
    updated = await client.views_update(
        view_id=opened["id"], hash=opened["hash"], view=declare_modal(title=plain("Step 2"))
    )
    assert updated["view"]["id"] == opened["id"]
    assert updated["view"]["hash"] != opened["hash"]
    assert updated["view"]["title"]["text"] == "Step 2"
    stale = await failure(
        client.views_update(view_id=opened["id"], hash=opened["hash"], view=declare_modal())
    )
    assert stale["error"] == "hash_conflict"
    await client.views_update(
        view_id=opened["id"], view=declare_modal()
    )  # no hash: last write wins


async def test_update_by_external_id_and_not_found(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    await client.views_open(
        trigger_id=standin.issue_trigger("alice"), view=declare_modal(external_id="declare-1")
    )
    await client.views_update(external_id="declare-1", view=declare_modal(title=plain("Again")))
    assert standin.open_view("alice").title == "Again"
    assert (await failure(client.views_update(view_id="V0NOPE", view=declare_modal())))[
        "error"
    ] == "not_found"
    duplicate = await failure(
        client.views_open(
            trigger_id=standin.issue_trigger("bob"), view=declare_modal(external_id="declare-1")
        )
    )
    assert duplicate["error"] == "duplicate_external_id"


async def test_push_stacks_up_to_three(client: AsyncWebClient, standin: SlackStandIn) -> None:
    root = (
        await client.views_open(trigger_id=standin.issue_trigger("alice"), view=declare_modal())
    )["view"]
    second = (
        await client.views_push(trigger_id=standin.issue_trigger("alice"), view=declare_modal())
    )["view"]
    assert second["root_view_id"] == root["id"]
    assert second["previous_view_id"] == root["id"]
    await client.views_push(trigger_id=standin.issue_trigger("alice"), view=declare_modal())
    full = await failure(
        client.views_push(trigger_id=standin.issue_trigger("alice"), view=declare_modal())
    )
    assert full["error"] == "push_limit_reached"


async def test_publish_home(client: AsyncWebClient, standin: SlackStandIn) -> None:
    home = {"type": "home", "blocks": [{"type": "section", "text": plain("Open incidents: 0")}]}
    first = await client.views_publish(user_id="U0ALICE", view=home)
    again = await client.views_publish(user_id="U0ALICE", view=home)
    assert first["view"]["id"] == again["view"]["id"]
