"""The real bot (with its webhook routes), a real redis-server and the Slack stand-in."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.settings import Settings
from slack_standin import SlackStandIn
from tests.integration.conftest import Harness
from tests.support.pace import fast_pace

TRIAGE_CHANNEL = "C0TRIAGE"
WEBHOOK_TOKEN = "intake-test-token"


class IntakeHarness(Harness):
    """A Harness that also posts webhooks to the bot, with its bearer token unless the test
    passes its own `Authorization` header (webhooks are off without a token)."""

    session: aiohttp.ClientSession
    webhook_token = WEBHOOK_TOKEN

    async def post(
        self,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        data = raw if raw is not None else json.dumps(body).encode()
        headers = dict(headers or {})
        if self.webhook_token is not None:
            headers.setdefault("Authorization", f"Bearer {self.webhook_token}")
        async with self.session.post(
            self.bot.url + path,
            data=data,
            headers={"Content-Type": "application/json", **headers},
        ) as response:
            text = await response.text()
            try:
                return response.status, json.loads(text)
            except ValueError:
                return response.status, {"text": text}

    def war_rooms(self) -> list:
        return [c for c in self.slack.channels() if c.name.startswith("inc-")]


@pytest.fixture
async def slack() -> AsyncIterator[SlackStandIn]:
    async with SlackStandIn(pace=fast_pace()) as standin:
        standin.add_channel("triage", channel_id=TRIAGE_CHANNEL, members=["alice", "bob"])
        yield standin


@pytest.fixture
async def intake(slack: SlackStandIn, redis_url: str) -> AsyncIterator[IntakeHarness]:
    harness = IntakeHarness(slack, redis_url)
    harness.settings_overrides = {"triage_channel": TRIAGE_CHANNEL, "webhook_token": WEBHOOK_TOKEN}
    if "embedded_worker" in Settings.model_fields:  # no agent-step worker: these tests run none
        harness.settings_overrides["embedded_worker"] = False
    harness.session = aiohttp.ClientSession()
    await harness.start_bot()
    yield harness
    await harness.session.close()
    await harness.stop_all()
