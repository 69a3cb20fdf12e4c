"""What every abuse test checks: a clear answer in time, and nothing half-made."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import re
import time
from urllib.parse import urlencode

from bot.incident.model import Incident, Lifecycle
from slack_standin import GENERAL_CHANNEL_ID, DeliveryResult, Signing, message_text
from slack_standin.delivery import STALE_AGE_SECONDS

SLACK_WINDOW_SECONDS = 3.0
# What must never reach a person: a stack trace, an exception's name, a source path.
_LEAKS = re.compile(
    r"Traceback|Exception|Error\(|File \"|\.py\b|/work/|/home/|/usr/|site-packages|"
    r"<class '|object at 0x"
)
INTERNAL_ERROR_MARK = "Something went wrong on my side"


def leaks(text: str) -> list[str]:
    """The tell-tale pieces of an internal failure found in text meant for a person."""
    return _LEAKS.findall(text)


def assert_clean_text(text: str, context: object) -> None:
    assert text.strip(), f"an empty answer to {context!r}"
    assert not leaks(text), f"internals leak in the answer to {context!r}: {text[:500]!r}"
    assert INTERNAL_ERROR_MARK not in text, f"an unexpected failure for {context!r}: {text[:300]!r}"


def assert_in_window(result: DeliveryResult, context: object) -> None:
    assert result.ok, f"HTTP {result.status} for {context!r}: {result.text[:300]!r}"
    assert not result.timed_out and result.elapsed < SLACK_WINDOW_SECONDS, (
        f"acknowledged after {result.elapsed:.2f}s: {context!r}"
    )


class Watch:
    """Everything a person could see change after one request: their ephemerals, the modals
    opened for them, messages in a channel, and the answers Slack refused to show."""

    def __init__(self, harness, who: str, channel: str | None = None) -> None:
        self.slack = harness.slack
        self.who = who
        self.channel = channel
        self.ephemerals = len(self.slack.ephemerals(who))
        self.views = len(self.slack.calls("views.open"))
        self.responses = len(self.slack.bot_responses())
        self.messages = len(self.slack.find_messages(channel)) if channel else 0

    def new_ephemerals(self):
        return self.slack.ephemerals(self.who)[self.ephemerals :]

    def new_messages(self):
        return self.slack.find_messages(self.channel)[self.messages :] if self.channel else []

    def refused_answers(self):
        return [r for r in self.slack.bot_responses()[self.responses :] if not r.accepted]

    def anything(self):
        return (
            self.new_ephemerals()
            or self.slack.calls("views.open")[self.views :]
            or self.new_messages()
            or self.refused_answers()
        )


def _progress_only(text: str) -> bool:
    """A declare's "I'm on it" answers (the ack, Slack pacing channel creation), not its outcome."""
    return text.startswith(":rotating_light: Declaring") or "Slack is pacing channel creation" in text


async def command(harness, who: str, text: str, channel: str = GENERAL_CHANNEL_ID):
    """Type `/incident text`; return (delivery, the texts the person then saw). Asserts the
    200 within Slack's window and that the person saw something: an ephemeral answer, a modal
    or (in a war room) the change announced. Every ephemeral is checked for leaks."""
    watch = Watch(harness, who, channel if channel != GENERAL_CHANNEL_ID else None)
    result = await harness.slack.user(who).command("/incident", text, channel)
    assert_in_window(result, text[:200])
    await harness.slack.wait_for(watch.anything, description=f"any answer to {text[:80]!r}")
    if (result.text or "").startswith(":rotating_light: Declaring"):
        # The ack only says the declare began; its outcome (war room ready, or what failed)
        # follows through the response URL. Wait for it, so no declare is still making its
        # channel when the test looks for half-made ones.
        await harness.slack.wait_for(
            lambda: [e for e in watch.new_ephemerals() if not _progress_only(e.text)],
            description=f"the outcome of {text[:80]!r}",
        )
    await asyncio.sleep(0)  # let a follow-up (the response URL answer) land if it is on its way
    refused = watch.refused_answers()
    assert not refused, f"Slack refused the answer to {text[:80]!r}: {refused[0].error}"
    texts = []
    for ephemeral in watch.new_ephemerals():
        assert ephemeral.source != "slack", (
            f"Slack's own error notice for {text[:80]!r}: {ephemeral.text}"
        )
        readable = message_text(ephemeral)
        assert_clean_text(readable, text[:200])
        texts.append(readable)
    for message in watch.new_messages():
        assert_clean_text(message_text(message), text[:200])
    return result, texts


# --- raw Slack requests -------------------------------------------------------------------


async def post_to_slack_endpoint(
    harness,
    body: str | bytes,
    content_type: str,
    *,
    signing: Signing = Signing.VALID,
    headers: dict[str, str] | None = None,
    timestamp: int | None = None,
) -> tuple[int, str, float]:
    """POST a body to the bot's /slack/events exactly as given, signed as asked (or signed for
    `timestamp`, e.g. a replay). Returns (status, body text, seconds)."""
    raw = body if isinstance(body, bytes) else body.encode()
    if signing is Signing.UNSIGNED and timestamp is None:
        sign = {}
    else:
        if timestamp is None:
            stale = signing is Signing.STALE_TIMESTAMP
            timestamp = int(time.time()) - (STALE_AGE_SECONDS if stale else 0)
        wrong = "-wrong" if signing is Signing.BAD_SIGNATURE else ""
        secret = harness.slack.signing_secret + wrong
        base = b"v0:" + str(timestamp).encode() + b":" + raw  # over the raw bytes, UTF-8 or not
        sign = {
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": "v0="
            + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest(),
        }
    started = time.perf_counter()
    async with harness.session.post(
        harness.bot.events_url,
        data=raw,
        headers={"Content-Type": content_type, **sign, **(headers or {})},
    ) as response:
        text = await response.text()
        return response.status, text, time.perf_counter() - started


def form(**fields: str) -> str:
    return urlencode(fields)


def payload_form(payload: object) -> str:
    return urlencode({"payload": payload if isinstance(payload, str) else json.dumps(payload)})


# --- nothing half-made --------------------------------------------------------------------


async def incident_records(harness) -> list[Incident]:
    redis = harness.store.redis
    keys = [k async for k in redis.scan_iter(match="ic:incident:*", count=500)]
    raws = await redis.mget(keys) if keys else []
    return [Incident.model_validate_json(raw) for raw in raws if raw]


async def settled_records(harness, timeout: float = 10.0) -> list[Incident]:
    """Every incident record once none is still being declared (fails if one stays so)."""
    deadline = time.monotonic() + timeout
    while True:
        records = await incident_records(harness)
        declaring = [r.id for r in records if r.lifecycle is Lifecycle.DECLARING]
        if not declaring:
            return records
        assert time.monotonic() < deadline, f"still declaring after {timeout}s: {declaring}"
        await asyncio.sleep(0.05)


async def assert_nothing_half_made(harness) -> list[Incident]:
    """Every record is ready (channel, card posted and pinned, channel indexed) or failed with
    no channel; every war-room channel belongs to a ready record. Returns the records."""
    slack = harness.slack
    records = await settled_records(harness)
    by_channel = {}
    for record in records:
        if record.lifecycle is Lifecycle.FAILED:
            assert record.channel_id is None or slack.channel(record.channel_id) is None, (
                f"{record.id} failed but its channel exists"
            )
            continue
        assert record.lifecycle is Lifecycle.READY, record
        assert record.channel_id and slack.channel(record.channel_id), f"{record.id} has no channel"
        assert record.card_ts and slack.message(record.channel_id, record.card_ts), (
            f"{record.id} has no card"
        )
        pinned = [m.ts for m in slack.pins(record.channel_id)]
        assert record.card_ts in pinned, f"{record.id} card not pinned"
        assert await harness.store.id_for_channel(record.channel_id) == record.id
        timeline = await harness.store.timeline(record.id)
        assert timeline and timeline[0].kind.value == "declared", f"{record.id}: {timeline[:1]}"
        by_channel[record.channel_id] = record
    for channel in slack.channels():
        if channel.creator == slack.bot.id:
            assert channel.id in by_channel, f"channel #{channel.name} belongs to no ready incident"
    return records


async def assert_nothing_created(harness) -> None:
    assert await incident_records(harness) == []
    assert harness.slack.calls("conversations.create") == []
    assert await harness.store.open_incidents() == []
