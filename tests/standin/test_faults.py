import time

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_async_handlers
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.web.async_client import AsyncWebClient

from slack_standin import BOT_TOKEN, GENERAL_CHANNEL_ID, SlackStandIn


class _NoJitter:
    """slack_sdk adds random() seconds to Retry-After; tests want it exact."""

    @staticmethod
    def random() -> float:
        return 0.0


async def test_a_429_carries_retry_after_and_ratelimited(standin: SlackStandIn) -> None:
    client = AsyncWebClient(token=BOT_TOKEN, base_url=standin.api_url)  # no retries: see the 429
    standin.rate_limit("conversations.create", retry_after=7)
    with pytest.raises(SlackApiError) as raised:
        await client.conversations_create(name="inc-1")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] in ("7", ["7"])
    assert raised.value.response["error"] == "ratelimited"
    await client.conversations_create(name="inc-1")
    assert [c.http_status for c in standin.calls("conversations.create")] == [429, 200]


async def test_the_sdk_retry_handler_honours_retry_after(
    standin: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builtin_async_handlers, "random", _NoJitter)
    client = AsyncWebClient(
        token=BOT_TOKEN,
        base_url=standin.api_url,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=2)],
    )
    standin.rate_limit("chat.postMessage", times=2, retry_after=0)
    started = time.perf_counter()
    response = await client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="eventually")
    assert response["ok"]
    assert time.perf_counter() - started < 1.0
    assert [c.error for c in standin.calls("chat.postMessage")] == [
        "ratelimited",
        "ratelimited",
        None,
    ]


async def test_injected_api_errors(client: AsyncWebClient, standin: SlackStandIn) -> None:
    standin.fail("conversations.create", "restricted_action", times=2)
    for _ in range(2):
        with pytest.raises(SlackApiError) as raised:
            await client.conversations_create(name="inc-9")
        assert raised.value.response["error"] == "restricted_action"
    await client.conversations_create(name="inc-9")
    assert [c.error for c in standin.calls("conversations.create")] == [
        "restricted_action",
        "restricted_action",
        None,
    ]


async def test_http_errors_and_the_server_error_retry_handler(standin: SlackStandIn) -> None:
    plain_client = AsyncWebClient(token=BOT_TOKEN, base_url=standin.api_url)
    standin.fail_http("chat.postMessage", status=503)
    with pytest.raises(SlackApiError) as raised:
        await plain_client.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="x")
    assert raised.value.response.status_code == 503
    retrying = AsyncWebClient(
        token=BOT_TOKEN,
        base_url=standin.api_url,
        retry_handlers=[
            AsyncServerErrorRetryHandler(
                max_retry_count=1, interval_calculator=FixedValueRetryIntervalCalculator(0.0)
            )
        ],
    )
    standin.fail_http("chat.postMessage", status=500)
    assert (await retrying.chat_postMessage(channel=GENERAL_CHANNEL_ID, text="x"))["ok"]


async def test_latency_slows_every_call(client: AsyncWebClient, standin: SlackStandIn) -> None:
    standin.set_latency(0.2)
    started = time.perf_counter()
    await client.auth_test()
    assert time.perf_counter() - started >= 0.2
