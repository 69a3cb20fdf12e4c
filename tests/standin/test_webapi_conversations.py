import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import ALICE, BOB, BOT_USER_ID, GENERAL_CHANNEL_ID, SlackStandIn


async def error_of(call) -> str:
    with pytest.raises(SlackApiError) as raised:
        await call
    return raised.value.response["error"]


async def test_auth_test_names_the_bot(client: AsyncWebClient) -> None:
    response = await client.auth_test()
    assert response["user_id"] == BOT_USER_ID
    assert response["bot_id"] == "B0BOT"
    assert response["team_id"] == "T0INCIDENT"


async def test_a_wrong_or_missing_token_is_refused(standin: SlackStandIn) -> None:
    wrong = AsyncWebClient(token="xoxb-not-the-bot", base_url=standin.api_url)
    assert await error_of(wrong.auth_test()) == "invalid_auth"
    missing = AsyncWebClient(base_url=standin.api_url)
    assert await error_of(missing.conversations_create(name="x")) == "not_authed"


async def test_unknown_methods_are_reported(client: AsyncWebClient) -> None:
    assert await error_of(client.api_call("conversations.teleport")) == "unknown_method"


async def test_create_returns_a_channel_the_bot_is_in(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    response = await client.conversations_create(name="inc-42-checkout-api", is_private=True)
    channel = response["channel"]
    assert channel["id"].startswith("C")
    assert channel["name"] == "inc-42-checkout-api"
    assert channel["is_private"] is True
    assert channel["is_member"] is True
    assert channel["creator"] == BOT_USER_ID
    assert standin.members(channel["id"]) == [BOT_USER_ID]


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("", "invalid_name_required"),
        ("x" * 81, "invalid_name_maxlength"),
        ("INC-42", "invalid_name_specials"),
        ("結帳服務故障", "invalid_name_specials"),
        ("--", "invalid_name_punctuation"),
    ],
)
async def test_create_applies_slacks_name_rules(
    client: AsyncWebClient, name: str, error: str
) -> None:
    assert await error_of(client.conversations_create(name=name)) == error


async def test_a_taken_name_is_refused_even_when_archived(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    first = await client.conversations_create(name="inc-1")
    assert await error_of(client.conversations_create(name="inc-1")) == "name_taken"
    assert await error_of(client.conversations_create(name="general")) == "name_taken"
    await client.conversations_archive(channel=first["channel"]["id"])
    assert await error_of(client.conversations_create(name="inc-1")) == "name_taken"
    calls = standin.calls("conversations.create")
    assert [c.error for c in calls] == [None, "name_taken", "name_taken", "name_taken"]


async def test_topic_and_purpose(client: AsyncWebClient, standin: SlackStandIn) -> None:
    channel = (await client.conversations_create(name="inc-2"))["channel"]["id"]
    response = await client.conversations_setTopic(channel=channel, topic="SEV1 · IC @alice")
    assert response["channel"]["topic"]["value"] == "SEV1 · IC @alice"
    await client.conversations_setPurpose(channel=channel, purpose="Checkout API 500s")
    assert standin.channel(channel).purpose.value == "Checkout API 500s"
    assert (
        await error_of(client.conversations_setTopic(channel=channel, topic="x" * 251))
        == "too_long"
    )
    await client.conversations_setTopic(channel=channel, topic="x" * 250)


async def test_topic_needs_membership_and_a_visible_channel(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    outside = standin.add_channel("random", members=["alice"], bot_member=False)
    secret = standin.add_channel("secret", members=["alice"], is_private=True, bot_member=False)
    assert (
        await error_of(client.conversations_setTopic(channel=outside.id, topic="t"))
        == "not_in_channel"
    )
    assert (
        await error_of(client.conversations_setTopic(channel=secret.id, topic="t"))
        == "channel_not_found"
    )
    assert (
        await error_of(client.conversations_setPurpose(channel="C0NOPE", purpose="p"))
        == "channel_not_found"
    )


async def test_invite_adds_members(client: AsyncWebClient, standin: SlackStandIn) -> None:
    channel = (await client.conversations_create(name="inc-3"))["channel"]["id"]
    await client.conversations_invite(channel=channel, users=[ALICE.id, BOB.id])
    assert standin.members(channel) == [BOT_USER_ID, ALICE.id, BOB.id]
    members = await client.conversations_members(channel=channel)
    assert members["members"] == [BOT_USER_ID, ALICE.id, BOB.id]


async def test_invite_errors(client: AsyncWebClient, standin: SlackStandIn) -> None:
    channel = (await client.conversations_create(name="inc-4"))["channel"]["id"]
    await client.conversations_invite(channel=channel, users=ALICE.id)
    assert (
        await error_of(client.conversations_invite(channel=channel, users=ALICE.id))
        == "already_in_channel"
    )
    assert (
        await error_of(client.conversations_invite(channel=channel, users="U0NOBODY"))
        == "user_not_found"
    )
    assert (
        await error_of(client.conversations_invite(channel=channel, users=BOT_USER_ID))
        == "cant_invite_self"
    )
    assert (
        await error_of(client.conversations_invite(channel="C0NOPE", users=BOB.id))
        == "channel_not_found"
    )
    outside = standin.add_channel("ops", members=["alice"], bot_member=False)
    assert (
        await error_of(client.conversations_invite(channel=outside.id, users=BOB.id))
        == "not_in_channel"
    )
    await client.conversations_archive(channel=channel)
    assert (
        await error_of(client.conversations_invite(channel=channel, users=BOB.id)) == "is_archived"
    )


async def test_a_mixed_invite_invites_nobody_unless_forced(
    client: AsyncWebClient, standin: SlackStandIn
) -> None:
    channel = (await client.conversations_create(name="inc-5"))["channel"]["id"]
    await client.conversations_invite(channel=channel, users=ALICE.id)
    with pytest.raises(SlackApiError) as raised:
        await client.conversations_invite(channel=channel, users=[ALICE.id, BOB.id, "U0NOBODY"])
    assert raised.value.response["error"] == "already_in_channel"
    assert raised.value.response["errors"] == [
        {"user": ALICE.id, "ok": False, "error": "already_in_channel"},
        {"user": "U0NOBODY", "ok": False, "error": "user_not_found"},
    ]
    assert BOB.id not in standin.members(channel)
    forced = await client.conversations_invite(
        channel=channel, users=[ALICE.id, BOB.id], force=True
    )
    assert forced["errors"] == [{"user": ALICE.id, "ok": False, "error": "already_in_channel"}]
    assert BOB.id in standin.members(channel)


async def test_info_join_and_archive(client: AsyncWebClient, standin: SlackStandIn) -> None:
    info = await client.conversations_info(channel=GENERAL_CHANNEL_ID, include_num_members=True)
    assert info["channel"]["name"] == "general"
    assert info["channel"]["num_members"] == 5
    public = standin.add_channel("ops", members=["alice"], bot_member=False)
    await client.conversations_join(channel=public.id)
    assert BOT_USER_ID in standin.members(public.id)
    again = await client.conversations_join(channel=public.id)
    assert again["warning"] == "already_in_channel"
    private = standin.add_channel("hush", members=["alice"], is_private=True)
    assert (
        await error_of(client.conversations_join(channel=private.id))
        == "method_not_supported_for_channel_type"
    )
    assert (
        await error_of(client.conversations_archive(channel=GENERAL_CHANNEL_ID))
        == "cant_archive_general"
    )
    await client.conversations_archive(channel=public.id)
    assert standin.channel(public.id).is_archived
    assert await error_of(client.conversations_archive(channel=public.id)) == "already_archived"
    assert await error_of(client.chat_postMessage(channel=public.id, text="hi")) == "is_archived"


async def test_members_paginates(client: AsyncWebClient) -> None:
    first = await client.conversations_members(channel=GENERAL_CHANNEL_ID, limit=2)
    assert len(first["members"]) == 2
    cursor = first["response_metadata"]["next_cursor"]
    rest = await client.conversations_members(channel=GENERAL_CHANNEL_ID, cursor=cursor, limit=10)
    assert len(first["members"]) + len(rest["members"]) == 5
    assert rest["response_metadata"]["next_cursor"] == ""


async def test_users_info_and_lookup(client: AsyncWebClient) -> None:
    info = await client.users_info(user=ALICE.id)
    assert info["user"]["name"] == "alice"
    assert info["user"]["profile"]["email"] == "alice@example.com"
    found = await client.users_lookupByEmail(email="ALICE@example.com")
    assert found["user"]["id"] == ALICE.id
    assert (
        await error_of(client.users_lookupByEmail(email="nobody@example.com")) == "users_not_found"
    )
    assert await error_of(client.users_info(user="U0NOBODY")) == "user_not_found"


async def test_history_and_replies(client: AsyncWebClient) -> None:
    parent = await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="parent")
    await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="reply", thread_ts=parent["ts"])
    await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="later")
    history = await client.conversations_history(channel=GENERAL_CHANNEL_ID)
    assert [m["text"] for m in history["messages"]] == ["later", "parent"]
    assert history["messages"][1]["reply_count"] == 1
    replies = await client.conversations_replies(channel=GENERAL_CHANNEL_ID, ts=parent["ts"])
    assert [m["text"] for m in replies["messages"]] == ["parent", "reply"]
