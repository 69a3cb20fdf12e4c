"""The one way out to Slack's Web API: paced per method tier and per channel, ordered, never dropped.

Slack's limits (https://api.slack.com/docs/rate-limits) are counted per method per workspace
(Tier 2: 20 a minute, Tier 3: 50, Tier 4: 100) and, for chat.postMessage, per channel (about one
message a second, short bursts allowed). Each limit here is a `Budget`: a token bucket at the
documented floor, shared by every caller in this process, so
- callers queue for a budget in arrival order (one waits for the next token, the rest wait behind
  it): no burst goes out that Slack would refuse, and nobody sleeps on their own;
- messages into one channel are sent one at a time in the order they were asked for;
- a 429 closes the budget for its `Retry-After` (plus a little jitter, so several processes on
  one workspace do not come back in the same instant) for every caller at once, and the call is
  tried again when its turn comes: a rate-limited message is late, never lost.

Time is a `Pace` (real seconds in production; tests and the drill share a faster one with the
Slack stand-in).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

T = TypeVar("T")

# Method tiers (each method's page on api.slack.com, "Rate limits").
TIER_2 = 20
TIER_3 = 50
TIER_4 = 100
PER_MINUTE: dict[str, int] = {
    **dict.fromkeys(
        ("conversations.create", "conversations.setTopic", "conversations.setPurpose",
         "conversations.archive", "pins.add", "pins.remove", "pins.list", "bookmarks.add",
         "users.list"),
        TIER_2,
    ),
    **dict.fromkeys(
        ("conversations.invite", "conversations.info", "conversations.history",
         "conversations.replies", "conversations.join", "conversations.open", "chat.update",
         "chat.delete", "users.lookupByEmail", "bookmarks.list", "files.delete"),
        TIER_3,
    ),
    **dict.fromkeys(
        ("conversations.members", "chat.postEphemeral", "users.info", "views.open", "views.push",
         "views.update", "views.publish", "files.getUploadURLExternal",
         "files.completeUploadExternal"),
        TIER_4,
    ),
}
POST_METHOD = "chat.postMessage"
POSTS_PER_SECOND_PER_CHANNEL = 1.0
POST_BURST_PER_CHANNEL = 3
POSTS_PER_MINUTE_WORKSPACE = 300
MAX_JITTER_SECONDS = 0.25
SAFETY_MARGIN = 0.9  # of a documented per-minute rate the bot uses (see Outbound._budget)
SLOW_RETRIES_LOGGED_AFTER = 5


class Pace(Protocol):
    def now(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class RealPace:
    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class Budget:
    """One Slack limit as a token bucket, with a queue of callers and a shared Retry-After."""

    def __init__(self, capacity: float, per_second: float, pace: Pace, jitter: Callable[[], float]) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self._pace = pace
        self._jitter = jitter
        self._tokens = capacity
        self._updated = pace.now()
        self._closed_until = 0.0
        self._turn = asyncio.Lock()  # FIFO: callers take tokens in arrival order
        self.waiting = 0

    def _refill(self, now: float) -> None:
        self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.per_second)
        self._updated = now

    def _wait(self, now: float) -> float:
        self._refill(now)
        short = 0.0 if self._tokens >= 1 else (1 - self._tokens) / self.per_second
        return max(short, self._closed_until - now)

    def expected_wait(self) -> float:
        """About how long a call asked for now would wait (behind everyone already queued)."""
        now = self._pace.now()
        self._refill(now)
        missing = self.waiting + 1 - self._tokens
        return max(0.0, self._closed_until - now) + max(0.0, missing / self.per_second)

    async def acquire(self) -> None:
        self.waiting += 1
        try:
            async with self._turn:
                while (wait := self._wait(self._pace.now())) > 0:
                    await self._pace.sleep(wait + self._jitter() * min(wait, 1.0))
                self._tokens -= 1
        finally:
            self.waiting -= 1

    def close_for(self, retry_after: float) -> None:
        """Slack said 429: nobody on this budget calls again before `retry_after` (plus jitter)."""
        now = self._pace.now()
        self._refill(now)
        self._tokens = min(self._tokens, 0.0)
        self._closed_until = max(self._closed_until, now + retry_after + self._jitter())


def _retry_after(exc: SlackApiError) -> float | None:
    response = exc.response
    if getattr(response, "status_code", None) != 429:
        return None
    headers = getattr(response, "headers", {}) or {}
    for name, value in headers.items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                break
    return 1.0


class Outbound:
    """Send Web API calls through Slack's budgets. `send(method, channel, call)` runs `call`
    when the budgets allow, retries it after every 429, and returns its result."""

    def __init__(self, pace: Pace | None = None, jitter: Callable[[], float] | None = None) -> None:
        self.pace: Pace = pace or RealPace()
        self._jitter = jitter or (lambda: random.uniform(0, MAX_JITTER_SECONDS))
        self._methods: dict[str, Budget] = {}
        self._channels: dict[str, Budget] = {}
        self._channel_order: dict[str, asyncio.Lock] = {}
        self._workspace_posts: Budget | None = None
        self.rate_limited = 0  # 429s answered by Slack, for benches and logs

    def _budget(self, count_per_minute: int) -> Budget:
        # Slack counts a call when it arrives, we when we send it: uneven network latency can
        # bunch two calls sent a token apart, so the bot keeps a burst one call smaller and
        # refills 10 % slower than the documented limit.
        return Budget(max(1, count_per_minute - 1), count_per_minute * SAFETY_MARGIN / 60, self.pace, self._jitter)

    def _budgets(self, method: str, channel: str | None) -> list[Budget]:
        if method == POST_METHOD:
            if self._workspace_posts is None:
                self._workspace_posts = self._budget(POSTS_PER_MINUTE_WORKSPACE)
            key = channel or ""
            if key not in self._channels:
                self._channels[key] = Budget(
                    POST_BURST_PER_CHANNEL, POSTS_PER_SECOND_PER_CHANNEL, self.pace, self._jitter
                )
            return [self._channels[key], self._workspace_posts]
        count = PER_MINUTE.get(method)
        if count is None:
            return []
        if method not in self._methods:
            self._methods[method] = self._budget(count)
        return [self._methods[method]]

    def expected_wait(self, method: str, channel: str | None = None) -> float:
        """Seconds a `method` call asked for now would wait for Slack's pace (0 if none)."""
        return max((b.expected_wait() for b in self._budgets(method, channel)), default=0.0)

    async def send(self, method: str, channel: str | None, call: Callable[[], Awaitable[T]]) -> T:
        order: contextlib.AbstractAsyncContextManager = contextlib.nullcontext()
        if method == POST_METHOD:
            # One message at a time per channel, in the order asked: Slack orders by arrival.
            order = self._channel_order.setdefault(channel or "", asyncio.Lock())
        async with order:
            budgets = self._budgets(method, channel)
            tries = 0
            while True:
                for budget in budgets:
                    await budget.acquire()
                try:
                    return await call()
                except SlackApiError as exc:
                    retry_after = _retry_after(exc)
                    if retry_after is None:
                        raise
                    tries += 1
                    self.rate_limited += 1
                    log_at = logging.WARNING if tries >= SLOW_RETRIES_LOGGED_AFTER else logging.INFO
                    log.log(log_at, "slack rate limited; waiting my turn",
                            extra={"method": method, "retry_after": retry_after, "tries": tries})
                    for budget in budgets or [self._method_budget_for_unknown(method)]:
                        budget.close_for(retry_after)
                    if not budgets:
                        budgets = [self._methods[method]]

    def _method_budget_for_unknown(self, method: str) -> Budget:
        """A method with no documented tier that still answered 429: give it a budget now."""
        if method not in self._methods:
            self._methods[method] = self._budget(TIER_2)
        return self._methods[method]
