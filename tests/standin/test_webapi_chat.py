import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import ALICE, BOT_USER_ID, GENERAL_CHANNEL_ID, SlackStandIn
from slack_standin.content import MAX_TEXT_LENGTH


async def failure(call) -> dict:
    with pytest.raises(SlackApiError) as raised:
        await call
    return raised.value.response.data


def header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": text}}


async def test_post_message_returns_increasing_ts(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    first = await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="one")
    second = await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="two")
    assert first["channel"] == GENERAL_CHANNEL_ID
    assert float(second["ts"]) > float(first["ts"])
    assert len(first["ts"].split(".")[1]) == 6
    assert first["message"]["bot_id"] == "B0BOT"
    assert [m.text for m in standin.messages(GENERAL_CHANNEL_ID)] == ["one", "two"]


async def test_post_message_needs_membership_even_in_public_channels(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    outside = standin.add_channel("random", members=["alice"], bot_member=False)
    assert (await failure(client.chat_postMessage(channel=outside.id, text="x")))[
        "error"
    ] == "not_in_channel"
    secret = standin.add_channel("secret", members=["alice"], is_private=True, bot_member=False)
    assert (await failure(client.chat_postMessage(channel=secret.id, text="x")))[
        "error"
    ] == "channel_not_found"
    assert (await failure(client.chat_postMessage(channel="C0NOPE", text="x")))[
        "error"
    ] == "channel_not_found"


async def test_post_message_by_channel_name_or_to_a_user(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    await client.chat_postMessage(channel="#general", text="by name")
    assert standin.find_message(GENERAL_CHANNEL_ID, "by name")
    dm = await client.chat_postMessage(channel=ALICE.id, text="you are IC")
    assert dm["channel"].startswith("D")
    assert standin.dm_with("alice").id == dm["channel"]


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
async def test_no_text_and_invalid_blocks(client: AsyncWebClient) -> None:
    assert (await failure(client.chat_postMessage(channel=GENERAL_CHANNEL_ID)))[
        "error"
    ] == "no_text"
    response = await failure(
        client.chat_postMessage(
            channel=GENERAL_CHANNEL_ID, text="fallback", blocks=[header("x" * 151)]
        )
    )
    assert response["error"] == "invalid_blocks"
    assert response["response_metadata"]["messages"] == [
        "[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]"
    ]


async def test_blocks_sent_as_a_form_string_are_parsed(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    await client.api_call(
        "chat.postMessage",
        data={"channel": GENERAL_CHANNEL_ID, "text": "t", "blocks": '[{"type": "divider"}]'},
    )
    message = standin.messages(GENERAL_CHANNEL_ID)[-1]
    assert message.blocks[0]["type"] == "divider"
    assert message.blocks[0]["block_id"]
    bad = await failure(
        client.api_call("chat.postMessage", data={"channel": GENERAL_CHANNEL_ID, "blocks": "[oops"})
    )
    assert bad["error"] == "invalid_blocks_format"


async def test_long_text_is_cut_at_40000_characters(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="x" * (MAX_TEXT_LENGTH + 10))
    assert len(standin.messages(GENERAL_CHANNEL_ID)[-1].text) == MAX_TEXT_LENGTH


async def test_threads(client: AsyncWebClient, standin: SlackStandIn) -> None:
    parent = await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="parent")
    reply = await client.chat_postMessage(
        channel=GENERAL_CHANNEL_ID, text="reply", thread_ts=parent["ts"]
    )
    nested = await client.chat_postMessage(
        channel=GENERAL_CHANNEL_ID, text="to the reply", thread_ts=reply["ts"]
    )
    assert nested["message"]["thread_ts"] == parent["ts"]
    assert [m.text for m in standin.messages(GENERAL_CHANNEL_ID, thread_ts=parent["ts"])] == [
        "reply",
        "to the reply",
    ]
    assert [m.text for m in standin.messages(GENERAL_CHANNEL_ID)] == ["parent"]
    missing = await failure(
        client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="x", thread_ts="1.000001")
    )
    assert missing["error"] == "thread_not_found"


async def test_update_own_messages_only(
    client: AsyncWebClient, standin: SlackStandIn, receiver
) -> None:
    posted = await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="Investigating")
    updated = await client.chat_update(
        channel=GENERAL_CHANNEL_ID, ts=posted["ts"], text="Mitigated", blocks=[header("Mitigated")]
    )
    assert updated["text"] == "Mitigated"
    stored = standin.message(GENERAL_CHANNEL_ID, posted["ts"])
    assert stored.edited is not None and stored.blocks[0]["type"] == "header"
    assert (await failure(client.chat_update(channel=GENERAL_CHANNEL_ID, ts="1.000001", text="x")))[
        "error"
    ] == "message_not_found"
    human = await standin.user("alice").say(GENERAL_CHANNEL_ID, "hello")
    assert (await failure(client.chat_update(channel=GENERAL_CHANNEL_ID, ts=human.ts, text="x")))[
        "error"
    ] == "cant_update_message"
    bad = await failure(
        client.chat_update(
            channel=GENERAL_CHANNEL_ID, ts=posted["ts"], text="t", blocks=[{"type": "nope"}]
        )
    )
    assert bad["error"] == "invalid_blocks"


async def test_post_ephemeral(client: AsyncWebClient, standin: SlackStandIn) -> None:
    response = await client.chat_postEphemeral(
        channel=GENERAL_CHANNEL_ID, user=ALICE.id, text="only you"
    )
    assert response["message_ts"]
    assert [e.text for e in standin.ephemerals("alice", GENERAL_CHANNEL_ID)] == ["only you"]
    assert standin.ephemerals("bob") == []
    ops = standin.add_channel("ops", members=["bob"])
    assert (await failure(client.chat_postEphemeral(channel=ops.id, user=ALICE.id, text="x")))[
        "error"
    ] == "user_not_in_channel"
    outside = standin.add_channel("random", members=["alice"], bot_member=False)
    assert (await failure(client.chat_postEphemeral(channel=outside.id, user=ALICE.id, text="x")))[
        "error"
    ] == "not_in_channel"


async def test_pins(client: AsyncWebClient, standin: SlackStandIn) -> None:
    posted = await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="Incident summary")
    await client.pins_add(channel=GENERAL_CHANNEL_ID, timestamp=posted["ts"])
    assert [m.text for m in standin.pins(GENERAL_CHANNEL_ID)] == ["Incident summary"]
    assert (await failure(client.pins_add(channel=GENERAL_CHANNEL_ID, timestamp=posted["ts"])))[
        "error"
    ] == "already_pinned"
    assert (await failure(client.pins_add(channel=GENERAL_CHANNEL_ID, timestamp="1.000001")))[
        "error"
    ] == "message_not_found"
    outside = standin.add_channel("random", members=["alice"], bot_member=False)
    assert (await failure(client.pins_add(channel=outside.id, timestamp=posted["ts"])))[
        "error"
    ] == "not_in_channel"
    listed = await client.pins_list(channel=GENERAL_CHANNEL_ID)
    assert listed["items"][0]["message"]["ts"] == posted["ts"]
    assert listed["items"][0]["created_by"] == BOT_USER_ID


async def test_bookmarks_and_permalinks(client: AsyncWebClient, standin: SlackStandIn) -> None:
    added = await client.bookmarks_add(
        channel_id=GENERAL_CHANNEL_ID,
        title="Dashboard",
        type="link",
        link="https://grafana.example/d/1",
    )
    assert added["bookmark"]["title"] == "Dashboard"
    assert len((await client.bookmarks_list(channel_id=GENERAL_CHANNEL_ID))["bookmarks"]) == 1
    posted = await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="x")
    link = await client.chat_getPermalink(channel=GENERAL_CHANNEL_ID, message_ts=posted["ts"])
    assert link["permalink"].endswith("p" + posted["ts"].replace(".", ""))


async def test_every_call_is_recorded_in_order(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="a")
    await failure(client.chat_postMessage(channel="C0NOPE", text="b"))
    calls = standin.calls("chat.postMessage")
    assert [(c.ok, c.error) for c in calls] == [(True, None), (False, "channel_not_found")]
    assert calls[0].args["text"] == "a"
    assert calls[0].seq < calls[1].seq
