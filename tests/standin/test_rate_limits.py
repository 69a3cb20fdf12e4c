"""The stand-in holds the bot to Slack's documented rate limits (slack_standin/rate_limits.py)."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import BOT_TOKEN, GENERAL_CHANNEL_ID, SlackStandIn
from slack_standin.faults import FaultPlan


class SteppedPace:
    """Pace time that moves only when a test says so."""

    def __init__(self) -> None:
        self.at = 1000.0

    def now(self) -> float:
        return self.at

    async def sleep(self, seconds: float) -> None:
        self.at += seconds


@pytest.fixture
async def paced() -> tuple[SlackStandIn, SteppedPace]:
    pace = SteppedPace()
    async with SlackStandIn(pace=pace) as slack:
        yield slack, pace


async def _refused(call) -> SlackApiError:
    with pytest.raises(SlackApiError) as raised:
        await call
    return raised.value


async def test_posts_into_one_channel_are_paced_to_one_a_second_after_a_short_burst(paced) -> None:
    slack, pace = paced
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    other = slack.add_channel("other").id
    for n in range(3):
        await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text=f"burst {n}")
    error = await _refused(client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="one too many"))
    assert error.response.status_code == 429
    assert error.response["error"] == "ratelimited"
    assert error.response.headers["Retry-After"] in ("1", ["1"])
    await client.chat_postMessage(channel=other, text="another channel has its own pace")
    pace.at += 1
    await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="a second later")
    texts = [m.text for m in slack.messages(GENERAL_CHANNEL_ID)]
    assert "one too many" not in texts and "a second later" in texts


async def test_tier_2_allows_twenty_channel_creations_a_minute(paced) -> None:
    slack, pace = paced
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    for n in range(20):
        await client.conversations_create(name=f"inc-{n}")
    error = await _refused(client.conversations_create(name="inc-20"))
    assert error.response.status_code == 429
    assert error.response.headers["Retry-After"] in ("3", ["3"])  # 20 a minute: one every 3 s
    assert slack.channel_by_name("inc-20") is None
    pace.at += 3
    await client.conversations_create(name="inc-20")


async def test_tier_3_allows_fifty_updates_a_minute(paced) -> None:
    slack, pace = paced
    client = AsyncWebClient(token=BOT_TOKEN, base_url=slack.api_url)
    posted = await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="v0")
    for n in range(50):
        await client.chat_update(channel=GENERAL_CHANNEL_ID, ts=posted["ts"], text=f"v{n + 1}")
    error = await _refused(client.chat_update(channel=GENERAL_CHANNEL_ID, ts=posted["ts"], text="v51"))
    assert error.response.status_code == 429
    assert [c.http_status for c in slack.calls("chat.update")][-1] == 429


def test_faults_are_only_errors_slack_documents_for_the_method() -> None:
    faults = FaultPlan()
    for error in ("user_is_restricted", "ura_max_channels", "no_permission", "org_user_not_in_team",
                  "no_external_invite_permission", "is_archived", "not_in_channel"):
        faults.fail("conversations.invite", error)
    faults.fail("conversations.create", "restricted_action")
    for method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
        faults.fail(method, "is_inactive")
        faults.fail(method, "channel_not_found")
    with pytest.raises(ValueError, match="does not document"):
        faults.fail("conversations.create", "already_in_channel")
