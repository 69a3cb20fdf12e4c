"""bot/slack/outbound.py: posts into one channel keep their order, keep Slack's pace, and a 429
closes the shared budget for everyone instead of each caller retrying on its own."""

from __future__ import annotations

import asyncio

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.slack.outbound import Outbound


class VirtualPace:
    def __init__(self) -> None:
        self.at = 0.0

    def now(self) -> float:
        return self.at

    async def sleep(self, seconds: float) -> None:
        self.at += max(0.0, seconds)
        await asyncio.sleep(0)


def _429(retry_after: int) -> SlackApiError:
    response = AsyncSlackResponse(
        client=None, http_verb="POST", api_url="x", req_args={},
        data={"ok": False, "error": "ratelimited"}, headers={"Retry-After": str(retry_after)}, status_code=429,
    )
    return SlackApiError("ratelimited", response)


async def test_concurrent_posts_keep_order_and_pace_and_share_one_retry_after() -> None:
    pace = VirtualPace()
    outbound = Outbound(pace, jitter=lambda: 0.0)
    sent: list[tuple[int, float]] = []
    refused = {4}

    def call(n: int):
        async def run() -> int:
            if n in refused:
                refused.discard(n)
                raise _429(5)
            sent.append((n, pace.now()))
            return n
        return run

    results = await asyncio.gather(*(outbound.send("chat.postMessage", "C1", call(n)) for n in range(10)))
    assert list(results) == list(range(10))  # nothing dropped
    assert [n for n, _ in sent] == list(range(10))  # in the order asked
    times = [t for _, t in sent]
    assert times[4] >= 5.0  # message 4 waited out Slack's Retry-After
    # then Slack's pace, not a herd: at most a burst of 3, then one a second
    assert all(b - a >= 1.0 - 1e-9 for a, b in zip(times[4:], times[7:]))
    assert times[-1] - times[4] >= 3.0
    assert outbound.rate_limited == 1
