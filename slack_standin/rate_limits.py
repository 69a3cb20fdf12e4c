"""Slack's Web API rate limits: per-method tiers, and chat.postMessage's per-channel pace.

Rate limits page (https://api.slack.com/docs/rate-limits): limits apply "per API method per app
per workspace"; Tier 2 is "20+ per minute ... occasional bursts", Tier 3 "50+ per minute ...
sporadic bursts", Tier 4 "100+ per minute ... generous burst behavior"; chat.postMessage is
special: "generally allows posting one message per second per channel", "short bursts >1
allowed", with a workspace-wide limit of "several hundred messages per minute". Over a limit Slack
answers HTTP 429 with a `Retry-After` header (whole seconds) and `{"ok": false, "error":
"ratelimited"}` (same page, "Responding to rate limiting conditions").

Each limit is a token bucket: full at the documented per-minute count (the burst), refilled at that
count per minute. The documented numbers are floors ("20+"); we hold the bot to the floor, the
strictest reading. Time is a `PaceClock`, so tests can run Slack's minute faster without loosening
any limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from slack_standin.clock import PaceClock, RealPace

PER_MINUTE_TIER_2 = 20
PER_MINUTE_TIER_3 = 50
PER_MINUTE_TIER_4 = 100

# Each method's tier, from its reference page's "Rate limits" line (https://api.slack.com/methods/<name>).
METHOD_PER_MINUTE: dict[str, int] = {
    "conversations.create": PER_MINUTE_TIER_2,  # api.slack.com/methods/conversations.create: Tier 2
    "conversations.setTopic": PER_MINUTE_TIER_2,  # .../conversations.setTopic: Tier 2
    "conversations.setPurpose": PER_MINUTE_TIER_2,  # .../conversations.setPurpose: Tier 2
    "conversations.archive": PER_MINUTE_TIER_2,  # .../conversations.archive: Tier 2
    "pins.add": PER_MINUTE_TIER_2,  # .../pins.add: Tier 2
    "pins.list": PER_MINUTE_TIER_2,  # .../pins.list: Tier 2
    "pins.remove": PER_MINUTE_TIER_2,  # .../pins.remove: Tier 2
    "bookmarks.add": PER_MINUTE_TIER_2,  # .../bookmarks.add: Tier 2
    "bookmarks.list": PER_MINUTE_TIER_3,  # .../bookmarks.list: Tier 3
    "users.list": PER_MINUTE_TIER_2,  # .../users.list: Tier 2
    "conversations.invite": PER_MINUTE_TIER_3,  # .../conversations.invite: Tier 3
    "conversations.info": PER_MINUTE_TIER_3,  # .../conversations.info: Tier 3
    "conversations.history": PER_MINUTE_TIER_3,  # .../conversations.history: Tier 3
    "conversations.replies": PER_MINUTE_TIER_3,  # .../conversations.replies: Tier 3
    "conversations.join": PER_MINUTE_TIER_3,  # .../conversations.join: Tier 3
    "conversations.open": PER_MINUTE_TIER_3,  # .../conversations.open: Tier 3
    "chat.update": PER_MINUTE_TIER_3,  # .../chat.update: Tier 3
    "chat.delete": PER_MINUTE_TIER_3,  # .../chat.delete: Tier 3
    "files.delete": PER_MINUTE_TIER_3,  # .../files.delete: Tier 3
    "users.lookupByEmail": PER_MINUTE_TIER_3,  # .../users.lookupByEmail: Tier 3
    "conversations.members": PER_MINUTE_TIER_4,  # .../conversations.members: Tier 4
    "chat.postEphemeral": PER_MINUTE_TIER_4,  # .../chat.postEphemeral: Tier 4
    "users.info": PER_MINUTE_TIER_4,  # .../users.info: Tier 4
    "views.open": PER_MINUTE_TIER_4,  # .../views.open: Tier 4
    "views.push": PER_MINUTE_TIER_4,  # .../views.push: Tier 4
    "views.update": PER_MINUTE_TIER_4,  # .../views.update: Tier 4
    "views.publish": PER_MINUTE_TIER_4,  # .../views.publish: Tier 4
    "files.getUploadURLExternal": PER_MINUTE_TIER_4,  # .../files.getUploadURLExternal: Tier 4
    "files.completeUploadExternal": PER_MINUTE_TIER_4,  # .../files.completeUploadExternal: Tier 4
}

# chat.postMessage (api.slack.com/methods/chat.postMessage, "Rate limits: Special"; rate limits
# page, "Posting messages"): 1 per second per channel; "short bursts >1 allowed" without a
# number, so the burst is kept small; and "several hundred messages per minute" workspace-wide.
POST_PER_SECOND_PER_CHANNEL = 1.0
POST_BURST_PER_CHANNEL = 3
POST_PER_MINUTE_WORKSPACE = 300


@dataclass
class TokenBucket:
    capacity: float
    per_second: float
    tokens: float = field(default=-1.0)
    updated: float | None = None

    def _refill(self, now: float) -> None:
        if self.updated is None or self.tokens < 0:
            self.tokens, self.updated = self.capacity, now
            return
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now

    def wait(self, now: float) -> float:
        """Seconds until a call may go (0 when one may go now)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.per_second

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1


def per_minute(count: int) -> TokenBucket:
    return TokenBucket(capacity=count, per_second=count / 60)


class RateLimits:
    """Decides whether a call is over Slack's limit; `check` answers the Retry-After to send."""

    def __init__(self, pace: PaceClock | None = None) -> None:
        self.pace: PaceClock = pace or RealPace()
        self._methods: dict[str, TokenBucket] = {}
        self._channels: dict[str, TokenBucket] = {}
        self._workspace_posts = per_minute(POST_PER_MINUTE_WORKSPACE)

    def _buckets(self, method: str, channel: str | None) -> list[TokenBucket]:
        if method == "chat.postMessage":
            per_channel = self._channels.setdefault(
                channel or "", TokenBucket(POST_BURST_PER_CHANNEL, POST_PER_SECOND_PER_CHANNEL)
            )
            return [per_channel, self._workspace_posts]
        count = METHOD_PER_MINUTE.get(method)
        if count is None:
            return []
        return [self._methods.setdefault(method, per_minute(count))]

    def check(self, method: str, channel: str | None) -> int | None:
        """None if the call may run (and it is counted); else the whole seconds to Retry-After."""
        now = self.pace.now()
        buckets = self._buckets(method, channel)
        wait = max((bucket.wait(now) for bucket in buckets), default=0.0)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.take(now)
        return None
