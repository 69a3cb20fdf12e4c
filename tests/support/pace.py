"""Slack's pace in tests: one fast `ScaledPace` shared by the stand-in and the bot, and a retry
handler for tests that call the stand-in with a bare AsyncWebClient."""

from __future__ import annotations

from typing import Optional

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from slack_standin import PaceClock, ScaledPace

# A Slack second is 50 ms: a minute of Tier 2 budget refills in 3 s, a paced `run all` takes ~2 s.
TEST_PACE_FACTOR = 20


def fast_pace() -> ScaledPace:
    return ScaledPace(TEST_PACE_FACTOR)


class PacedRateLimitRetry(AsyncRetryHandler):
    """Honour 429 Retry-After in the stand-in's pace (a well-behaved client, for stand-in tests)."""

    def __init__(self, pace: PaceClock, max_retry_count: int = 50) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.pace = pace

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: Optional[HttpResponse] = None,
        error: Optional[Exception] = None,
    ) -> bool:
        return response is not None and response.status_code == 429

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: Optional[HttpResponse] = None,
        error: Optional[Exception] = None,
    ) -> None:
        assert response is not None
        header = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), ["1"])
        state.next_attempt_requested = True
        await self.pace.sleep(float(header[0] if isinstance(header, list) else header))
        state.increment_current_attempt()
