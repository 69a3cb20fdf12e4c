"""The real bot (HTTP endpoint and webhooks), a real redis-server and the Slack stand-in,
for abuse and bad-input tests. One harness per test; hypothesis tests draw a whole batch of
inputs per example and check invariants that hold however many examples ran before."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.settings import Settings
from slack_standin import SlackStandIn
from tests.intake.conftest import TRIAGE_CHANNEL, WEBHOOK_TOKEN, IntakeHarness
from tests.support.pace import fast_pace


@pytest.fixture
async def slack() -> AsyncIterator[SlackStandIn]:
    async with SlackStandIn(pace=fast_pace()) as standin:
        standin.add_channel("triage", channel_id=TRIAGE_CHANNEL, members=["alice", "bob"])
        yield standin


@pytest.fixture
async def harness(slack: SlackStandIn, redis_url: str) -> AsyncIterator[IntakeHarness]:
    """The bot with its Slack endpoint and webhook routes; `harness.post(path, body)` for
    webhooks, `harness.slack.user(...)` for people. No agent-step worker: nothing here runs one."""
    harness = IntakeHarness(slack, redis_url)
    harness.settings_overrides = {**harness.settings_overrides, "triage_channel": TRIAGE_CHANNEL,
                                 "webhook_token": WEBHOOK_TOKEN}
    if "embedded_worker" in Settings.model_fields:
        harness.settings_overrides["embedded_worker"] = False
    harness.session = aiohttp.ClientSession()
    await harness.start_bot()
    yield harness
    await harness.session.close()
    await harness.stop_all()
